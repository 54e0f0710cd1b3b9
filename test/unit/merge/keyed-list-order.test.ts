// The order a merged list of records (elements with an id) comes out in, worked out by hand —
// found by mutation testing: the placement of the user's own additions in a list the server
// reordered, and the user's choice when both reordered, were not pinned.
import { strict as assert } from 'node:assert';
import { mergeBodies, resolveConflicts } from '../../../src/core/merge/merge-bodies';

const list = (...ids: number[]) => JSON.stringify(ids.map((id) => ({ id })));
const idsOf = (merged: string) => (JSON.parse(merged) as Array<{ id: number }>).map((r) => r.id);

describe('order of a merged list of records', () => {
  it("takes the server's new order and puts each of the user's additions after the record before it", () => {
    const result = mergeBodies({ base: list(1, 2, 3), ours: list(0, 1, 9, 2, 3, 10), theirs: list(3, 2, 1) });
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(idsOf(result.merged), [0, 3, 2, 1, 9, 10]);
  });

  it('leaves out a record the server removed, keeping the additions around it in place', () => {
    const result = mergeBodies({ base: list(1, 2, 3), ours: list(0, 1, 9, 2, 3, 10), theirs: list(3, 1) });
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(idsOf(result.merged), [0, 3, 1, 9, 10]);
  });

  it("keeps the user's order when only the user reordered, with the server's additions", () => {
    const result = mergeBodies({ base: list(1, 2, 3), ours: list(3, 1, 2), theirs: list(1, 2, 3, 4) });
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(idsOf(result.merged), [3, 1, 2, 4]);
  });

  it('asks which order stands when both reordered differently, and applies the answer', () => {
    const input = { base: list(1, 2, 3), ours: list(3, 1, 2), theirs: list(2, 3, 1) };
    const result = mergeBodies(input);
    assert.equal(result.conflicts.length, 1);
    assert.deepEqual(idsOf(result.merged), [3, 1, 2], "the user's order stays until decided");
    const id = result.conflicts[0].id;
    assert.deepEqual(idsOf(resolveConflicts(input, new Map([[id, { kind: 'theirs' } as const]])).merged), [2, 3, 1]);
    assert.deepEqual(idsOf(resolveConflicts(input, new Map([[id, { kind: 'ours' } as const]])).merged), [3, 1, 2]);
    assert.deepEqual(
      idsOf(resolveConflicts(input, new Map([[id, { kind: 'value', text: list(1, 2, 3) } as const]])).merged),
      [1, 2, 3],
    );
  });

  it('asks nothing when both moved records into the same new order', () => {
    const result = mergeBodies({ base: list(1, 2, 3), ours: list(3, 2, 1), theirs: list(3, 2, 1, 4) });
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(idsOf(result.merged), [3, 2, 1, 4]);
  });
});
