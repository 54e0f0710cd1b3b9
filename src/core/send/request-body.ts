// Turns an OutgoingBody into what undici sends, once per attempt (a redirect that keeps the
// body sends it again, so streams are opened anew through `open()`).
import type { Readable } from 'node:stream';
import type { OutgoingBody } from './send-model';

export interface PreparedBody {
  readonly payload: string | Uint8Array | Readable;
  /** Byte length when known up front; undefined sends the body chunked. */
  readonly length?: number;
  /** Set once the stream reported an error, so the failure is blamed on the source. */
  readonly sourceError: () => unknown;
}

export type PrepareBodyResult =
  | { readonly ok: true; readonly body: PreparedBody }
  | { readonly ok: false; readonly error: unknown; readonly replay: boolean };

export function prepareBody(body: OutgoingBody, previous?: PreparedBody): PrepareBodyResult {
  switch (body.kind) {
    case 'text':
      return {
        ok: true,
        body: { payload: body.text, length: Buffer.byteLength(body.text), sourceError: () => undefined },
      };
    case 'bytes':
      return { ok: true, body: { payload: body.bytes, length: body.bytes.byteLength, sourceError: () => undefined } };
    case 'stream':
      return openStream(body, previous);
  }
}

function openStream(
  body: Extract<OutgoingBody, { kind: 'stream' }>,
  previous: PreparedBody | undefined,
): PrepareBodyResult {
  let stream: Readable;
  try {
    stream = body.open();
  } catch (error) {
    return { ok: false, error, replay: previous !== undefined };
  }
  // An `open()` that hands back the stream it already gave (or one already read) cannot be
  // sent twice; sending it would put an empty or partial body on the wire.
  if (stream === previous?.payload || stream.readableDidRead || stream.destroyed || stream.readableEnded) {
    return { ok: false, error: new Error('the body stream was already read'), replay: true };
  }
  let sourceError: unknown;
  stream.once('error', (error) => (sourceError ??= error));
  return { ok: true, body: { payload: stream, length: body.length, sourceError: () => sourceError } };
}
