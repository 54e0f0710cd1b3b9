// Content-Encoding decoders. We decode ourselves rather than use undici's decompress
// interceptor because that one skips status >= 400 by default, and a gzipped 409 body is
// exactly what the conflict view needs (security.md §4.4).
import { Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';

/** More stacked encodings than this is refused (curl CVE-2022-32206). */
export const maxStackedEncodings = 5;

export type EncodingPlan =
  | { readonly kind: 'decode'; readonly encodings: readonly string[] }
  | { readonly kind: 'unsupported'; readonly encoding: string }
  | { readonly kind: 'too-many'; readonly count: number };

/** Encodings in the order to undo them (the last one applied comes first). */
export function planDecoding(contentEncoding: string | undefined): EncodingPlan {
  const listed = (contentEncoding ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '' && token !== 'identity');
  if (listed.length > maxStackedEncodings) return { kind: 'too-many', count: listed.length };
  for (const encoding of listed) {
    if (!isSupportedEncoding(encoding)) return { kind: 'unsupported', encoding };
  }
  return { kind: 'decode', encodings: listed.reverse() };
}

function isSupportedEncoding(encoding: string): boolean {
  if (encoding === 'zstd')
    return typeof (zlib as { createZstdDecompress?: unknown }).createZstdDecompress === 'function';
  return encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate' || encoding === 'br';
}

export function createDecoder(encoding: string): Transform {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      // Lenient like browsers: a server that flushes without the final block still decodes.
      return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'deflate':
      return new DeflateDecoder();
    case 'br':
      return zlib.createBrotliDecompress();
    case 'zstd':
      return (zlib as unknown as { createZstdDecompress: () => Transform }).createZstdDecompress();
    default:
      throw new Error(`unsupported content encoding ${encoding}`);
  }
}

/** The header says "deflate", but servers send both zlib-wrapped and raw deflate data. */
function looksZlibWrapped(first: Buffer): boolean {
  if (first.length < 2) return (first[0] & 0x0f) === 8;
  return (first[0] & 0x0f) === 8 && ((first[0] << 8) | first[1]) % 31 === 0;
}

class DeflateDecoder extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
      const inner = looksZlibWrapped(chunk) ? zlib.createInflate(options) : zlib.createInflateRaw(options);
      inner.on('data', (data: Buffer) => this.push(data));
      inner.on('error', (error) => this.destroy(error));
      this.inner = inner;
    }
    this.inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) return callback();
    this.inner.once('end', () => callback());
    this.inner.end();
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }
}

export function describeEncoding(encoding: string): string {
  return encoding === 'x-gzip' ? 'gzip' : encoding;
}
