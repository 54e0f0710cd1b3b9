import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { HopHandler } from '../../../src/core/send/hop-handler';
import type { CappedBody } from '../../../src/core/send/read-capped-body';

/** Drives a handler as undici does: the head, then `chunks`, then the end; the reader comes after `early` chunks. */
async function readThroughHandler(
  chunks: readonly Buffer[],
  options: { maxBytes: number; announced?: number; early: number },
): Promise<{ body: CappedBody; aborted: boolean }> {
  const handler = new HopHandler(undefined);
  let aborted = false;
  handler.onConnect(() => (aborted = true));
  handler.onHeaders(200, [], () => undefined, 'OK');
  await handler.head;
  let next = 0;
  for (; next < Math.min(options.early, chunks.length); next++) handler.onData(chunks[next]);
  const reading = handler.readCapped(options.maxBytes, options.announced);
  for (; next < chunks.length && !aborted; next++) handler.onData(chunks[next]);
  if (!aborted) handler.onComplete();
  return { body: await reading, aborted };
}

function split(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const at of [...points, bytes.length]) {
    if (at > from) chunks.push(bytes.subarray(from, at));
    from = at;
  }
  return chunks;
}

describe('a response body read by the attempt handler', () => {
  it('keeps exactly the bytes sent, up to the cap, however they were chunked and whatever length was announced', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 10_000 }).map((a) => Buffer.from(a)),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.nat({ max: 12_000 }),
        fc.oneof(fc.constant(undefined), fc.constant('exact' as const), fc.nat({ max: 12_000 })),
        fc.nat({ max: 6 }),
        async (bytes, cuts, maxBytes, announce, early) => {
          const announced = announce === 'exact' ? bytes.length : announce;
          const chunks = split(bytes, cuts);
          const { body } = await readThroughHandler(chunks, { maxBytes, announced, early });
          const kept = bytes.subarray(0, maxBytes);
          assert.deepEqual(Buffer.from(body.bytes), kept);
          assert.equal(body.truncated, bytes.length > maxBytes);
          // What came over the wire is counted up to where reading stopped (the cap closes the connection).
          assert.ok(body.wireBytes >= kept.length && body.wireBytes <= bytes.length);
          // The buffer holds the body and nothing else (never memory a preallocation left unwritten).
          assert.ok(body.bytes.byteLength === kept.length);
          assert.ok(
            body.bytes.buffer.byteLength === body.bytes.byteLength || body.bytes.byteLength < 4096,
            'a big body owns its memory',
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('joins nothing once the last byte came when the server announced the length', async () => {
    const chunks = Array.from({ length: 40 }, (_, i) => Buffer.alloc(64 * 1024, i));
    const concat = Buffer.concat;
    let joins = 0;
    Buffer.concat = (list: readonly Uint8Array[], total?: number) => {
      joins++;
      return concat(list, total);
    };
    try {
      const { body } = await readThroughHandler(chunks, {
        maxBytes: 10 * 1024 * 1024,
        announced: 40 * 64 * 1024,
        early: 3,
      });
      assert.equal(body.bytes.length, 40 * 64 * 1024);
      assert.equal(body.bytes[64 * 1024 * 39], 39);
    } finally {
      Buffer.concat = concat;
    }
    assert.equal(joins, 0, 'each chunk was copied into the body as it came');
  });
});
