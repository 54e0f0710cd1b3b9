// Fields the server sets on every write are never the user's change in a full document:
// they take the current value where the body has them and stay out where it has not.
import { strict as assert } from 'node:assert';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';
import type { MergeInput } from '../../../src/core/merge/merge-model';

const azure = (done: boolean, stamp: string, etag: string) =>
  JSON.stringify({
    'odata.metadata': 'https://acct.table.core.windows.net/$metadata#Tasks/@Element',
    'odata.etag': etag,
    PartitionKey: 'p',
    RowKey: 'r',
    Timestamp: stamp,
    Title: 'Report',
    Done: done,
  });

describe('server-managed fields in a full document', () => {
  const managed = ['/Timestamp', '/odata.*'];

  it('a body that leaves them out rebases cleanly and does not get them added', () => {
    const input: MergeInput = {
      base: azure(false, '2026-01-01T00:00:00Z', 'W/"1"'),
      ours: '{ "PartitionKey": "p", "RowKey": "r", "Title": "Final report", "Done": false }',
      theirs: azure(true, '2026-01-02T00:00:00Z', 'W/"2"'),
      versionPaths: [['odata.etag']],
      serverManagedPaths: managed,
    };
    const result = mergeBodies(input);
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.merged, '{ "PartitionKey": "p", "RowKey": "r", "Title": "Final report", "Done": true }');
    // Without the setting the same merge says "you removed" the server's bookkeeping.
    const without = mergeBodies({ ...input, serverManagedPaths: undefined });
    assert.ok(
      without.conflicts.some((c) => c.id === '/Timestamp'),
      JSON.stringify(without.conflicts),
    );
  });

  it('a body that has them takes the current value, never a conflict', () => {
    const result = mergeBodies({
      base: azure(false, 't1', 'W/"1"'),
      ours: azure(false, 't1', 'W/"1"').replace('"Title":"Report"', '"Title":"Mine"'),
      theirs: azure(false, 't2', 'W/"2"'),
      serverManagedPaths: managed,
    });
    assert.deepEqual(result.conflicts, []);
    const merged = JSON.parse(result.merged) as Record<string, unknown>;
    assert.equal(merged.Timestamp, 't2');
    assert.equal(merged['odata.etag'], 'W/"2"');
    assert.equal(merged.Title, 'Mine');
  });

  it("two-way: the server's managed fields are no question for the user", () => {
    const result = mergeBodies({
      ours: '{"metadata": {"name": "web"}, "spec": {"replicas": 3}}',
      theirs:
        '{"metadata": {"name": "web", "generation": 7, "managedFields": [{"manager": "kubectl"}]}, "spec": {"replicas": 3}}',
      serverManagedPaths: ['/metadata/managedFields', '/metadata/generation'],
    });
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.merged, '{"metadata": {"name": "web"}, "spec": {"replicas": 3}}');
  });

  it('a real change next to them still merges, and a real conflict still shows', () => {
    const result = mergeBodies({
      base: '{"_rev": "1-a", "title": "A", "n": 1}',
      ours: '{"title": "B", "n": 1}',
      theirs: '{"_rev": "2-b", "title": "C", "n": 2}',
      serverManagedPaths: ['/_rev'],
    });
    assert.deepEqual(
      result.conflicts.map((c) => c.id),
      ['/title'],
    );
    assert.equal(result.merged, '{"title": "B", "n": 2}');
  });
});
