import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { digestInSlices } from '../../../src/core/history/body-digest';
import { historyEntry, historyEntrySliced } from '../../../src/core/history/history-entry';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function bodyOf(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return bytes;
}

describe('the digest History keeps of a body it does not keep', () => {
  it('is the sha256 of the whole body, however it is sliced', async () => {
    for (const length of [0, 1, 1000, 4096, 10_001]) {
      const bytes = bodyOf(length);
      assert.equal(await digestInSlices(bytes, 1024), sha256(bytes), `${length} bytes`);
    }
  });

  it('gives the thread back between slices', async () => {
    let other = false;
    // Queued before the hash starts: it runs only if the hash gives the thread back.
    setImmediate(() => (other = true));
    await digestInSlices(bodyOf(64 * 1024), 1024);
    assert.ok(other, 'other work ran while the body was hashed');
  });

  it('makes the same entry as the one-piece hash for a body over the limit', async () => {
    const input = {
      request: { method: 'GET', url: 'http://127.0.0.1/big', headers: [] },
      response: {
        status: 200,
        statusText: 'OK',
        httpVersion: '1.1',
        headers: [['content-type', 'application/octet-stream']] as Array<[string, string]>,
        body: bodyOf(3 * 1024 * 1024 + 5),
        truncated: false,
        timings: { total: 3 },
      },
      time: new Date('2026-11-28T00:00:00Z'),
    };
    const sliced = await historyEntrySliced(input, [], 1024 * 1024);
    const whole = historyEntry(input, [], 1024 * 1024);
    assert.equal(sliced.response.bodyDigest, sha256(input.response.body));
    assert.deepEqual({ ...sliced, id: '' }, { ...whole, id: '' });
  });
});
