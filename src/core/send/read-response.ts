// Reads the body of a final (non-redirect) response into an HttpResponse: decoded, capped,
// with notices the user should see.
import { performance } from 'node:perf_hooks';
import { planDecoding, describeEncoding } from './decode-body';
import { describeBytes } from './describe-amount';
import type { Hop } from './follow-redirects';
import { errorCode } from './error-code';
import { mapFailure } from './map-failure';
import { BodyDecodeError, BodyReadError, readCappedBody, type CappedBody } from './read-capped-body';
import { failureContext, type HopContext, type ResponseHead } from './send-hop';
import { headerValue, type HttpResponse, type SendResult } from './send-model';
import { attemptTimings } from './timings';

const encodingNames: Record<string, string> = { gzip: 'gzip', br: 'Brotli', deflate: 'deflate', zstd: 'zstd' };

function decodeFailureMessage(encoding: string): string {
  const name = encodingNames[describeEncoding(encoding)] ?? encoding;
  return `The server said the body is ${name}-compressed but it is not valid ${name}. Remove Accept-Encoding from the request to ask for the body uncompressed.`;
}

function expectedLength(head: ResponseHead, method: string): number | undefined {
  const raw = headerValue(head.headers, 'content-length');
  if (raw === undefined || method.toUpperCase() === 'HEAD') return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function causeOf(error: unknown): { cause?: string } {
  const code = errorCode(error);
  return code ? { cause: code } : {};
}

export interface FinalResponseInput {
  readonly hop: Hop;
  readonly head: ResponseHead;
  readonly context: HopContext;
  readonly redirects: readonly string[];
  readonly notices: readonly string[];
}

export async function readFinalResponse({
  hop,
  head,
  context,
  redirects,
  notices,
}: FinalResponseInput): Promise<SendResult> {
  const shown = [...notices];
  const plan = planDecoding(headerValue(head.headers, 'content-encoding'));
  if (plan.kind === 'too-many') {
    head.body.cancel();
    const message = `The server stacked ${plan.count} content encodings on the body; more than 5 is refused as a likely decompression bomb.`;
    return { ok: false, failure: { code: 'decode', phase: 'body', message, mayHaveReachedServer: false } };
  }
  if (plan.kind === 'unsupported') {
    shown.push(`The body is ${plan.encoding}-encoded, which cannot be decoded here; it is shown as received.`);
  }
  const maxBytes = context.options.maxBodyBytes;
  let body: CappedBody;
  try {
    body =
      plan.kind === 'decode' && plan.encodings.length > 0
        ? await readCappedBody(head.body.stream(), plan.encodings, maxBytes)
        : await head.body.readCapped(maxBytes, expectedLength(head, hop.method));
  } catch (error) {
    head.trace.endedAt = performance.now();
    if (error instanceof BodyDecodeError) {
      const failureTimings = attemptTimings(head.trace, context.exchangeStartedAt, {
        url: hop.url,
        proxy: context.proxy,
      });
      return {
        ok: false,
        failure: {
          code: 'decode',
          phase: 'body',
          message: decodeFailureMessage(error.encoding),
          ...causeOf(error.original),
          mayHaveReachedServer: false,
          timings: failureTimings,
        },
      };
    }
    const read = error instanceof BodyReadError ? error : new BodyReadError(0, error);
    const expected = expectedLength(head, hop.method);
    const failureInput = failureContext(hop, context, head.trace, {
      bodyBytesReceived: read.wireBytes,
      ...(expected !== undefined ? { bodyBytesExpected: expected } : {}),
    });
    return { ok: false, failure: mapFailure(read.original, failureInput) };
  }
  head.trace.endedAt = performance.now();
  if (body.truncated) shown.push(`Response body truncated at ${describeBytes(maxBytes)} (the server sent more)`);
  const response: HttpResponse = {
    status: head.status,
    statusText: head.statusText,
    // undici's request() runs HTTP/1.1 only here (we never enable allowH2).
    httpVersion: '1.1',
    headers: head.headers,
    body: body.bytes,
    truncated: body.truncated,
    wireBytes: body.wireBytes,
    timings: attemptTimings(head.trace, context.exchangeStartedAt, { url: hop.url, proxy: context.proxy }),
    url: hop.url.href,
    redirects,
    notices: shown,
  };
  return { ok: true, response };
}
