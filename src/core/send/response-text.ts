// A response body as text, decoded by its charset, once per response object: the session
// (named results), the conflict dialects and the editor all ask for it.
import type { HttpResponse } from './send-model';
import { headerValue } from './send-model';

const textCache = new WeakMap<HttpResponse, string>();

function charsetOf(contentType: string | undefined): string {
  const match = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return match ? match[1].toLowerCase() : 'utf-8';
}

/** One decoder per charset label: making one per response showed in the session's profile. */
const decoders = new Map<string, InstanceType<typeof TextDecoder>>();

function decoderFor(charset: string): InstanceType<typeof TextDecoder> {
  let decoder = decoders.get(charset);
  if (!decoder) {
    try {
      decoder = new TextDecoder(charset);
    } catch {
      // An unknown charset label: UTF-8 is the best guess for API bodies.
      decoder = new TextDecoder('utf-8');
    }
    // Labels come from servers: a bounded few are kept.
    if (decoders.size < 32) decoders.set(charset, decoder);
  }
  return decoder;
}

function decode(bytes: Uint8Array, contentType: string | undefined): string {
  // A decoder without `stream` keeps no state from one decode to the next: it can be shared.
  return decoderFor(charsetOf(contentType)).decode(bytes);
}

export function responseText(response: HttpResponse): string {
  let text = textCache.get(response);
  if (text === undefined) {
    text = decode(response.body, headerValue(response.headers, 'content-type'));
    textCache.set(response, text);
  }
  return text;
}
