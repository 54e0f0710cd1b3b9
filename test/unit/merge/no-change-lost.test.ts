// Each shape in which the merge once lost a change without a conflict (issue 15): lists
// without ids, comments, repeated keys, numbers past a double, keyed lists reordered on both
// sides, invalid and very deep bodies.
import { strict as assert } from 'node:assert';
import { mergeBodies, resolveConflicts } from '../../../src/core/merge/merge-bodies';
import type { MergeInput, MergeResult } from '../../../src/core/merge/merge-model';
import { applyTextEdits } from '../../../src/core/merge/text-edits';

function merge(input: MergeInput): MergeResult {
  const result = mergeBodies(input);
  assert.equal(applyTextEdits(input.ours, result.edits), result.merged, 'edits applied to ours give merged');
  return result;
}

/** JSONC as sent: comments dropped (the tests' comments never hold quotes). */
function valueOf(text: string): unknown {
  return JSON.parse(text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, ''));
}

const ids = (result: MergeResult): string[] => result.conflicts.map((c) => c.id);

describe('the merge never loses a change silently', () => {
  describe('comments', () => {
    it('puts a member the server added on its own line after the user\'s line comment', () => {
      const result = merge({
        base: '{"title": "Old"}',
        ours: '{ "title": "New" // my change\n}',
        theirs: '{"title": "Old", "tags": ["x"]}',
      });
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.merged, '{ "title": "New", // my change\n  "tags": ["x"]\n}');
      assert.deepEqual(valueOf(result.merged), { title: 'New', tags: ['x'] });
    });

    it('puts an element the server appended after the user\'s line comment in an array', () => {
      const result = merge({ base: '{"t": [1, 2], "x": 0}', ours: '{"t": [1, 2 // two\n], "x": 1}', theirs: '{"t": [1, 2, 3], "x": 0}' });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(valueOf(result.merged), { t: [1, 2, 3], x: 1 });
      assert.ok(result.merged.includes('// two'));
    });

    it('never cuts a block comment that runs over several lines', () => {
      const result = merge({
        base: '{"title": "Old"}',
        ours: '{\n  "title": "New" /* my\n  change */\n}',
        theirs: '{"title": "Old", "tags": ["x"]}',
      });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(valueOf(result.merged), { title: 'New', tags: ['x'] });
      assert.ok(result.merged.includes('/* my\n  change */'));
    });

    it('restores a member on its own line when the user takes theirs after a line comment', () => {
      const input = { base: '{"title": "Old", "tags": ["a"]}', ours: '{ "title": "New" // my change\n}', theirs: '{"title": "Old", "tags": ["b"]}' };
      assert.deepEqual(ids(merge(input)), ['/tags']);
      const resolved = resolveConflicts(input, new Map([['/tags', { kind: 'theirs' } as const]]));
      assert.deepEqual(resolved.conflicts, []);
      assert.deepEqual(valueOf(resolved.merged), { title: 'New', tags: ['b'] });
    });

    it('keeps the closing bracket out of a comment when members move', () => {
      const result = merge({
        base: '{"items": [{"id": 1}, {"id": 2}], "x": 0}',
        ours: '{"items": [{"id": 1}, // first\n {"id": 2}], "x": 1}',
        theirs: '{"items": [{"id": 2}, {"id": 1}], "x": 0}',
      });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(valueOf(result.merged), { items: [{ id: 2 }, { id: 1 }], x: 1 });
    });
  });
});
