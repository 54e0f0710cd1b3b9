// Reads an encoded response body through its decoders and keeps at most `maxBytes` decoded
// bytes. The cap counts decoded bytes (a small gzip can expand enormously) and reading stops
// as soon as it is reached: the streams are destroyed, so the rest is never buffered. A body
// that is not encoded is read by the attempt's handler itself (hop-handler.ts).
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDecoder } from './decode-body';

export interface CappedBody {
  readonly bytes: Uint8Array;
  readonly truncated: boolean;
  readonly wireBytes: number;
}

/** Thrown when a decoder rejects the data; transport errors pass through unchanged. */
export class BodyDecodeError extends Error {
  constructor(
    readonly encoding: string,
    readonly wireBytes: number,
    readonly original: unknown,
  ) {
    super(`invalid ${encoding} data`);
  }
}

/** Thrown for transport failures while reading, with how far the body had got. */
export class BodyReadError extends Error {
  constructor(
    readonly wireBytes: number,
    readonly original: unknown,
  ) {
    super('body read failed');
  }
}

// Node accepts a list of stages plus options; its typings only describe fixed arities.
const runPipeline = pipeline as unknown as (
  stages: readonly unknown[],
  options: { signal: AbortSignal },
) => Promise<void>;

export async function readCappedBody(
  source: Readable,
  decodeOrder: readonly string[],
  maxBytes: number,
): Promise<CappedBody> {
  let wireBytes = 0;
  let keptBytes = 0;
  let truncated = false;
  const kept: Buffer[] = [];
  const decoders: Transform[] = decodeOrder.map(createDecoder);
  let decodeFailure: { encoding: string; error: unknown } | undefined;
  decoders.forEach((decoder, index) =>
    decoder.once('error', (error) => {
      decodeFailure ??= { encoding: decodeOrder[index], error };
    }),
  );
  let transportError: unknown;
  source.on('error', (error) => (transportError ??= error));

  const stop = new AbortController();
  async function* countWire(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      wireBytes += chunk.length;
      yield chunk;
    }
  }
  async function keep(chunks: AsyncIterable<Buffer>): Promise<void> {
    for await (const chunk of chunks) {
      const room = maxBytes - keptBytes;
      if (chunk.length > room) {
        if (room > 0) kept.push(chunk.subarray(0, room));
        keptBytes = maxBytes;
        truncated = true;
        stop.abort();
        return;
      }
      kept.push(chunk);
      keptBytes += chunk.length;
    }
  }

  try {
    await runPipeline([source, countWire, ...decoders, keep], { signal: stop.signal });
  } catch (error) {
    if (!truncated) {
      // The source failed first when both report: its error is what the decoders were destroyed with.
      if (transportError === undefined && decodeFailure && wireBytes > 0) {
        throw new BodyDecodeError(decodeFailure.encoding, wireBytes, decodeFailure.error);
      }
      if (transportError !== undefined || !decodeFailure) throw new BodyReadError(wireBytes, transportError ?? error);
    }
  } finally {
    if (!source.destroyed) source.destroy();
  }
  return { bytes: Buffer.concat(kept, keptBytes), truncated, wireBytes };
}
