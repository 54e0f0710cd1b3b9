// The line merge's results pinned exactly — conflict ids and wording, the change lists, line
// endings and a last line without a newline — found by mutation testing, where these were
// only checked loosely (a conflict exists, the text contains a line).
import { strict as assert } from 'node:assert';
import { mergeBodies, resolveConflicts } from '../../../src/core/merge/merge-bodies';

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('line merge results', () => {
  it('lists what each side changed, line by line, with base and new text', () => {
    const result = mergeBodies({ base: 'a\nb\nc\nd\n', ours: 'a\nb\nc\nd\n', theirs: 'a\nX\nY\nd\ne\n' });
    assert.equal(result.kind, 'text');
    assert.equal(result.mode, 'three-way');
    assert.deepEqual(plain(result.theirsChanges), [
      { at: 'lines:2-3', kind: 'changed', before: 'b\nc', after: 'X\nY' },
      { at: 'lines:5-5', kind: 'added', after: 'e' },
    ]);
    assert.deepEqual(result.oursChanges, []);
    const removal = mergeBodies({ base: 'a\nb\nc\n', ours: 'a\nb\nc\n', theirs: 'a\nc\n' });
    assert.deepEqual(plain(removal.theirsChanges), [{ at: 'lines:2-2', kind: 'removed', before: 'b' }]);
    assert.equal(removal.merged, 'a\nc\n');
  });

  it('lists no changes in a two-way line merge', () => {
    const result = mergeBodies({ ours: 'a\nb\n', theirs: 'a\nc\n' });
    assert.equal(result.mode, 'two-way');
    assert.deepEqual([result.theirsChanges, result.oursChanges], [[], []]);
  });

  it('names the lines of a conflict in its id and description', () => {
    const twoWay = mergeBodies({ ours: 'a\nb\n', theirs: 'a\nc\n' });
    assert.deepEqual(
      twoWay.conflicts.map((c) => [c.id, c.description]),
      [['lines:2-2', "line 2: your text differs from the server's (no earlier version to compare with)"]],
    );
    const threeWay = mergeBodies({ base: 'a\nb\nc\nd\n', ours: 'a\nB1\nC1\nd\n', theirs: 'a\nB2\nC2\nd\n' });
    assert.deepEqual(
      threeWay.conflicts.map((c) => [c.id, c.description, c.base, c.ours, c.theirs]),
      [['lines:2-3', 'lines 2-3: you and the server both changed this part differently', 'b\nc', 'B1\nC1', 'B2\nC2']],
    );
  });

  it('takes a change both sides made alike without a conflict', () => {
    const result = mergeBodies({ base: 'a\nb\nc\n', ours: 'a\nX\nc\n', theirs: 'a\nX\nc\n' });
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.merged, 'a\nX\nc\n');
  });

  it('deletes the lines when the user resolves a conflict with an empty text', () => {
    const input = { base: 'a\nb\nc\n', ours: 'a\nB1\nc\n', theirs: 'a\nB2\nc\n' };
    const [conflict] = mergeBodies(input).conflicts;
    const resolved = resolveConflicts(input, new Map([[conflict.id, { kind: 'value', text: '' } as const]]));
    assert.deepEqual(resolved.conflicts, []);
    assert.equal(resolved.merged, 'a\nc\n');
  });

  it("keeps the user's line endings and a last line without a newline", () => {
    assert.equal(mergeBodies({ base: 'a\nb', ours: 'a\nb', theirs: 'a\nB' }).merged, 'a\nB');
    assert.equal(mergeBodies({ base: 'a\nb', ours: 'a\nb', theirs: 'a\nb\nc' }).merged, 'a\nb\nc');
    assert.equal(mergeBodies({ base: 'a\nb\n', ours: 'a\r\nb\r\n', theirs: 'a\nB\n' }).merged, 'a\r\nB\r\n');
    assert.equal(mergeBodies({ base: 'a\r\nb', ours: 'a\r\nb', theirs: 'a\r\nB' }).merged, 'a\r\nB');
  });

  it('reads a body that starts with an empty line', () => {
    assert.equal(mergeBodies({ base: '\na\nb\n', ours: '\na\nb\n', theirs: '\nA\nb\n' }).merged, '\nA\nb\n');
  });
});
