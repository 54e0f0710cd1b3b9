// A JSON Patch (RFC 6902) rebases operation by operation against the current version:
// indices follow the server's inserts and removals, a failed test or a vanished target is a
// conflict, and decisions keep, drop or update operations — the body stays a patch.
import { strict as assert } from 'node:assert';
import { mergeBodies, resolveConflicts } from '../../../src/core/merge/merge-bodies';
import type { MergeInput, MergeResult, Resolution } from '../../../src/core/merge/merge-model';
import { applyTextEdits } from '../../../src/core/merge/text-edits';
import { applyJsonPatch } from '../../fixtures/servers/patch-documents';

type Input = Omit<MergeInput, 'bodyKind' | 'ours' | 'base' | 'theirs'> & {
  base?: unknown;
  ours: unknown[] | string;
  theirs: unknown;
};

function rebase(input: Input, decisions?: Record<string, Resolution['kind']>): MergeResult & { ops: unknown[] } {
  const ours = typeof input.ours === 'string' ? input.ours : JSON.stringify(input.ours, null, 2);
  const full: MergeInput = {
    ...input,
    ours,
    base: input.base === undefined ? undefined : JSON.stringify(input.base),
    theirs: JSON.stringify(input.theirs),
    bodyKind: 'json-patch',
  };
  const result = decisions
    ? resolveConflicts(full, new Map(Object.entries(decisions).map(([id, kind]) => [id, { kind } as Resolution])))
    : mergeBodies(full);
  assert.equal(applyTextEdits(ours, result.edits), result.merged, 'edits applied to the patch give the merged text');
  const ops =
    result.merged.includes('{{') || result.merged.includes('//') ? [] : (JSON.parse(result.merged) as unknown[]);
  assert.ok(Array.isArray(ops), 'the rebased body is still a list of operations');
  return { ...result, ops };
}

const items = (...names: string[]) => names.map((n) => ({ sku: n, qty: 1 }));

