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
  describe('lists without ids', () => {
    it('conflicts when the server replaced a row whose quantity the user changed', () => {
      const input = {
        base: '{"lines":[{"sku":"A1","qty":1}]}',
        ours: '{"lines":[{"sku":"A1","qty":2}]}',
        theirs: '{"lines":[{"sku":"B7","qty":1}]}',
      };
      const result = merge(input);
      assert.deepEqual(ids(result), ['/lines/0']);
      assert.equal(result.merged, input.ours, "the user's row stays until they decide");
      const theirs = resolveConflicts(input, new Map([['/lines/0', { kind: 'theirs' } as const]]));
      assert.deepEqual(valueOf(theirs.merged), { lines: [{ sku: 'B7', qty: 1 }] });
    });

    it('conflicts when the user swapped two records and the server edited one of them', () => {
      const result = merge({
        base: '[{"n":"A","a":1},{"n":"B","a":1}]',
        ours: '[{"n":"B","a":1},{"n":"A","a":1}]',
        theirs: '[{"n":"A","a":1},{"n":"B","a":2}]',
      });
      assert.ok(result.conflicts.length > 0);
      assert.notDeepEqual(valueOf(result.merged), [
        { n: 'B', a: 1 },
        { n: 'A', a: 2 },
      ]);
    });

    it('conflicts when the user reordered scalars the server changed', () => {
      const result = merge({ base: '[3,"q"]', ours: '["q",3]', theirs: '[3,3]' });
      assert.ok(result.conflicts.length > 0);
    });

    it('does not pair elements by position across a move of equal values', () => {
      // The user moved an "x" to the end (or the "y" to the front): which "x" the server
      // changed is not clear, so it is the user's call.
      const result = merge({ base: '["x","y","x"]', ours: '["y","x","x"]', theirs: '["x","y","z"]' });
      assert.ok(result.conflicts.length > 0);
    });

    it('conflicts when both sides moved the same element to different places', () => {
      // diff3 alone takes both moves, and the element would be sent twice.
      const result = merge({ base: '["a","b","c","d"]', ours: '["b","a","c","d"]', theirs: '["b","c","d","a"]' });
      assert.ok(result.conflicts.length > 0);
    });

    it('conflicts when both sides added the same value at different places', () => {
      const result = merge({
        base: '{"tags":["a","b"]}',
        ours: '{"tags":["a","b","urgent"]}',
        theirs: '{"tags":["urgent","a","b"]}',
      });
      assert.deepEqual(ids(result), ['/tags']);
      assert.equal(
        result.conflicts[0].description,
        'tags: you and the server both changed this list, in ways that cannot both be kept — you have ["a","b","urgent"], the server now has [ "urgent", "a", "b" ]',
      );
    });

    it('takes an addition both sides made at the same place once', () => {
      const result = merge({ base: '["a","b"]', ours: '["a","x","b","m"]', theirs: '["t","a","x","b"]' });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(valueOf(result.merged), ['t', 'a', 'x', 'b', 'm']);
    });

    it('still merges a move on one side with an edit elsewhere on the other', () => {
      const result = merge({
        base: '["a","b","c","d","e"]',
        ours: '["b","c","d","e","a"]',
        theirs: '["a","b","X","d","e"]',
      });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(valueOf(result.merged), ['b', 'X', 'd', 'e', 'a']);
    });

    it("keeps the user's text of an element only the server changed", () => {
      const result = merge({
        base: '{"rows": [{"a": 1, "b": 1}, {"a": 2, "b": 2}]}',
        ours: '{"rows": [\n  {"a": 1, "b": 1},\n  {"a": 2, /* mine */ "b": 2}\n], "x": 1}',
        theirs: '{"rows": [{"a": 1, "b": 1}, {"a": 2, "b": 3}]}',
      });
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.merged, '{"rows": [\n  {"a": 1, "b": 1},\n  {"a": 2, /* mine */ "b": 3}\n], "x": 1}');
    });
  });

  describe('comments', () => {
    it("puts a member the server added on its own line after the user's line comment", () => {
      const result = merge({
        base: '{"title": "Old"}',
        ours: '{ "title": "New" // my change\n}',
        theirs: '{"title": "Old", "tags": ["x"]}',
      });
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.merged, '{ "title": "New", // my change\n  "tags": ["x"]\n}');
      assert.deepEqual(valueOf(result.merged), { title: 'New', tags: ['x'] });
    });

    it("puts an element the server appended after the user's line comment in an array", () => {
      const result = merge({
        base: '{"t": [1, 2], "x": 0}',
        ours: '{"t": [1, 2 // two\n], "x": 1}',
        theirs: '{"t": [1, 2, 3], "x": 0}',
      });
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
      const input = {
        base: '{"title": "Old", "tags": ["a"]}',
        ours: '{ "title": "New" // my change\n}',
        theirs: '{"title": "Old", "tags": ["b"]}',
      };
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

  describe('repeated keys', () => {
    it('merges into the copy JSON keeps, the last', () => {
      const result = merge({ base: '{"a":1,"b":2}', ours: '{"a":1,"b":2,"a":1}', theirs: '{"a":7,"b":2}' });
      assert.deepEqual(result.conflicts, []);
      assert.equal(JSON.parse(result.merged).a, 7);
    });

    it('reports each repeated key with the place of every copy', () => {
      const ours = '{"a":1,"o":{"k":1,"k":2},"a":1}';
      const result = merge({ base: '{"a":1,"o":{"k":2}}', ours, theirs: '{"a":1,"o":{"k":2}}' });
      assert.deepEqual(
        result.warnings?.map((w) => [w.code, w.at, w.ranges.map((r) => ours.slice(r.start, r.end))]),
        [
          ['duplicate-key', '/a', ['"a":1', '"a":1']],
          ['duplicate-key', '/o/k', ['"k":1', '"k":2']],
        ],
      );
      assert.match(result.warnings![0].message, /a appears 2 times in your body; JSON readers keep only the last one/);
    });

    it('reports no warnings field when no key repeats', () => {
      assert.equal(merge({ base: '{"a":1}', ours: '{"a":2}', theirs: '{"a":1}' }).warnings, undefined);
    });

    it('applies "take theirs" to the copy that counts', () => {
      const input = { base: '{"a":1}', ours: '{"a":5,"a":2}', theirs: '{"a":3}' };
      const result = merge(input);
      assert.deepEqual(ids(result), ['/a']);
      assert.equal(result.conflicts[0].ours, '2');
      const resolved = resolveConflicts(input, new Map([['/a', { kind: 'theirs' } as const]]));
      assert.equal(JSON.parse(resolved.merged).a, 3);
    });

    it('removes every copy of a member the server removed', () => {
      const result = merge({ base: '{"a":1,"b":2}', ours: '{"a":1,"b":2,"a":1}', theirs: '{"b":2}' });
      assert.deepEqual(result.conflicts, []);
      assert.deepEqual(JSON.parse(result.merged), { b: 2 });
    });
  });

  describe('numbers', () => {
    it("copies the server's numbers as written", () => {
      const result = merge({
        base: '{"n": 1, "e": 1, "f": 1, "m": 1}',
        ours: '{"n": 1, "e": 1, "f": 1, "m": 2}',
        theirs:
          '{"n": 12345678901234567890, "e": 1e400, "f": 0.10000000000000000001, "m": 1, "added": -98765432109876543210e-5}',
      });
      assert.deepEqual(result.conflicts, []);
      assert.equal(
        result.merged,
        '{"n": 12345678901234567890, "e": 1e400, "f": 0.10000000000000000001, "m": 2, "added": -98765432109876543210e-5}',
      );
      assert.deepEqual(
        result.theirsChanges.find((c) => c.at === '/n'),
        {
          at: '/n',
          kind: 'changed',
          before: '1',
          after: '12345678901234567890',
        },
      );
    });

    it('sees a change the server made past 2^53', () => {
      const result = merge({
        base: '{"n": 9007199254740993, "m": 1}',
        ours: '{"n": 9007199254740993, "m": 2}',
        theirs: '{"n": 9007199254740992, "m": 1}',
      });
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.merged, '{"n": 9007199254740992, "m": 2}');
    });

    it('sees a change the user made past 2^53', () => {
      const result = merge({
        base: '{"n": 9007199254740993}',
        ours: '{"n": 9007199254740992}',
        theirs: '{"n": 5}',
      });
      assert.deepEqual(ids(result), ['/n']);
      assert.equal(
        result.conflicts[0].description,
        'n: you set 9007199254740992, the server now has 5 (it was 9007199254740993)',
      );
    });

    it('treats one value written two ways as no change', () => {
      const result = merge({
        base: '{"n": 12345678901234567890, "m": 1}',
        ours: '{"n": 1.2345678901234567890e19, "m": 1}',
        theirs: '{"n": 12345678901234567890, "m": 2}',
      });
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.merged, '{"n": 1.2345678901234567890e19, "m": 2}');
      assert.deepEqual(result.oursChanges, []);
    });

    it('matches records by ids past 2^53 that a double would make equal', () => {
      const result = merge({
        base: '[{"id": 12345678901234567891, "v": 1}, {"id": 12345678901234567892, "v": 1}]',
        ours: '[{"id": 12345678901234567892, "v": 1}, {"id": 12345678901234567891, "v": 1}]',
        theirs: '[{"id": 12345678901234567891, "v": 2}, {"id": 12345678901234567892, "v": 1}]',
      });
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.merged, '[{"id": 12345678901234567892, "v": 1}, {"id": 12345678901234567891, "v": 2}]');
    });
  });

  describe('lists with ids reordered on both sides', () => {
    const input = {
      base: '{"items": [{"id": 1, "q": 1}, {"id": 2, "q": 1}, {"id": 3, "q": 1}]}',
      ours: '{"items": [{"id": 3, "q": 1}, {"id": 1, "q": 5}, {"id": 2, "q": 1}]}',
      theirs: '{"items": [{"id": 2, "q": 1}, {"id": 3, "q": 7}, {"id": 1, "q": 1}]}',
    };

    it('conflicts on the order, and still merges the records', () => {
      const result = merge(input);
      assert.deepEqual(ids(result), ['/items']);
      assert.equal(
        result.conflicts[0].description,
        'items: you and the server both reordered this list, differently — you have id 3, 1, 2; the server has id 2, 3, 1',
      );
      assert.deepEqual(valueOf(result.merged), {
        items: [
          { id: 3, q: 7 },
          { id: 1, q: 5 },
          { id: 2, q: 1 },
        ],
      });
    });

    it("takes the server's order when the user takes theirs", () => {
      const resolved = resolveConflicts(input, new Map([['/items', { kind: 'theirs' } as const]]));
      assert.deepEqual(resolved.conflicts, []);
      assert.deepEqual(valueOf(resolved.merged), {
        items: [
          { id: 2, q: 1 },
          { id: 3, q: 7 },
          { id: 1, q: 5 },
        ],
      });
    });

    it('asks which order stands when there is no base to compare with', () => {
      const result = merge({ ours: '[{"id": 1}, {"id": 2}]', theirs: '[{"id": 2}, {"id": 1}]' });
      assert.deepEqual(ids(result), ['']);
      assert.match(result.conflicts[0].description, /in another order — you have id 1, 2; the server has id 2, 1$/);
    });

    it('needs no decision when both made the same new order', () => {
      const same = merge({ ...input, theirs: '{"items": [{"id": 3, "q": 1}, {"id": 1, "q": 1}, {"id": 2, "q": 9}]}' });
      assert.deepEqual(same.conflicts, []);
      assert.deepEqual(valueOf(same.merged), {
        items: [
          { id: 3, q: 1 },
          { id: 1, q: 5 },
          { id: 2, q: 9 },
        ],
      });
    });
  });

  describe('bodies that are not JSON the merge can follow', () => {
    for (const ours of ['{"a":[,],"b":1}', '{"a":{,},"b":1}', '{"a":[1,,2],"b":1}', '{"a":[1,\uFEFF2],"b":1}']) {
      it(`refuses ${JSON.stringify(ours)} instead of sending invalid JSON`, () => {
        const result = merge({ base: '{"a":[],"b":1}', ours, theirs: '{"a":[],"b":2}' });
        assert.equal(result.kind, 'json');
        assert.deepEqual(ids(result), ['']);
        assert.match(result.conflicts[0].description, /your body is not valid JSON/);
        assert.equal(result.merged, ours);
      });
    }

    it('says where the stray comma is', () => {
      const result = merge({ base: '{"a":[]}', ours: '{\n  "a": [,]\n}', theirs: '{"a":[1]}' });
      assert.match(result.conflicts[0].description, /line 2, column 9/);
    });

    it("takes the server's body when the user decides so", () => {
      const input = { base: '{"a":[]}', ours: '{"a":[,]}', theirs: '{"a":[1]}' };
      const resolved = resolveConflicts(input, new Map([['', { kind: 'theirs' } as const]]));
      assert.deepEqual(resolved.conflicts, []);
      assert.equal(resolved.merged, '{"a":[1]}');
    });

    it('still merges a body that is not JSON at all line by line', () => {
      const result = merge({ base: '{"a":1}', ours: 'a=2\n', theirs: '{"a":1}' });
      assert.equal(result.kind, 'text');
    });

    for (const side of ['ours', 'theirs', 'base'] as const) {
      it(`answers "too deeply nested" for ${side} nested 5,000 levels`, () => {
        const deep = '['.repeat(5000) + '1' + ']'.repeat(5000);
        const bodies = { base: '[[1]]', ours: '[[2]]', theirs: '[[1], 3]', [side]: deep };
        const result = merge(bodies);
        assert.deepEqual(ids(result), ['']);
        assert.match(result.conflicts[0].description, /too deeply nested \(more than 1000 levels\)/);
      });
    }

    it('merges a body nested right up to the limit', () => {
      const nest = (inner: string): string => '{"a":'.repeat(999) + inner + '}'.repeat(999);
      const result = merge({ base: nest('{"x":1,"y":1}'), ours: nest('{"x":2,"y":1}'), theirs: nest('{"x":1,"y":2}') });
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.merged, nest('{"x":2,"y":2}'));
    });
  });
});
