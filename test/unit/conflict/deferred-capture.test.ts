// Snapshot capture runs after the send, off the request path; nothing that reads the store may
// tell the difference: every read first captures what is pending, in the order it was sent.
import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs';
import { DeferredCapture } from '../../../src/core/conflict/deferred-capture';
import {
  findBase,
  MemorySnapshotStore,
  type Snapshot,
  type SnapshotStore,
} from '../../../src/core/conflict/snapshot-store';
import { exchange, outgoing } from './exchange-builder';

const url = 'http://api.test/documents/7';

function read(etag: string, title: string) {
  return exchange(outgoing('GET', url), {
    status: 200,
    headers: [
      ['Content-Type', 'application/json'],
      ['ETag', etag],
    ],
    body: { title },
  });
}

describe('deferred snapshot capture', () => {
  it('captures nothing during the send itself, everything before the next read of the store', async () => {
    const inner = new MemorySnapshotStore();
    const deferred = new DeferredCapture(inner);
    deferred.capture(read('"v1"', 'A'));
    deferred.capture(read('"v2"', 'B'));
    assert.deepEqual(await inner.history(url), [], 'nothing captured synchronously');
    const history = await deferred.history(url);
    assert.deepEqual(
      history.map((s) => s.tokens[0].value),
      ['"v2"', '"v1"'],
      'newest first, in send order',
    );
  });

  it('finds the base of a conflict right after the read, without waiting a turn', async () => {
    const deferred = new DeferredCapture(new MemorySnapshotStore());
    deferred.capture(read('"v1"', 'A'));
    const base = await findBase(deferred, url, [{ value: '"v1"', location: { kind: 'header', name: 'If-Match' } }]);
    assert.equal(base?.bodyText, JSON.stringify({ title: 'A' }));
  });

  it('keeps the time of the exchange, not of the capture, and skips what is not worth keeping', async () => {
    const inner = new MemorySnapshotStore();
    const deferred = new DeferredCapture(inner);
    const before = Date.now();
    deferred.capture(exchange(outgoing('GET', url), { status: 500, body: { error: 'x' } }));
    deferred.capture(read('"v3"', 'C'));
    await deferred.settled();
    const history = await inner.history(url);
    assert.equal(history.length, 1);
    const time = Date.parse(history[0].time);
    assert.ok(time >= before && time <= Date.now());
  });

  it('captures on its own once the request path yields, and reports a store that refuses a record', async () => {
    const recorded: Snapshot[] = [];
    const errors: string[] = [];
    const failing: SnapshotStore = {
      async record(s) {
        recorded.push(s);
        if (recorded.length === 1) throw new Error('disk full');
      },
      async history() {
        return recorded;
      },
    };
    const deferred = new DeferredCapture(failing, (e) => errors.push(e.message));
    // As in a session: the response arrives in an I/O callback (the poll phase), the capture is
    // queued there, and undici then writes the next request from an immediate of its own. The
    // check phase always follows the poll phase before any timer, so this order is fixed.
    const atImmediate = await new Promise<number>((resolve) =>
      readFile(__filename, () => {
        deferred.capture(read('"v1"', 'A'));
        deferred.capture(read('"v2"', 'B'));
        setImmediate(() => resolve(recorded.length));
      }),
    );
    assert.equal(atImmediate, 0, 'not in the check phase, where undici writes the next request');
    // A timer turn later, without any read of the store.
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(
      recorded.map((s) => s.tokens[0].value),
      ['"v1"', '"v2"'],
      'the second record still happens, in order',
    );
    assert.deepEqual(errors, ['disk full']);
  });
});