describe('JSON Patch rebase', () => {
  it('keeps operations on fields the server did not touch, unchanged', () => {
    const base = { title: 'A', owner: 'ana', tags: ['x'] };
    const ours = [
      { op: 'replace', path: '/title', value: 'B' },
      { op: 'add', path: '/tags/-', value: 'y' },
    ];
    const result = rebase({ base, ours, theirs: { ...base, owner: 'ben' } });
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.merged, JSON.stringify(ours, null, 2));
  });

  it('shifts an index past the elements the server inserted before it', () => {
    const base = { lines: items('A1', 'B2', 'C3') };
    const theirs = { lines: items('Z0', 'A1', 'B2', 'C3') };
    const result = rebase({ base, ours: [{ op: 'replace', path: '/lines/1/qty', value: 5 }], theirs });
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(result.ops, [{ op: 'replace', path: '/lines/2/qty', value: 5 }]);
    assert.deepEqual(applyJsonPatch(theirs, result.ops), {
      lines: [...items('Z0', 'A1'), { sku: 'B2', qty: 5 }, ...items('C3')],
    });
  });

  it('shifts an index back past elements the server removed, and follows a reorder by identity', () => {
    const base = {
      lines: [
        { id: 1, q: 1 },
        { id: 2, q: 1 },
        { id: 3, q: 1 },
      ],
    };
    const removed = rebase({
      base,
      ours: [{ op: 'remove', path: '/lines/2' }],
      theirs: {
        lines: [
          { id: 2, q: 1 },
          { id: 3, q: 1 },
        ],
      },
    });
    assert.deepEqual(removed.ops, [{ op: 'remove', path: '/lines/1' }]);
    const reordered = rebase({
      base,
      ours: [{ op: 'replace', path: '/lines/0/q', value: 9 }],
      theirs: {
        lines: [
          { id: 3, q: 1 },
          { id: 1, q: 1 },
          { id: 2, q: 1 },
        ],
      },
    });
    assert.deepEqual(reordered.ops, [{ op: 'replace', path: '/lines/1/q', value: 9 }]);
  });

  it('follows the earlier operations of the same patch when shifting', () => {
    const base = { list: ['a', 'b', 'c'] };
    const theirs = { list: ['new', 'a', 'b', 'c'] };
    const ours = [
      { op: 'remove', path: '/list/0' },
      { op: 'replace', path: '/list/1', value: 'C' },
    ];
    const result = rebase({ base, ours, theirs });
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(result.ops, [
      { op: 'remove', path: '/list/1' },
      { op: 'replace', path: '/list/2', value: 'C' },
    ]);
    assert.deepEqual(applyJsonPatch(theirs, result.ops), { list: ['new', 'b', 'C'] });
  });

  it('never conflicts on an append with "-"', () => {
    const result = rebase({
      base: { tags: ['a'] },
      ours: [{ op: 'add', path: '/tags/-', value: 'mine' }],
      theirs: { tags: ['a', 'theirs'] },
    });
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(applyJsonPatch({ tags: ['a', 'theirs'] }, result.ops), { tags: ['a', 'theirs', 'mine'] });
  });

  it('treats an insert at the end of the list it read as an append', () => {
    const result = rebase({
      base: { tags: ['a'] },
      ours: [{ op: 'add', path: '/tags/1', value: 'mine' }],
      theirs: { tags: ['a', 'theirs'] },
    });
    assert.deepEqual(result.ops, [{ op: 'add', path: '/tags/2', value: 'mine' }]);
  });

  it('inserts between the same neighbours, and calls it ambiguous when the server inserted right there', () => {
    const base = { l: ['a', 'b', 'c'] };
    const shifted = rebase({
      base,
      ours: [{ op: 'add', path: '/l/2', value: 'x' }],
      theirs: { l: ['0', 'a', 'b', 'c'] },
    });
    assert.deepEqual(shifted.ops, [{ op: 'add', path: '/l/3', value: 'x' }]);
    const ambiguous = rebase({
      base,
      ours: [{ op: 'add', path: '/l/2', value: 'x' }],
      theirs: { l: ['a', 'b', 'y', 'c'] },
    });
    assert.equal(ambiguous.conflicts.length, 1);
    assert.match(
      ambiguous.conflicts[0].description,
      /^you add "x" at \/l\/2; the server inserted, removed or moved elements of \/l at that very place/,
    );
  });

  it('conflicts on a test that fails now, naming the path, the expected and the current value', () => {
    const ours = [
      { op: 'test', path: '/title', value: 'A' },
      { op: 'replace', path: '/body', value: 'new' },
    ];
    const result = rebase({ base: { title: 'A', body: 'old' }, ours, theirs: { title: 'B', body: 'old' } });
    assert.equal(result.conflicts.length, 1);
    assert.equal(result.conflicts[0].id, '/0');
    assert.equal(result.conflicts[0].description, 'your test of /title expects "A"; the current version has "B"');
    assert.equal(result.conflicts[0].theirs, '"B"');
  });

  it('"Take theirs" on a test updates its value; on any other operation it drops it', () => {
    const ours =
      '[\n  { "op": "test", "path": "/title", "value": "A" },\n  { "op": "replace", "path": "/owner", "value": "me" },\n  { "op": "add", "path": "/tags/-", "value": "t" }\n]';
    const input: Input = {
      base: { title: 'A', owner: 'ana', tags: [] },
      ours,
      theirs: { title: 'B', owner: 'ben', tags: [] },
    };
    const open = rebase(input);
    assert.deepEqual(
      open.conflicts.map((c) => c.id),
      ['/0', '/1'],
    );
    const decided = rebase(input, { '/0': 'theirs', '/1': 'theirs' });
    assert.deepEqual(decided.conflicts, []);
    assert.equal(
      decided.merged,
      '[\n  { "op": "test", "path": "/title", "value": "B" },\n  { "op": "add", "path": "/tags/-", "value": "t" }\n]',
    );
    const kept = rebase(input, { '/0': 'ours', '/1': 'ours' });
    assert.equal(kept.merged, ours, '"Keep mine" keeps the operations as written');
  });

  it('conflicts on an operation whose target or parent is gone', () => {
    const base = { lines: items('A1', 'B2'), meta: { a: 1 } };
    const theirs = { lines: items('B2'), other: true };
    const result = rebase({
      base,
      ours: [
        { op: 'replace', path: '/lines/0/qty', value: 2 },
        { op: 'add', path: '/meta/b', value: 2 },
      ],
      theirs,
    });
    assert.deepEqual(
      result.conflicts.map((c) => c.description),
      [
        'you replace /lines/0/qty with 2; /lines/0 is no longer in the current version (the server removed or replaced that element)',
        'you add 2 at /meta/b; /meta is no longer in the current version (the server removed it)',
      ],
    );
  });

  it('never lands a change on an element the server replaced with another', () => {
    // The case: my quantity must not land on a product I never touched.
    const result = rebase({
      base: { lines: [{ sku: 'A1', qty: 1 }] },
      ours: [{ op: 'replace', path: '/lines/0/qty', value: 2 }],
      theirs: { lines: [{ sku: 'B7', qty: 1 }] },
    });
    assert.equal(result.conflicts.length, 1);
  });

  it('conflicts on a replace or remove of a value the server changed, unless it set the same', () => {
    const base = { title: 'A', n: 1 };
    const replaced = rebase({
      base,
      ours: [{ op: 'replace', path: '/title', value: 'X' }],
      theirs: { title: 'B', n: 1 },
    });
    assert.equal(
      replaced.conflicts[0].description,
      'you replace /title with "X"; the server changed /title from "A" to "B"',
    );
    assert.deepEqual(
      rebase({ base, ours: [{ op: 'replace', path: '/title', value: 'B' }], theirs: { title: 'B', n: 1 } }).conflicts,
      [],
    );
    const removed = rebase({ base, ours: [{ op: 'remove', path: '/title' }], theirs: { title: 'B', n: 1 } });
    assert.equal(removed.conflicts.length, 1);
    const added = rebase({ base, ours: [{ op: 'add', path: '/x', value: 1 }], theirs: { title: 'A', n: 1, x: 2 } });
    assert.equal(added.conflicts[0].description, 'you add 1 at /x; the server added /x as 2');
  });

  it('a later operation cannot undo a server change that an earlier one agreed with', () => {
    // Found by the property test: the first replace matches the server, the second goes on
    // from there — without this, both versions look alike at /x and 2 is lost unseen.
    const ours = [
      { op: 'replace', path: '/x', value: 2 },
      { op: 'replace', path: '/x', value: 1 },
    ];
    const result = rebase({ base: { x: 0 }, ours, theirs: { x: 2 } });
    assert.deepEqual(
      result.conflicts.map((c) => c.description),
      ['you replace /x with 1; the server changed /x from 0 to 2, which an earlier operation of yours had accepted'],
    );
  });

  it("moves and copies follow the server's shifts on both ends", () => {
    const base = { l: ['a', 'b', 'c'], keep: {} };
    const theirs = { l: ['z', 'a', 'b', 'c'], keep: {} };
    const result = rebase({
      base,
      ours: [
        { op: 'move', from: '/l/2', path: '/l/1' },
        { op: 'copy', from: '/l/1', path: '/keep/moved' },
      ],
      theirs,
    });
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(result.ops, [
      { op: 'move', from: '/l/3', path: '/l/2' },
      { op: 'copy', from: '/l/2', path: '/keep/moved' },
    ]);
    assert.deepEqual(applyJsonPatch(theirs, result.ops), { l: ['z', 'a', 'c', 'b'], keep: { moved: 'c' } });
    const first = rebase({ base, ours: [{ op: 'move', from: '/l/2', path: '/l/0' }], theirs });
    assert.equal(first.conflicts.length, 1, 'to the front, where the server put "z": before or after it is ambiguous');
  });

  it('puts the current version token into a test of the version field, without a conflict', () => {
    const base = { metadata: { resourceVersion: '10' }, spec: { replicas: 1 } };
    const theirs = { metadata: { resourceVersion: '11' }, spec: { replicas: 1 }, status: { ready: 1 } };
    const result = rebase({
      base,
      ours: [
        { op: 'test', path: '/metadata/resourceVersion', value: '10' },
        { op: 'replace', path: '/spec/replicas', value: 3 },
      ],
      theirs,
      versionPaths: [['metadata', 'resourceVersion']],
    });
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(result.ops[0], { op: 'test', path: '/metadata/resourceVersion', value: '11' });
  });

  it('without a base, asks about every write a passing test does not vouch for', () => {
    const theirs = { title: 'B', list: [1, 2], n: 1 };
    const result = rebase({
      ours: [
        { op: 'replace', path: '/title', value: 'X' },
        { op: 'test', path: '/n', value: 1 },
        { op: 'replace', path: '/n', value: 2 },
        { op: 'add', path: '/list/-', value: 3 },
        { op: 'add', path: '/list/0', value: 0 },
      ],
      theirs,
    });
    assert.equal(result.mode, 'two-way');
    assert.deepEqual(
      result.conflicts.map((c) => c.id),
      ['/0', '/4'],
    );
  });

  it('keeps an invalid operation as written and says what is wrong with it', () => {
    const result = rebase({ base: {}, ours: [{ op: 'frobnicate', path: '/a' }], theirs: {} });
    assert.equal(
      result.conflicts[0].description,
      'operation 1: "op" must be one of add, remove, replace, move, copy, test',
    );
  });

  it("keeps the user's formatting and placeholders where nothing moved", () => {
    const ours = '[\n  // bump\n  {"op": "replace", "path": "/lines/0/qty", "value": {{qty}}}\n]';
    const result = rebase({
      base: { lines: items('A') },
      ours,
      theirs: { lines: items('Z', 'A') },
      resolvePlaceholders: (t) => t.replace('{{qty}}', '4'),
    });
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.merged, '[\n  // bump\n  {"op": "replace", "path": "/lines/1/qty", "value": {{qty}}}\n]');
  });
});
