// The conflict engine tells the merge what a write body is (a document, a merge patch, a
// JSON Patch) and which fields the server manages, and puts the fresh token where such a
// body can carry it.
import { strict as assert } from 'node:assert';
import { classifyConflict, conflictOptions } from '../../../src/core/conflict/classify-conflict';
import type { Dialect, Exchange } from '../../../src/core/conflict/conflict-model';
import { findDialect } from '../../../src/core/conflict/dialects';
import { rebase } from '../../../src/core/conflict/rebase';
import { planResend } from '../../../src/core/conflict/resend-plan';
import type { Snapshot } from '../../../src/core/conflict/snapshot-store';
import { placeTokens } from '../../../src/core/conflict/token-placement';
import { writeBodyKind } from '../../../src/core/conflict/write-body-kind';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';
import type { HeaderList } from '../../../src/core/send/send-model';
import { headerValue } from '../../../src/core/send/send-model';
import { exchange, outgoing } from './exchange-builder';

function snapshot(url: string, body: unknown): Snapshot {
  return { url, status: 200, tokens: [], bodyText: JSON.stringify(body), time: '2026-01-01T00:00:00.000Z' };
}

function rebaseWrite(write: Exchange, base: unknown, current: Exchange, serverManagedFields?: string[]) {
  const report = classifyConflict(write)!;
  const dialect = findDialect(report.dialectId) as Dialect;
  const userBodyText = write.request.body?.kind === 'text' ? write.request.body.text : '';
  const result = rebase({
    report,
    dialect,
    exchange: write,
    base: snapshot(write.request.url, base),
    userBodyText,
    current,
    merge: mergeBodies,
    options: conflictOptions({ serverManagedFields }),
  });
  return { report, result, plan: planResend({ request: write.request, rebase: result }) };
}

const json: HeaderList = [['Content-Type', 'application/json']];

describe('write body kinds', () => {
  const kind = (method: string, headers: HeaderList, body?: string) =>
    writeBodyKind(outgoing(method, 'http://api.test/x', headers, body), body);

  it('reads the patch media types', () => {
    assert.equal(kind('PATCH', [['Content-Type', 'application/json-patch+json']], '[]'), 'json-patch');
    assert.equal(kind('PATCH', [['Content-Type', 'application/merge-patch+json; charset=utf-8']], '{}'), 'merge-patch');
    assert.equal(kind('PATCH', [['Content-Type', 'application/strategic-merge-patch+json']], '{}'), 'merge-patch');
  });

  it('takes a JSON object on PATCH (or MERGE, or a tunnelled PATCH) as a partial update', () => {
    assert.equal(kind('PATCH', json, '{"a": 1}'), 'merge-patch');
    assert.equal(kind('PATCH', [], '{"a": {{x}}}'), 'merge-patch');
    assert.equal(kind('MERGE', json, '{"a": 1}'), 'merge-patch');
    assert.equal(kind('POST', [...json, ['X-HTTP-Method', 'MERGE']], '{"a": 1}'), 'merge-patch');
    assert.equal(kind('PATCH', json, '[{"op": "add", "path": "/a", "value": 1}]'), 'json-patch');
  });

  it('keeps full documents and other bodies as documents', () => {
    assert.equal(kind('PUT', json, '{"a": 1}'), 'document');
    assert.equal(kind('POST', json, '{"a": 1}'), 'document');
    assert.equal(kind('PATCH', [['Content-Type', 'application/xml']], '<a/>'), 'document');
    assert.equal(kind('PATCH', json, '[1, 2]'), 'document');
  });
});

describe('rebase of PATCH bodies', () => {
  const url = 'http://api.test/etag/documents/42';
  const base = { id: 42, title: 'Report', owner: 'ana', tags: ['finance'] };
  const current = (doc: unknown, etag: string): Exchange =>
    exchange(outgoing('GET', url), {
      status: 200,
      headers: [
        ['ETag', etag],
        ['Content-Type', 'application/json'],
      ],
      body: doc as object,
    });
  const stale = (method: string, headers: HeaderList, body: string): Exchange =>
    exchange(outgoing(method, url, [...headers, ['If-Match', '"v1"']], body), {
      status: 412,
      headers: [['Content-Type', 'application/problem+json']],
      body: { title: 'Precondition Failed', status: 412 },
    });

  it('resends a merge patch as written, with the fresh ETag', () => {
    const body = '{ "title": "Final" }';
    const { result, plan } = rebaseWrite(
      stale('PATCH', json, body),
      base,
      current({ ...base, owner: 'ben', extra: 1 }, '"v2"'),
    );
    assert.equal(result.bodyKind, 'merge-patch');
    assert.deepEqual(result.merge.conflicts, []);
    assert.ok(plan.ok);
    assert.equal(plan.bodyText, body);
    assert.equal(headerValue(plan.request.headers, 'if-match'), '"v2"');
  });

  it('resends a JSON Patch with rebased indices', () => {
    const body = '[{"op": "replace", "path": "/tags/0", "value": "money"}]';
    const { result, plan } = rebaseWrite(
      stale('PATCH', [['Content-Type', 'application/json-patch+json']], body),
      base,
      current({ ...base, tags: ['urgent', 'finance'] }, '"v2"'),
    );
    assert.equal(result.bodyKind, 'json-patch');
    assert.ok(plan.ok, !plan.ok ? plan.message : '');
    assert.equal(plan.bodyText, '[{"op": "replace", "path": "/tags/1", "value": "money"}]');
  });
});

