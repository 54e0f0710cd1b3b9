// Issue 21: in the editor, a big body's snapshot waits until the panel has taken the response
// (RecordLater's turn); whoever classifies the next exchange still sees it kept.
import { strict as assert } from 'node:assert';
import { readsAfter, RecordLater } from '../../../src/core/conflict/record-later';
import { MemorySnapshotStore } from '../../../src/core/conflict/snapshot-store';

const url = 'http://api.test/documents/7';
const timerTurns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('RecordLater with a turn of its own (the panel has the response)', () => {
  it('starts the work only when its turn comes, and a read of the store waits for it', async () => {
    const turns: Array<() => void> = [];
    const later = new RecordLater(undefined, () => new Promise<void>((resolve) => turns.push(resolve)));
    const store = new MemorySnapshotStore();
    const reads = readsAfter(later, store);
    later.queue(() =>
      store.record({
        url,
        status: 200,
        tokens: [],
        bodyText: '{}',
        contentType: 'application/json',
        time: new Date(0).toISOString(),
      }),
    );
    let read: number | undefined;
    void reads.history(url).then((kept) => (read = kept.length));
    await timerTurns(5);
    assert.equal(turns.length, 1, 'waiting for its turn');
    assert.equal(read, undefined, 'the read waits too');
    assert.equal((await store.history(url)).length, 0, 'nothing kept before its turn');

    turns[0]();
    await later.settled();
    await timerTurns(1);
    assert.equal(read, 1, 'the read sees the snapshot kept');
  });
});
