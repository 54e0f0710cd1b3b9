// Evidence that a server compares weak ETags in If-Match: it answered 2xx to a write that
// carried one. RFC 9110 says If-Match compares strongly, and Apache does: a weak tag never
// matches there. Many servers do not (OData, Azure Table, Express apps); once one has shown
// it, a weak ETag from it may be resent as it is instead of being refused.
import { headerValue } from '../send/send-model';
import type { Exchange } from './conflict-model';
import { isSuccess } from './exchange-body';

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export class WeakIfMatchEvidence {
  private readonly origins = new Set<string>();

  /** Looks at every exchange; remembers the origin when a weak If-Match was accepted. */
  observe(exchange: Exchange): void {
    if (!isSuccess(exchange.response.status)) return;
    const sent = headerValue(exchange.request.headers, 'if-match');
    if (!sent || !/^\s*W\//.test(sent)) return;
    const origin = originOf(exchange.request.url);
    if (origin) this.origins.add(origin);
  }

  /** For `ConflictOptions.acceptedWeakIfMatch`. */
  readonly accepted = (url: string): boolean => {
    const origin = originOf(url);
    return origin !== undefined && this.origins.has(origin);
  };
}
