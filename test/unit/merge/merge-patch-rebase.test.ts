// A JSON Merge Patch (RFC 7396) rebases as the change set it is: resent as written, a
// conflict only where the server changed what the patch writes.
import { strict as assert } from 'node:assert';
import { mergeBodies, resolveConflicts } from '../../../src/core/merge/merge-bodies';
import type { MergeInput, MergeResult, Resolution } from '../../../src/core/merge/merge-model';
import { applyTextEdits } from '../../../src/core/merge/text-edits';

function rebase(input: Omit<MergeInput, 'bodyKind'>, decisions?: Record<string, Resolution['kind']>): MergeResult {
  const full: MergeInput = { ...input, bodyKind: 'merge-patch' };
  const result = decisions
    ? resolveConflicts(full, new Map(Object.entries(decisions).map(([id, kind]) => [id, { kind } as Resolution])))
    : mergeBodies(full);
  assert.equal(
    applyTextEdits(input.ours, result.edits),
    result.merged,
    'edits applied to the patch give the merged text',
  );
  return result;
}

const task = {
  PartitionKey: 'p',
  RowKey: 'r',
  Title: 'Write report',
  Done: false,
  Owner: 'ana',
  Priority: 2,
  Notes: 'n',
  Tags: ['a'],
  Due: '2026-02-01',
};

