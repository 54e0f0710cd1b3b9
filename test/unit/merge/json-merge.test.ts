import { strict as assert } from 'node:assert';
import { mergeBodies, resolveConflicts } from '../../../src/core/merge/merge-bodies';
import type { MergeInput, MergeResult } from '../../../src/core/merge/merge-model';
import { applyTextEdits } from '../../../src/core/merge/text-edits';

function merge(input: MergeInput): MergeResult {
  const result = mergeBodies(input);
  assert.equal(applyTextEdits(input.ours, result.edits), result.merged, 'edits applied to ours give merged');
  return result;
}

const parsed = (result: MergeResult): unknown => JSON.parse(result.merged);

describe('JSON merge', () => {
  describe('objects', () => {
    it('rebases a title change onto a concurrent tag change', () => {
      const result = merge({
        base: '{"title": "Draft", "tags": ["draft"]}',
        ours: '{ "title": "Updated Title", "tags": ["draft"] }',
        theirs: '{"title": "Draft", "tags": ["draft", "reviewed"]}',
        contentType: 'application/json',
      });
      assert.equal(result.kind, 'json');
      assert.equal(result.mode, 'three-way');
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.merged, '{ "title": "Updated Title", "tags": ["draft", "reviewed"] }');
      assert.deepEqual(result.theirsChanges, [{ at: '/tags/1', kind: 'added', after: '"reviewed"' }]);
      assert.deepEqual(result.oursChanges, [
        { at: '/title', kind: 'changed', before: '"Draft"', after: '"Updated Title"' },
      ]);
    });

    it('merges changes to different fields of nested objects', () => {
      const result = merge({
        base: '{"meta": {"author": {"name": "Ann", "mail": "a@x"}, "rev": 1}}',
        ours: '{\n  "meta": {\n    "author": {"name": "Anne", "mail": "a@x"},\n    "rev": 1\n  }\n}',
        theirs: '{"meta": {"author": {"name": "Ann", "mail": "ann@x"}, "rev": 1, "lang": "en"}}',
      });
      assert.deepEqual(result.conflicts, []);
      assert.equal(
        result.merged,
        '{\n  "meta": {\n    "author": {"name": "Anne", "mail": "ann@x"},\n    "rev": 1,\n    "lang": "en"\n  }\n}',
      );
    });

    it('conflicts when both sides change the title differently', () => {
      const result = merge({
        base: '{"title": "C", "body": "x"}',
        ours: '{"title": "A", "body": "x"}',
        theirs: '{"title": "B", "body": "y"}',
      });
      assert.equal(result.conflicts.length, 1);
      const [conflict] = result.conflicts;
      assert.equal(conflict.id, '/title');
      assert.deepEqual(conflict.path, ['title']);
      assert.equal(conflict.base, '"C"');
      assert.equal(conflict.ours, '"A"');
      assert.equal(conflict.theirs, '"B"');
      assert.equal(conflict.description, 'title: you set "A", the server now has "B" (it was "C")');
      // The user's value stays in the text until they decide; the clean change still lands.
      assert.equal(result.merged, '{"title": "A", "body": "y"}');
    });

    it('takes the same change made on both sides without a conflict', () => {
      const result = merge({ base: '{"a": 1}', ours: '{"a": 2}', theirs: '{"a": 2}' });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(result.edits, []);
    });

    it('removes a field the server deleted when the user left it alone', () => {
      const result = merge({
        base: '{"a": 1, "b": 2, "c": 3}',
        ours: '{\n  "a": 1,\n  "b": 2,\n  "c": 30\n}',
        theirs: '{"a": 1, "c": 3}',
      });
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.merged, '{\n  "a": 1,\n  "c": 30\n}');
    });

    it('conflicts when the user changed a field the server deleted', () => {
      const result = merge({ base: '{"a": 1, "b": 2}', ours: '{"a": 1, "b": 20}', theirs: '{"a": 1}' });
      assert.equal(result.conflicts.length, 1);
      assert.equal(result.conflicts[0].id, '/b');
      assert.equal(result.conflicts[0].theirs, undefined);
      assert.match(result.conflicts[0].description, /^b: you set 20, the server removed it \(it was 2\)$/);
      assert.equal(result.merged, '{"a": 1, "b": 20}');
    });

    it('conflicts when the user deleted a field the server changed', () => {
      const result = merge({ base: '{"a": 1, "b": 2}', ours: '{"a": 1}', theirs: '{"a": 1, "b": 3}' });
      assert.equal(result.conflicts.length, 1);
      assert.equal(result.conflicts[0].ours, undefined);
      assert.match(result.conflicts[0].description, /you removed it, the server changed it to 3/);
      assert.equal(result.merged, '{"a": 1}');
    });

    it('keeps a field the user deleted when the server left it alone', () => {
      const result = merge({ base: '{"a": 1, "b": 2}', ours: '{"a": 1}', theirs: '{"a": 1, "b": 2, "c": 3}' });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(parsed(result), { a: 1, c: 3 });
    });
  });

  describe('arrays with identity', () => {
    const base = JSON.stringify({
      items: [
        { id: 1, qty: 1 },
        { id: 2, qty: 2 },
        { id: 3, qty: 3 },
      ],
    });

    it('keeps records both sides added', () => {
      const result = merge({
        base,
        ours: '{"items": [\n  {"id": 1, "qty": 1},\n  {"id": 2, "qty": 2},\n  {"id": 3, "qty": 3},\n  {"id": 4, "qty": 4}\n]}',
        theirs: JSON.stringify({
          items: [
            { id: 1, qty: 1 },
            { id: 2, qty: 2 },
            { id: 3, qty: 3 },
            { id: 5, qty: 5 },
          ],
        }),
      });
      assert.deepEqual(result.conflicts, []);
      assert.equal(
        result.merged,
        '{"items": [\n  {"id": 1, "qty": 1},\n  {"id": 2, "qty": 2},\n  {"id": 3, "qty": 3},\n  {"id": 5, "qty": 5},\n  {"id": 4, "qty": 4}\n]}',
      );
    });

    it('merges edits to different records wherever they sit', () => {
      const result = merge({
        base,
        // The user's list is in another order: records are matched by id, not position.
        ours: JSON.stringify({
          items: [
            { id: 3, qty: 3 },
            { id: 1, qty: 10 },
            { id: 2, qty: 2 },
          ],
        }),
        theirs: JSON.stringify({
          items: [
            { id: 1, qty: 1 },
            { id: 2, qty: 2 },
            { id: 3, qty: 30 },
          ],
        }),
      });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(parsed(result), {
        items: [
          { id: 3, qty: 30 },
          { id: 1, qty: 10 },
          { id: 2, qty: 2 },
        ],
      });
    });

    it("drops a record the server deleted and keeps the user's edit to another", () => {
      const result = merge({
        base,
        ours: JSON.stringify(
          {
            items: [
              { id: 1, qty: 1 },
              { id: 2, qty: 22 },
              { id: 3, qty: 3 },
            ],
          },
          null,
          2,
        ),
        theirs: JSON.stringify({
          items: [
            { id: 2, qty: 2 },
            { id: 3, qty: 3 },
          ],
        }),
      });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(parsed(result), {
        items: [
          { id: 2, qty: 22 },
          { id: 3, qty: 3 },
        ],
      });
    });

    it('conflicts when the server deleted a record the user edited', () => {
      const result = merge({
        base,
        ours: JSON.stringify({
          items: [
            { id: 1, qty: 11 },
            { id: 2, qty: 2 },
            { id: 3, qty: 3 },
          ],
        }),
        theirs: JSON.stringify({
          items: [
            { id: 2, qty: 2 },
            { id: 3, qty: 3 },
          ],
        }),
      });
      assert.equal(result.conflicts.length, 1);
      assert.equal(result.conflicts[0].id, '/items/0');
      assert.equal(result.conflicts[0].ours, '{"id":1,"qty":11}');
      assert.equal(result.conflicts[0].theirs, undefined);
    });

    it('conflicts on the field when both sides edit the same record differently', () => {
      const result = merge({
        base,
        ours: JSON.stringify({
          items: [
            { id: 1, qty: 7 },
            { id: 2, qty: 2 },
            { id: 3, qty: 3 },
          ],
        }),
        theirs: JSON.stringify({
          items: [
            { id: 1, qty: 8 },
            { id: 2, qty: 2 },
            { id: 3, qty: 3 },
          ],
        }),
      });
      assert.deepEqual(
        result.conflicts.map((c) => c.id),
        ['/items/0/qty'],
      );
      assert.equal(result.conflicts[0].description, 'items[0].qty: you set 7, the server now has 8 (it was 1)');
    });

    it("follows the server's new order of records when the user kept the order", () => {
      const result = merge({
        base,
        ours: '{"items": [\n  {"id": 1, "qty": 1},\n  {"id": 2, "qty": 20},\n  {"id": 3, "qty": 3},\n  {"id": 9, "qty": 9}\n]}',
        theirs: JSON.stringify({
          items: [
            { id: 3, qty: 3 },
            { id: 1, qty: 1 },
            { id: 2, qty: 2 },
          ],
        }),
      });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(parsed(result), {
        items: [
          { id: 3, qty: 3 },
          { id: 1, qty: 1 },
          { id: 2, qty: 20 },
          { id: 9, qty: 9 },
        ],
      });
    });
  });

  describe("the user's layout", () => {
    it('drops a member together with the comment on its line', () => {
      const result = merge({
        base: '{"a": 1, "b": 2, "c": 3}',
        ours: '{\n  "a": 1, // first\n  // about b\n  "b": 2, // second\n  "c": 3 // third\n}',
        theirs: '{"a": 1, "c": 3}',
      });
      assert.equal(result.merged, '{\n  "a": 1, // first\n  "c": 3 // third\n}');
    });

    it('drops the last member without leaving a dangling comma', () => {
      const result = merge({ base: '{"a": 1, "b": 2}', ours: '{\n  "a": 1,\n  "b": 2\n}', theirs: '{"a": 1}' });
      assert.equal(result.merged, '{\n  "a": 1\n}');
    });

    it('keeps a trailing comma style when adding after the last member', () => {
      const result = merge({ base: '{"a": 1}', ours: '{\n  "a": 2,\n}', theirs: '{"a": 1, "b": 2}' });
      assert.equal(result.merged, '{\n  "a": 2,\n  "b": 2,\n}');
    });

    it("opens an empty object in the user's indentation", () => {
      const result = merge({
        base: '{"o": {}}',
        ours: '{\n    "o": {},\n    "x": 1\n}',
        theirs: '{"o": {"k": [1, 2]}}',
      });
      assert.equal(
        result.merged,
        '{\n    "o": {\n        "k": [\n            1,\n            2\n        ]\n    },\n    "x": 1\n}',
      );
    });

    it('writes a replaced value inline inside an inline object', () => {
      const result = merge({ base: '{"a": 1, "b": 1}', ours: '{"a": 1, "b": 2}', theirs: '{"a": {"x": [1]}, "b": 1}' });
      assert.equal(result.merged, '{"a": {"x": [1]}, "b": 2}');
    });
  });

  describe('sequence arrays', () => {
    it("takes the server's list when only the server changed it", () => {
      const result = merge({
        base: '{"t": [1, 2, 3]}',
        ours: '{"t": [1, 2, 3], "x": 1}',
        theirs: '{"t": [0, 1, 3, 4]}',
      });
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.merged, '{"t": [0, 1, 3, 4], "x": 1}');
    });

    it("keeps the user's list when only the user changed it", () => {
      const result = merge({
        base: '{"t": [1, 2, 3], "x": 0}',
        ours: '{"t": [3, 2, 1], "x": 0}',
        theirs: '{"t": [1, 2, 3], "x": 5}',
      });
      assert.deepEqual(parsed(result), { t: [3, 2, 1], x: 5 });
    });

    it('merges changes at different places of the same list', () => {
      const result = merge({
        base: '["a", "b", "c", "d", "e"]',
        ours: '["a", "B", "c", "d", "e", "f"]',
        theirs: '["a", "b", "c", "e"]',
      });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(parsed(result), ['a', 'B', 'c', 'e', 'f']);
    });

    it('conflicts on the list when both sides change the same place', () => {
      const result = merge({
        base: '{"tags": ["a"]}',
        ours: '{"tags": ["a", "mine"]}',
        theirs: '{"tags": ["a", "theirs", "more"]}',
      });
      assert.equal(result.conflicts.length, 1);
      assert.equal(result.conflicts[0].id, '/tags');
      assert.match(result.conflicts[0].description, /both changed this list/);
      assert.equal(result.merged, '{"tags": ["a", "mine"]}');
    });

    it('merges edits to different elements in place, element by element', () => {
      const result = merge({
        base: '[{"a": 1, "b": 1}, 5, 7]',
        ours: '[{"a": 2, "b": 1}, 5, 7]',
        theirs: '[{"a": 1, "b": 1}, 6, 7]',
      });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(parsed(result), [{ a: 2, b: 1 }, 6, 7]);
    });

    it('conflicts on an element without id that both sides edited, even in different fields', () => {
      // Without an identity, the server's edit cannot be told from a replacement of the
      // element: merging field by field could put the user's change on another record.
      const result = merge({
        base: '[{"a": 1, "b": 1}, 5]',
        ours: '[{"a": 2, "b": 1}, 5]',
        theirs: '[{"a": 1, "b": 2}, 6]',
      });
      assert.deepEqual(
        result.conflicts.map((c) => c.id),
        ['/0'],
      );
      assert.deepEqual(parsed(result), [{ a: 2, b: 1 }, 6]);
    });
  });

  describe('version fields', () => {
    it("always takes the current version token, even over the user's edit", () => {
      const result = merge({
        base: '{"version": 5, "meta": {"rev": "a"}, "title": "x"}',
        ours: '{"version": 4, "meta": {"rev": "z"}, "title": "y"}',
        theirs: '{"version": 6, "meta": {"rev": "b"}, "title": "x"}',
        versionPaths: [['version'], ['meta', 'rev']],
      });
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.merged, '{"version": 6, "meta": {"rev": "b"}, "title": "y"}');
    });

    it("adds the version token when the user's body lacks it", () => {
      const result = merge({
        base: '{"_rev": "1-a", "x": 1}',
        ours: '{"x": 2}',
        theirs: '{"_rev": "2-b", "x": 1}',
        versionPaths: [['_rev']],
      });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(parsed(result), { _rev: '2-b', x: 2 });
    });

    it('takes the version token in two-way mode too', () => {
      const result = merge({ ours: '{"v": 1, "x": 1}', theirs: '{"v": 2, "x": 1}', versionPaths: [['v']] });
      assert.equal(result.mode, 'two-way');
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.merged, '{"v": 2, "x": 1}');
    });
  });

  describe('two-way mode', () => {
    it("makes every difference a conflict and keeps the user's values", () => {
      const result = merge({
        ours: '{"title": "A", "same": 1, "mine": true, "list": [1, 2]}',
        theirs: '{"title": "B", "same": 1, "theirs": true, "list": [1, 3]}',
      });
      assert.equal(result.mode, 'two-way');
      assert.deepEqual(result.conflicts.map((c) => c.id).sort(), ['/list/1', '/mine', '/theirs', '/title']);
      assert.deepEqual(result.edits, []);
      assert.deepEqual(result.theirsChanges, []);
      assert.deepEqual(result.oursChanges, []);
      const mine = result.conflicts.find((c) => c.id === '/mine');
      assert.match(mine!.description, /you have true, the server does not have it/);
    });
  });

  describe('resolving conflicts', () => {
    const input: MergeInput = {
      base: '{"title": "C", "n": 1, "gone": 1, "x": 0}',
      ours: '{\n  "title": "A",\n  "n": 2,\n  "gone": 5,\n  "x": 0\n}',
      theirs: '{"title": "B", "n": 3, "x": 9}',
    };

    it('applies keep-mine, take-theirs and a typed value per conflict', () => {
      const first = merge(input);
      assert.deepEqual(
        first.conflicts.map((c) => c.id),
        ['/title', '/n', '/gone'],
      );
      const resolved = resolveConflicts(
        input,
        new Map([
          ['/title', { kind: 'ours' } as const],
          ['/n', { kind: 'value', text: '42' } as const],
          ['/gone', { kind: 'theirs' } as const],
        ]),
      );
      assert.deepEqual(resolved.conflicts, []);
      assert.equal(applyTextEdits(input.ours, resolved.edits), resolved.merged);
      assert.equal(resolved.merged, '{\n  "title": "A",\n  "n": 42,\n  "x": 9\n}');
    });

    it('leaves undecided conflicts open', () => {
      const resolved = resolveConflicts(input, new Map([['/n', { kind: 'theirs' } as const]]));
      assert.deepEqual(
        resolved.conflicts.map((c) => c.id),
        ['/title', '/gone'],
      );
      assert.deepEqual(JSON.parse(resolved.merged), { title: 'A', n: 3, gone: 5, x: 9 });
    });

    it("adds the server's value when the user deleted a field and takes theirs", () => {
      const other: MergeInput = { base: '{"a": 1, "b": 2}', ours: '{"a": 1}', theirs: '{"a": 1, "b": 3}' };
      const resolved = resolveConflicts(other, new Map([['/b', { kind: 'theirs' } as const]]));
      assert.deepEqual(resolved.conflicts, []);
      assert.deepEqual(JSON.parse(resolved.merged), { a: 1, b: 3 });
    });

    it("takes the server's whole list for a list conflict", () => {
      const other: MergeInput = {
        base: '{"tags": ["a"]}',
        ours: '{"tags": ["a", "mine"]}',
        theirs: '{"tags": ["a", "theirs"]}',
      };
      const resolved = resolveConflicts(other, new Map([['/tags', { kind: 'theirs' } as const]]));
      assert.equal(resolved.merged, '{"tags": ["a", "theirs"]}');
    });
  });

  describe('placeholders', () => {
    it("keeps the user's placeholders", () => {
      const result = merge({
        base: '{"title": "Old", "count": 1, "tags": []}',
        ours: '{"title": "{{newTitle}}", "count": {{n}}, "tags": []}',
        theirs: '{"title": "Old", "count": 1, "tags": ["x"]}',
      });
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.merged, '{"title": "{{newTitle}}", "count": {{n}}, "tags": ["x"]}');
    });

    it('treats a placeholder that resolves to the base value as unchanged', () => {
      const values: Record<string, string> = { n: '1', same: 'Old' };
      const result = merge({
        base: '{"title": "Old", "count": 1}',
        ours: '{"title": "{{same}}", "count": {{n}}}',
        theirs: '{"title": "New", "count": 2}',
        resolvePlaceholders: (text) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name]),
      });
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.merged, '{"title": "New", "count": 2}');
    });

    it("shows the placeholder as the user's side of a conflict and keeps it when they keep theirs", () => {
      const input: MergeInput = {
        base: '{"title": "Old"}',
        ours: '{"title": "{{t}}"}',
        theirs: '{"title": "Server"}',
        resolvePlaceholders: (text) => text.replace('{{t}}', 'Mine'),
      };
      const result = merge(input);
      assert.equal(result.conflicts.length, 1);
      assert.equal(result.conflicts[0].ours, '"{{t}}"');
      assert.equal(
        result.conflicts[0].description,
        'title: you set "{{t}}", the server now has "Server" (it was "Old")',
      );
      assert.equal(
        resolveConflicts(input, new Map([['/title', { kind: 'ours' } as const]])).merged,
        '{"title": "{{t}}"}',
      );
    });

    it('compares the resolved value, so an equal server value is no conflict', () => {
      const result = merge({
        base: '{"title": "Old"}',
        ours: '{"title": "{{t}}"}',
        theirs: '{"title": "New"}',
        resolvePlaceholders: (text) => text.replace('{{t}}', 'New'),
      });
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.merged, '{"title": "{{t}}"}');
    });
  });

  describe('large documents', () => {
    it('merges scattered changes to thousands of records with small local edits', () => {
      const records = Array.from({ length: 5000 }, (_, i) => ({
        id: i,
        title: `t${i}`,
        meta: { score: i, tags: ['a', 'b'] },
      }));
      const base = { version: 1, records };
      const ours = structuredClone(base);
      const theirs = structuredClone(base);
      const expected = structuredClone(base);
      for (let i = 7; i < 5000; i += 97) {
        ours.records[i].title = `mine ${i}`;
        expected.records[i].title = `mine ${i}`;
      }
      for (let i = 50; i < 5000; i += 89) {
        theirs.records[i].meta.score = -i;
        expected.records[i].meta.score = -i;
      }
      theirs.records.push({ id: 9999, title: 'new', meta: { score: 0, tags: [] } });
      expected.records.push({ id: 9999, title: 'new', meta: { score: 0, tags: [] } });
      theirs.version = 2;
      expected.version = 2;
      const result = merge({
        base: JSON.stringify(base),
        ours: JSON.stringify(ours, null, 2),
        theirs: JSON.stringify(theirs),
        versionPaths: [['version']],
      });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(parsed(result), expected);
      assert.ok(
        result.edits.every((edit) => edit.end - edit.start < 100),
        'each edit replaces a small span',
      );
      assert.equal(result.theirsChanges.length, Math.ceil((5000 - 50) / 89) + 2);
    });
  });

  describe('choosing the merge', () => {
    it("merges line-wise when the user's body is not JSON", () => {
      const result = mergeBodies({
        base: 'a=1\nb=1\nc=1\n',
        ours: 'a=2\nb=1\nc=1\n',
        theirs: 'a=1\nb=1\nc=1\nd=1\n',
        contentType: 'application/json',
      });
      assert.equal(result.kind, 'text');
      assert.equal(result.merged, 'a=2\nb=1\nc=1\nd=1\n');
    });

    it('merges JSON structurally whatever the content type says', () => {
      const result = mergeBodies({
        base: '{"a": 1, "b": 1}',
        ours: '{"a": 2, "b": 1}',
        theirs: '{"a": 1, "b": 2}',
        contentType: 'text/plain',
      });
      assert.equal(result.kind, 'json');
      assert.deepEqual(JSON.parse(result.merged), { a: 2, b: 2 });
    });
  });
});