describe('version tokens in a JSON Patch', () => {
  const url = 'https://k8s.test/api/v1/namespaces/default/configmaps/app';
  const base = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'app', resourceVersion: '10' },
    data: { a: '1' },
  };
  const conflict = (body: string): Exchange =>
    exchange(outgoing('PATCH', url, [['Content-Type', 'application/json-patch+json']], body), {
      status: 409,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'Conflict',
        message:
          'Operation cannot be fulfilled on configmaps "app": the object has been modified; please apply your changes to the latest version and try again',
        code: 409,
      },
    });
  const now = exchange(outgoing('GET', url), {
    status: 200,
    body: { ...base, metadata: { ...base.metadata, resourceVersion: '11', generation: 2 }, data: { a: '1', b: '2' } },
  });

  it('goes into the operation that names the version field, and nowhere else', () => {
    const body =
      '[\n  {"op": "test", "path": "/metadata/resourceVersion", "value": "10"},\n  {"op": "add", "path": "/data/c", "value": "3"}\n]';
    const { result, plan } = rebaseWrite(conflict(body), base, now);
    assert.deepEqual(result.merge.conflicts, []);
    assert.ok(plan.ok, !plan.ok ? plan.message : '');
    assert.equal(
      plan.bodyText,
      '[\n  {"op": "test", "path": "/metadata/resourceVersion", "value": "11"},\n  {"op": "add", "path": "/data/c", "value": "3"}\n]',
    );
  });

  it('a patch with no place for the token is not resent without a precondition', () => {
    const { plan } = rebaseWrite(conflict('[{"op": "add", "path": "/data/c", "value": "3"}]'), base, now);
    assert.equal(!plan.ok && plan.reason, 'no-current-token');
  });

  it('placeTokens writes a body token into the operations naming it', () => {
    const request = outgoing(
      'PATCH',
      url,
      [],
      '[{"op":"test","path":"/metadata/resourceVersion","value":"1"},{"op":"remove","path":"/x"}]',
    );
    const placed = placeTokens(request, request.body?.kind === 'text' ? request.body.text : undefined, [
      { location: { kind: 'body', path: ['metadata', 'resourceVersion'] }, value: '2' },
    ]);
    assert.deepEqual(JSON.parse(placed.bodyText!), [
      { op: 'test', path: '/metadata/resourceVersion', value: '2' },
      { op: 'remove', path: '/x' },
    ]);
  });
});

describe('server-managed fields named by dialects and by the setting', () => {
  it('an Azure Table entity: a full PUT without Timestamp and odata.* rebases cleanly', () => {
    const url = "https://acct.table.core.windows.net/Tasks(PartitionKey='p',RowKey='r')";
    const entity = (done: boolean, stamp: string, etag: string) => ({
      'odata.metadata': 'https://acct.table.core.windows.net/$metadata#Tasks/@Element',
      'odata.etag': etag,
      PartitionKey: 'p',
      RowKey: 'r',
      Timestamp: stamp,
      Title: 'Report',
      Done: done,
    });
    const body = '{ "PartitionKey": "p", "RowKey": "r", "Title": "Final", "Done": false }';
    const write = exchange(outgoing('PUT', url, [...json, ['If-Match', 'W/"datetime\'1\'"']], body), {
      status: 412,
      body: {
        'odata.error': {
          code: 'UpdateConditionNotSatisfied',
          message: { value: 'The update condition specified in the request was not satisfied.' },
        },
      },
    });
    const now = exchange(outgoing('GET', url), {
      status: 200,
      headers: [['ETag', 'W/"datetime\'2\'"']],
      body: entity(true, '2026-01-02T00:00:00Z', 'W/"datetime\'2\'"'),
    });
    const { report, result } = rebaseWrite(write, entity(false, '2026-01-01T00:00:00Z', 'W/"datetime\'1\'"'), now);
    assert.equal(
      report.dialectId,
      'azure-table',
      "the Table service's own dialect, which names the same managed fields",
    );
    assert.deepEqual(result.merge.conflicts, []);
    assert.equal(result.merge.merged, '{ "PartitionKey": "p", "RowKey": "r", "Title": "Final", "Done": true }');
  });

  it('the httpConflicts.serverManagedFields setting names fields for any API', () => {
    const url = 'http://api.test/etag/documents/42';
    const write = exchange(outgoing('PUT', url, [...json, ['If-Match', '"v1"']], '{"title": "Final", "n": 1}'), {
      status: 412,
      body: { title: 'Precondition Failed' },
    });
    const now = exchange(outgoing('GET', url), {
      status: 200,
      headers: [['ETag', '"v2"']],
      body: { title: 'Report', n: 1, updatedAt: 't2' },
    });
    const base = { title: 'Report', n: 1, updatedAt: 't1' };
    assert.equal(
      rebaseWrite(write, base, now).result.merge.conflicts.length,
      1,
      'without the setting: "you removed updatedAt"',
    );
    const { result, plan } = rebaseWrite(write, base, now, ['/updatedAt']);
    assert.deepEqual(result.merge.conflicts, []);
    assert.ok(plan.ok);
    assert.equal(plan.bodyText, '{"title": "Final", "n": 1}');
  });
});