describe('JSON Merge Patch rebase', () => {
  it('resends the patch unchanged when the server changed other fields', () => {
    const ours = '{ "Done": true }';
    const result = rebase({
      base: JSON.stringify(task),
      ours,
      theirs: JSON.stringify({ ...task, Owner: 'ben', Priority: 1, Extra: 'new' }),
    });
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.merged, ours, 'nothing of the server is copied into the patch');
    assert.equal(result.mode, 'three-way');
    assert.deepEqual(result.oursChanges, [{ at: '/Done', kind: 'changed', before: 'false', after: 'true' }]);
    assert.deepEqual(
      result.theirsChanges.map((c) => c.at),
      ['/Owner', '/Priority', '/Extra'],
    );
  });

  it('never calls a field the patch leaves out a removal', () => {
    const result = rebase({
      base: JSON.stringify(task),
      ours: '{"Title": "Final report"}',
      theirs: JSON.stringify({ ...task, Notes: 'changed', Tags: ['a', 'b'] }),
    });
    assert.deepEqual(result.conflicts, []);
    assert.ok(!result.oursChanges.some((c) => c.kind === 'removed'));
  });

  it('conflicts where the server changed the field the patch sets, in plain words', () => {
    const result = rebase({ base: '{"title": "A", "n": 1}', ours: '{"title": "X"}', theirs: '{"title": "B", "n": 1}' });
    assert.equal(result.conflicts.length, 1);
    const [conflict] = result.conflicts;
    assert.equal(conflict.id, '/title');
    assert.deepEqual(conflict.path, ['title']);
    assert.equal(conflict.description, 'you set /title to "X"; the server changed /title from "A" to "B"');
    assert.equal(conflict.ours, '"X"');
    assert.equal(conflict.theirs, '"B"');
    assert.equal(conflict.base, '"A"');
    assert.equal(result.merged, '{"title": "X"}', 'the patch is kept as written until the user decides');
  });

  it('is no conflict when the server already set the value the patch sets', () => {
    const result = rebase({ base: '{"title": "A"}', ours: '{"title": "X"}', theirs: '{"title": "X"}' });
    assert.deepEqual(result.conflicts, []);
  });

  it('conflicts when the server added the field the patch sets', () => {
    const result = rebase({ base: '{}', ours: '{"title": "X"}', theirs: '{"title": "B"}' });
    assert.equal(result.conflicts[0].description, 'you set /title to "X"; the server added /title as "B"');
  });

  it('removes with null, and conflicts only when the server changed what it removes', () => {
    const base = '{"tags": ["a"], "title": "A"}';
    assert.deepEqual(rebase({ base, ours: '{"tags": null}', theirs: '{"tags": ["a"], "title": "B"}' }).conflicts, []);
    const changed = rebase({ base, ours: '{"tags": null}', theirs: '{"tags": ["a", "b"], "title": "A"}' });
    assert.equal(
      changed.conflicts[0].description,
      'you remove /tags; the server changed /tags from ["a"] to ["a","b"]',
    );
    assert.deepEqual(
      rebase({ base, ours: '{"tags": null}', theirs: '{"title": "A"}' }).conflicts,
      [],
      'the server removed it too',
    );
  });

  it('recurses into objects: a sibling change is no conflict, the same leaf is', () => {
    const base = '{"meta": {"author": "ann", "lang": "en"}}';
    assert.deepEqual(
      rebase({ base, ours: '{"meta": {"author": "bob"}}', theirs: '{"meta": {"author": "ann", "lang": "de"}}' })
        .conflicts,
      [],
    );
    const same = rebase({
      base,
      ours: '{"meta": {"author": "bob"}}',
      theirs: '{"meta": {"author": "cy", "lang": "en"}}',
    });
    assert.equal(same.conflicts[0].id, '/meta/author');
  });

  it('conflicts when the server removed or replaced the object the patch writes into', () => {
    const base = '{"meta": {"author": "ann"}, "x": 1}';
    const removed = rebase({ base, ours: '{"meta": {"lang": "de"}}', theirs: '{"x": 1}' });
    assert.equal(
      removed.conflicts[0].description,
      'you set /meta/lang to "de"; the server removed /meta (it was {"author":"ann"})',
    );
    const replaced = rebase({ base, ours: '{"meta": {"lang": "de"}}', theirs: '{"meta": "none", "x": 1}' });
    assert.equal(replaced.conflicts.length, 1);
  });

  it('conflicts when the patch removes or replaces an object the server changed inside', () => {
    const result = rebase({
      base: '{"meta": {"author": "ann", "lang": "en"}}',
      ours: '{"meta": null}',
      theirs: '{"meta": {"author": "ann", "lang": "de"}}',
    });
    assert.equal(result.conflicts[0].description, 'you remove /meta; the server changed /meta/lang from "en" to "de"');
  });

  it('adds to an object the server created meanwhile, without a conflict', () => {
    const result = rebase({
      base: '{"x": 1}',
      ours: '{"meta": {"lang": "de"}}',
      theirs: '{"x": 1, "meta": {"author": "ann"}}',
    });
    assert.deepEqual(result.conflicts, []);
  });

  it('replaces arrays whole: a server change to the list conflicts with a patch that sets it', () => {
    const result = rebase({
      base: '{"tags": ["a"]}',
      ours: '{"tags": ["a", "mine"]}',
      theirs: '{"tags": ["a", "theirs"]}',
    });
    assert.equal(result.conflicts[0].id, '/tags');
  });

  it('without a base, asks about every written field whose current value differs', () => {
    const result = rebase({ ours: '{"title": "X", "done": true, "n": 1}', theirs: '{"title": "B", "done": true}' });
    assert.equal(result.mode, 'two-way');
    assert.deepEqual(
      result.conflicts.map((c) => c.id),
      ['/title', '/n'],
    );
    assert.equal(
      result.conflicts[0].description,
      'you set /title to "X"; the current version has "B" there, and with no earlier version to compare, whether the server changed it is unknown',
    );
    assert.equal(
      result.conflicts[1].description,
      'you set /n to 1; the current version has no /n, and with no earlier version to compare, whether the server changed it is unknown',
    );
  });

  it('"Take theirs" takes the member out of the patch and keeps the rest as written', () => {
    const ours = '{\n  // my edit\n  "title": "X", // why\n  "done": true\n}';
    const input = { base: '{"title": "A", "done": false}', ours, theirs: '{"title": "B", "done": false}' };
    const open = rebase(input);
    assert.equal(open.conflicts.length, 1);
    const theirs = rebase(input, { '/title': 'theirs' });
    assert.deepEqual(theirs.conflicts, []);
    assert.equal(theirs.merged, '{\n  // my edit\n  "done": true\n}');
    const mine = rebase(input, { '/title': 'ours' });
    assert.deepEqual(mine.conflicts, []);
    assert.equal(mine.merged, ours);
  });

  it('drops an object left empty by "Take theirs", and the last member\'s comma', () => {
    const ours = '{\n  "done": true,\n  "meta": {\n    "lang": "de"\n  }\n}';
    const result = rebase(
      { base: '{"meta": {"lang": "en"}}', ours, theirs: '{"meta": {"lang": "fr"}}' },
      { '/meta/lang': 'theirs' },
    );
    assert.equal(result.merged, '{\n  "done": true\n}');
    assert.deepEqual(JSON.parse(result.merged), { done: true });
  });

  it('applies a typed value for a conflict', () => {
    const input = { base: '{"title": "A"}', ours: '{"title": "X"}', theirs: '{"title": "B"}' };
    const result = resolveConflicts(
      { ...input, bodyKind: 'merge-patch' },
      new Map([['/title', { kind: 'value', text: '"X and B"' }]]),
    );
    assert.equal(result.merged, '{"title": "X and B"}');
  });

  it('a repeated key: the last copy counts, and "Take theirs" removes every copy', () => {
    const input = { base: '{"a": 0}', ours: '{"a": 1, "b": 2, "a": 3}', theirs: '{"a": 5}' };
    const open = rebase(input);
    assert.equal(open.conflicts[0].ours, '3');
    assert.equal(rebase(input, { '/a': 'theirs' }).merged, '{"b": 2}');
  });

  it('puts the current value into a version or server-managed field the patch names, without a conflict', () => {
    const result = rebase({
      base: '{"version": 4, "Timestamp": "t1", "title": "A"}',
      ours: '{"version": 4, "Timestamp": "t1", "done": true}',
      theirs: '{"version": 5, "Timestamp": "t2", "title": "B"}',
      versionPaths: [['version']],
      serverManagedPaths: ['/Timestamp'],
    });
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.merged, '{"version": 5, "Timestamp": "t2", "done": true}');
  });

  it('compares the values sent, keeping the placeholders in the text', () => {
    const result = rebase({
      base: '{"title": "A"}',
      ours: '{"title": "{{title}}"}',
      theirs: '{"title": "Mine"}',
      resolvePlaceholders: (t) => t.replace('{{title}}', 'Mine'),
    });
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.merged, '{"title": "{{title}}"}');
  });

  it('a body that is not a JSON object is a whole replacement, merged as a document', () => {
    const result = rebase({ base: '[1]', ours: '[1, 2]', theirs: '[1]' });
    assert.equal(result.merged, '[1, 2]');
  });

  it('refuses to guess on a patch that is not JSON', () => {
    const result = rebase({ base: '{"a": 1}', ours: '{"a": ', theirs: '{"a": 2}' });
    assert.equal(result.conflicts.length, 1);
    assert.match(result.conflicts[0].description, /not valid JSON/);
  });
});
