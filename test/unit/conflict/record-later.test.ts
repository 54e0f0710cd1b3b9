// A big body's snapshot is kept after the panel has been sent the response: the work queued
// waits for a message posted in the same task to go out, runs in order, never throws into the
// send, and a read of the store waits for it.
import { strict as assert } from 'node:assert';
import { readsAfter, RecordLater } from '../../../src/core/conflict/record-later';
import { MemorySnapshotStore, type Snapshot } from '../../../src/core/conflict/snapshot-store';

const url = 'http://api.test/documents/7';

function snapshot(etag: string): Snapshot {
  return {
    url,
    status: 200,
    tokens: [{ value: etag, location: { kind: 'header', name: 'If-Match' } }],
    bodyText: `{"etag":${JSON.stringify(etag)}}`,
    contentType: 'application/json',
    time: new Date(0).toISOString(),
  };
}

describe('RecordLater (snapshots of big bodies kept after the send)', () => {
  it('runs the work after a timer the queuing task set afterwards (the posted message goes out first)', async () => {
    const order: string[] = [];
    const later = new RecordLater();
    later.queue(() => void order.push('record'));
    // The send's promise chain goes on to post the response to the panel, and the editor's
    // RPC writes a posted message out on a timer of its own.
    for (let step = 0; step < 5; step++) await Promise.resolve();
    setTimeout(() => order.push('message written'), 0);
    assert.deepEqual(order, []);
    await later.settled();
    assert.deepEqual(order, ['message written', 'record']);
  });

  it('runs queued work in order, one piece after the other, even when one fails', async () => {
    const order: string[] = [];
    const errors: string[] = [];
    const later = new RecordLater((error) => errors.push((error as Error).message));
    later.queue(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push('first');
    });
    later.queue(() => {
      throw new Error('disk full');
    });
    later.queue(() => void order.push('third'));
    await later.settled();
    assert.deepEqual(order, ['first', 'third']);
    assert.deepEqual(errors, ['disk full']);
  });

  it('a read of the store waits for the snapshots still to be kept', async () => {
    const store = new MemorySnapshotStore();
    const later = new RecordLater();
    const reads = readsAfter(later, store);
    later.queue(() => store.record(snapshot('"v1"')));
    const history = await reads.history(url);
    assert.deepEqual(
      history.map((s) => s.tokens[0].value),
      ['"v1"'],
    );
  });
});
