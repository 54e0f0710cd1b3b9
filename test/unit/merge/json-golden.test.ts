import { strict as assert } from 'node:assert';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';
import { applyTextEdits } from '../../../src/core/merge/text-edits';

// The user's body as typed in the .http file: comments, 3-space and tab indentation, a key
// order of their own, placeholders inside strings and as bare values.
const ours = [
  '{',
  '   // what I changed: the title and the notes',
  '   "title": "{{newTitle}}", // from the variable',
  '   "count": {{n}},',
  '\t"meta": {',
  '\t\t"owner": "ann",   // tabs here',
  '\t\t"labels": ["a", "b"]',
  '\t},',
  '   /* the order lines */',
  '   "items": [',
  '      {"id": 1, "qty": 1},',
  '      {"id": 2, "qty": 2}',
  '   ],',
  '   "notes": "mine"',
  '}',
].join('\n');

const base =
  '{"items":[{"id":1,"qty":1},{"id":2,"qty":2}],"meta":{"labels":["a","b"],"owner":"ann"},"notes":"orig","count":1,"title":"Old","etag":"v5"}';

const theirs = JSON.stringify(
  {
    status: 'review',
    items: [
      { id: 1, qty: 1 },
      { id: 2, qty: 5 },
      { id: 3, qty: 3 },
    ],
    meta: { labels: ['a', 'b'], owner: 'bob', team: 'core' },
    notes: 'orig',
    count: 1,
    title: 'Old',
    etag: 'v6',
  },
  null,
  2,
);

const expected = [
  '{',
  '   "status": "review",',
  '   // what I changed: the title and the notes',
  '   "title": "{{newTitle}}", // from the variable',
  '   "count": {{n}},',
  '\t"meta": {',
  '\t\t"owner": "bob",   // tabs here',
  '\t\t"labels": ["a", "b"],',
  '\t\t"team": "core"',
  '\t},',
  '   /* the order lines */',
  '   "items": [',
  '      {"id": 1, "qty": 1},',
  '      {"id": 2, "qty": 5},',
  '      {"id": 3, "qty": 3}',
  '   ],',
  '   "notes": "mine",',
  '   "etag": "v6"',
  '}',
].join('\n');

describe("JSON merge keeps the user's text", () => {
  const values: Record<string, string> = { newTitle: 'Brand new', n: '1' };
  const input = {
    base,
    ours,
    theirs,
    contentType: 'application/json; charset=utf-8',
    versionPaths: [['etag']],
    resolvePlaceholders: (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_: string, name: string) => values[name]),
  };

  it("keeps comments, indentation, key order and placeholders while taking the server's changes", () => {
    const result = mergeBodies(input);
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.merged, expected);
    assert.equal(applyTextEdits(ours, result.edits), expected);
  });

  it('touches only the places that changed', () => {
    const result = mergeBodies(input);
    for (const edit of result.edits) {
      const replaced = ours.slice(edit.start, edit.end);
      assert.ok(!replaced.includes('//') && !replaced.includes('{{'), `edit ${JSON.stringify(edit)} rewrote user text`);
    }
  });

  it('works the same with CRLF line endings', () => {
    const crlf = { ...input, ours: ours.replace(/\n/g, '\r\n') };
    const result = mergeBodies(crlf);
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.merged, expected.replace(/\n/g, '\r\n'));
  });
});
