// The whole loop against loopback servers that behave like the real systems, with the real
// sender and the real merge: read → another writer changes a different field → stale write →
// detected, refetched, rebased, resent → the server holds both writers' changes.
import { strict as assert } from 'node:assert';
import { Agent } from 'undici';
import { classifyConflict } from '../../../src/core/conflict/classify-conflict';
import type { Exchange } from '../../../src/core/conflict/conflict-model';
import type { SendFn } from '../../../src/core/conflict/resolve-conflict';
import { resolveConflict } from '../../../src/core/conflict/resolve-conflict';
import { recordExchange } from '../../../src/core/conflict/snapshot-capture';
import { MemorySnapshotStore } from '../../../src/core/conflict/snapshot-store';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';
import { defaultSendOptions, headerValue } from '../../../src/core/send/send-model';
import type { HeaderList, OutgoingRequest } from '../../../src/core/send/send-model';
import { sendRequest } from '../../../src/core/send/send-request';
import type { ConflictApi } from '../../fixtures/servers/conflict-api-server';
import { startConflictApi } from '../../fixtures/servers/conflict-api-server';

const json: HeaderList = [
  ['Content-Type', 'application/json'],
  ['Accept', 'application/json'],
];

describe("resolveConflict against each dialect's fixture API", () => {
  let api: ConflictApi;
  let agent: Agent;
  let snapshots: MemorySnapshotStore;
  let send: SendFn;

  beforeEach(async () => {
    api = await startConflictApi();
    agent = new Agent();
    snapshots = new MemorySnapshotStore();
    send = (request, signal) => sendRequest(request, { ...defaultSendOptions, dispatcher: agent, env: {}, signal });
  });
  afterEach(async () => {
    await agent.close();
    await api.close();
  });

  async function exchangeOf(request: OutgoingRequest): Promise<Exchange> {
    const result = await send(request);
    if (!result.ok) throw new Error(`send failed: ${result.failure.message}`);
    return { request, response: result.response };
  }

  async function read(
    path: string,
    headers: HeaderList = json,
  ): Promise<{ exchange: Exchange; body: Record<string, unknown> }> {
    const exchange = await exchangeOf({ method: 'GET', url: `${api.url}${path}`, headers });
    assert.equal(exchange.response.status, 200);
    assert.ok(await recordExchange(snapshots, exchange), 'the read becomes a snapshot');
    return { exchange, body: JSON.parse(new TextDecoder().decode(exchange.response.body)) };
  }

  function write(method: string, path: string, body: string, headers: HeaderList = json): OutgoingRequest {
    return { method, url: `${api.url}${path}`, headers, body: { kind: 'text', text: body } };
  }

  async function resolveStale(request: OutgoingRequest, expected: { status: number; dialect: string }) {
    const stale = await exchangeOf(request);
    assert.equal(stale.response.status, expected.status);
    const report = classifyConflict(stale);
    assert.equal(report?.dialectId, expected.dialect);
    const steps = await resolveConflict({ exchange: stale, snapshots, send, merge: mergeBodies });
    assert.equal(steps.outcome, 'resolved', `${steps.message} ${JSON.stringify(steps.rebase?.merge.conflicts ?? [])}`);
    assert.equal(steps.rebase?.merge.mode, 'three-way', 'the read snapshot served as the base');
    return steps;
  }

  it('ETag / If-Match: rebases a title change onto a concurrent owner change', async () => {
    const { exchange } = await read('/etag/documents/42');
    const etag = headerValue(exchange.response.headers, 'etag')!;
    api.otherWriter('/etag/documents/42', { owner: 'ben' });
    const body = '{\n  "id": 42,\n  "title": "Updated Title",\n  "tags": ["finance"],\n  "owner": "ana"\n}';
    const steps = await resolveStale(write('PUT', '/etag/documents/42', body, [...json, ['If-Match', etag]]), {
      status: 412,
      dialect: 'http-validators',
    });
    assert.notEqual(headerValue(steps.resend!.plan.ok ? steps.resend!.plan.request.headers : [], 'if-match'), etag);
    assert.deepEqual(api.state('/etag/documents/42')?.document, {
      id: 42,
      title: 'Updated Title',
      tags: ['finance'],
      owner: 'ben',
    });
  });

  it('428: adds If-Match from the refetch to a write that had no precondition', async () => {
    await read('/etag/strict/documents/42');
    api.otherWriter('/etag/strict/documents/42', { tags: ['finance', 'audited'] });
    const body = '{ "id": 42, "title": "Updated Title", "tags": ["finance"], "owner": "ana" }';
    const steps = await resolveStale(write('PUT', '/etag/strict/documents/42', body), {
      status: 428,
      dialect: 'http-validators',
    });
    assert.equal(steps.report?.kind, 'precondition-required');
    assert.deepEqual(api.state('/etag/strict/documents/42')?.document, {
      id: 42,
      title: 'Updated Title',
      tags: ['finance', 'audited'],
      owner: 'ana',
    });
  });

  it('weak ETags: never resends W/ in If-Match, switches to If-Unmodified-Since', async () => {
    const { exchange } = await read('/etag/weak/documents/42');
    const weak = headerValue(exchange.response.headers, 'etag')!;
    assert.match(weak, /^W\//);
    api.otherWriter('/etag/weak/documents/42', { owner: 'ben' });
    const body = '{ "id": 42, "title": "Updated Title", "tags": ["finance"], "owner": "ana" }';
    const steps = await resolveStale(write('PUT', '/etag/weak/documents/42', body, [...json, ['If-Match', weak]]), {
      status: 412,
      dialect: 'http-validators',
    });
    assert.ok(steps.resend?.plan.ok);
    assert.equal(headerValue(steps.resend.plan.request.headers, 'if-match'), undefined);
    assert.ok(headerValue(steps.resend.plan.request.headers, 'if-unmodified-since'));
    assert.deepEqual(api.state('/etag/weak/documents/42')?.document, {
      id: 42,
      title: 'Updated Title',
      tags: ['finance'],
      owner: 'ben',
    });
    const resent = api.requests.filter((r) => r.method === 'PUT');
    assert.equal(resent.length, 2);
    assert.equal(resent[1].headers['if-match'], undefined);
  });

  it('body version field: takes currentVersion and keeps both changes', async () => {
    await read('/versioned/documents/42');
    api.otherWriter('/versioned/documents/42', { owner: 'ben' });
    const body =
      '{\n  "id": 42,\n  "title": "Updated Title",\n  "tags": ["finance"],\n  "owner": "ana",\n  "version": 5\n}';
    const steps = await resolveStale(write('PUT', '/versioned/documents/42', body), {
      status: 409,
      dialect: 'error-current-version',
    });
    assert.equal(steps.report?.currentToken?.value, 6);
    assert.deepEqual(api.state('/versioned/documents/42')?.document, {
      id: 42,
      title: 'Updated Title',
      tags: ['finance'],
      owner: 'ben',
      version: 7,
    });
  });

  it('body version field without the current version in the error: learns it from the refetch', async () => {
    await read('/versioned/quiet/documents/42');
    api.otherWriter('/versioned/quiet/documents/42', { tags: ['finance', 'audited'] });
    const body = '{ "id": 42, "title": "Updated Title", "tags": ["finance"], "owner": "ana", "version": 5 }';
    const steps = await resolveStale(write('PUT', '/versioned/quiet/documents/42', body), {
      status: 409,
      dialect: 'body-version',
    });
    assert.equal(steps.report?.currentToken, undefined);
    assert.deepEqual(steps.rebase?.tokenUpdates, [{ location: { kind: 'body', path: ['version'] }, value: 6 }]);
    assert.deepEqual(api.state('/versioned/quiet/documents/42')?.document, {
      id: 42,
      title: 'Updated Title',
      tags: ['finance', 'audited'],
      owner: 'ana',
      version: 7,
    });
  });

  it("keeps the user's placeholders in the rebased text and sends their values", async () => {
    await read('/versioned/documents/42');
    api.otherWriter('/versioned/documents/42', { owner: 'ben' });
    const userBodyText = '{ "id": 42, "title": "{{newTitle}}", "tags": ["finance"], "owner": "ana", "version": 5 }';
    const resolvePlaceholders = (text: string) => text.replace('{{newTitle}}', 'From Env');
    const stale = await exchangeOf(write('PUT', '/versioned/documents/42', resolvePlaceholders(userBodyText)));
    const steps = await resolveConflict({
      exchange: stale,
      userBodyText,
      resolvePlaceholders,
      snapshots,
      send,
      merge: mergeBodies,
    });
    assert.equal(steps.outcome, 'resolved', steps.message);
    assert.ok(steps.resend?.plan.ok);
    assert.match(steps.resend.plan.bodyText ?? '', /"title": "\{\{newTitle\}\}"/);
    assert.deepEqual(api.state('/versioned/documents/42')?.document, {
      id: 42,
      title: 'From Env',
      tags: ['finance'],
      owner: 'ben',
      version: 7,
    });
  });

  it('CouchDB _rev in the body: rebases onto the new revision', async () => {
    const { body: doc } = await read('/couch/db/doc42');
    api.otherWriter('/couch/db/doc42', { owner: 'ben' });
    const body = JSON.stringify(
      { _id: 'doc42', _rev: doc._rev, title: 'Updated Title', tags: ['finance'], owner: 'ana' },
      null,
      2,
    );
    await resolveStale(write('PUT', '/couch/db/doc42', body), { status: 409, dialect: 'couchdb' });
    const state = api.state('/couch/db/doc42')?.document as Record<string, unknown>;
    assert.equal(state.title, 'Updated Title');
    assert.equal(state.owner, 'ben');
    assert.match(String(state._rev), /^3-/);
  });

  it('CouchDB ?rev=: moves the query parameter to the new revision', async () => {
    const { body: doc } = await read('/couch/db/doc42');
    api.otherWriter('/couch/db/doc42', { tags: ['finance', 'audited'] });
    const body = '{ "title": "Updated Title", "tags": ["finance"], "owner": "ana" }';
    const steps = await resolveStale(write('PUT', `/couch/db/doc42?rev=${String(doc._rev)}`, body), {
      status: 409,
      dialect: 'couchdb',
    });
    assert.ok(steps.resend?.plan.ok);
    assert.match(steps.resend.plan.request.url, /rev=2-/);
    const state = api.state('/couch/db/doc42')?.document as Record<string, unknown>;
    assert.deepEqual([state.title, state.tags], ['Updated Title', ['finance', 'audited']]);
  });

  it('Kubernetes resourceVersion: rebases a data change onto a concurrent one', async () => {
    const { body: object } = await read('/k8s/api/v1/namespaces/default/configmaps/x');
    api.otherWriter('/k8s/api/v1/namespaces/default/configmaps/x', { data: { color: 'green' } });
    const mine = { ...object, data: { ...(object.data as object), greeting: 'hi there' } };
    await resolveStale(write('PUT', '/k8s/api/v1/namespaces/default/configmaps/x', JSON.stringify(mine, null, 2)), {
      status: 409,
      dialect: 'kubernetes',
    });
    const state = api.state('/k8s/api/v1/namespaces/default/configmaps/x')?.document as { data: object };
    assert.deepEqual(state.data, { greeting: 'hi there', color: 'green' });
  });

  it('Elasticsearch if_seq_no / if_primary_term: merges against _source and moves the query tokens', async () => {
    const { body: doc } = await read('/es/index/_doc/42');
    api.otherWriter('/es/index/_doc/42', { owner: 'ben' });
    const body = '{ "title": "Updated Title", "tags": ["finance"], "owner": "ana" }';
    const path = `/es/index/_doc/42?if_seq_no=${String(doc._seq_no)}&if_primary_term=${String(doc._primary_term)}`;
    const steps = await resolveStale(write('PUT', path, body), { status: 409, dialect: 'elasticsearch' });
    assert.ok(steps.resend?.plan.ok);
    assert.match(steps.resend.plan.request.url, /if_seq_no=2&if_primary_term=1$/);
    assert.deepEqual(api.state('/es/index/_doc/42')?.document, {
      title: 'Updated Title',
      tags: ['finance'],
      owner: 'ben',
    });
  });

  it('GitHub contents sha: merges the decoded files and resends with the new sha', async () => {
    const { body: file } = await read('/github/repos/o/r/contents/docs/settings.json');
    api.otherWriter('/github/repos/o/r/contents/docs/settings.json', { owner: 'ben' });
    const mine = `${JSON.stringify({ title: 'Updated Title', tags: ['finance'], owner: 'ana' }, null, 2)}\n`;
    const body = JSON.stringify(
      { message: 'Retitle', content: Buffer.from(mine).toString('base64'), sha: file.sha },
      null,
      2,
    );
    const steps = await resolveStale(write('PUT', '/github/repos/o/r/contents/docs/settings.json', body), {
      status: 409,
      dialect: 'github-contents',
    });
    assert.equal(JSON.parse(steps.resend!.plan.ok ? steps.resend!.plan.bodyText! : '{}').message, 'Retitle');
    assert.deepEqual(api.state('/github/repos/o/r/contents/docs/settings.json')?.document, {
      title: 'Updated Title',
      tags: ['finance'],
      owner: 'ben',
    });
  });
});

describe('resolveConflict refuses what it cannot do safely', () => {
  let api: ConflictApi;
  let agent: Agent;
  let send: SendFn;
  beforeEach(async () => {
    api = await startConflictApi();
    agent = new Agent();
    send = (request, signal) => sendRequest(request, { ...defaultSendOptions, dispatcher: agent, env: {}, signal });
  });
  afterEach(async () => {
    await agent.close();
    await api.close();
  });

  async function stalePut(snapshots: MemorySnapshotStore): Promise<Exchange> {
    const get: OutgoingRequest = { method: 'GET', url: `${api.url}/versioned/documents/42`, headers: json };
    const got = await send(get);
    assert.ok(got.ok);
    await recordExchange(snapshots, { request: get, response: got.response });
    api.otherWriter('/versioned/documents/42', { title: 'Their Title' });
    const put: OutgoingRequest = {
      method: 'PUT',
      url: `${api.url}/versioned/documents/42`,
      headers: json,
      body: {
        kind: 'text',
        text: '{ "id": 42, "title": "My Title", "tags": ["finance"], "owner": "ana", "version": 5 }',
      },
    };
    const result = await send(put);
    assert.ok(result.ok);
    return { request: put, response: result.response };
  }

  it('does not resend while both sides changed the same field', async () => {
    const snapshots = new MemorySnapshotStore();
    const stale = await stalePut(snapshots);
    const steps = await resolveConflict({ exchange: stale, snapshots, send, merge: mergeBodies });
    assert.equal(steps.outcome, 'conflicts-remain');
    assert.equal(steps.rebase?.merge.conflicts.length, 1);
    assert.equal(api.requests.filter((r) => r.method === 'PUT').length, 1, 'no second PUT');
    assert.equal((api.state('/versioned/documents/42')?.document as { title: string }).title, 'Their Title');
  });

  it('without a snapshot, merges two-way and asks about every difference instead of guessing', async () => {
    const snapshots = new MemorySnapshotStore();
    api.otherWriter('/versioned/documents/42', { owner: 'ben' });
    const put: OutgoingRequest = {
      method: 'PUT',
      url: `${api.url}/versioned/documents/42`,
      headers: json,
      body: { kind: 'text', text: '{ "id": 42, "title": "Mine", "tags": ["finance"], "owner": "ana", "version": 5 }' },
    };
    const result = await send(put);
    assert.ok(result.ok);
    const steps = await resolveConflict({
      exchange: { request: put, response: result.response },
      snapshots,
      send,
      merge: mergeBodies,
    });
    assert.equal(steps.base, undefined);
    assert.equal(steps.rebase?.merge.mode, 'two-way');
    assert.equal(steps.outcome, 'conflicts-remain');
    assert.deepEqual(steps.rebase?.merge.conflicts.map((c) => c.path?.join('.')).sort(), ['owner', 'title']);
    assert.equal(api.requests.filter((r) => r.method === 'PUT').length, 1);
  });

  it('sends nothing for a duplicate-key 409', async () => {
    const post: OutgoingRequest = {
      method: 'POST',
      url: `${api.url}/problems/users`,
      headers: json,
      body: { kind: 'text', text: '{"email":"ana@example.com"}' },
    };
    const result = await send(post);
    assert.ok(result.ok);
    const steps = await resolveConflict({
      exchange: { request: post, response: result.response },
      snapshots: new MemorySnapshotStore(),
      send,
      merge: mergeBodies,
    });
    assert.equal(steps.outcome, 'not-a-version-conflict');
    assert.equal(steps.report?.serverMessage, 'Duplicate email: A user with email ana@example.com already exists.');
    assert.equal(api.requests.length, 1);
  });

  it('reports a new conflict, without retrying, when the resource changes again before the resend', async () => {
    const snapshots = new MemorySnapshotStore();
    const get: OutgoingRequest = { method: 'GET', url: `${api.url}/versioned/documents/42`, headers: json };
    const got = await send(get);
    assert.ok(got.ok);
    await recordExchange(snapshots, { request: get, response: got.response });
    api.otherWriter('/versioned/documents/42', { owner: 'ben' });
    const put: OutgoingRequest = {
      method: 'PUT',
      url: get.url,
      headers: json,
      body: { kind: 'text', text: '{ "id": 42, "title": "Mine", "tags": ["finance"], "owner": "ana", "version": 5 }' },
    };
    const stale = await send(put);
    assert.ok(stale.ok);
    const racing: SendFn = async (request, signal) => {
      const result = await send(request, signal);
      if (request.method === 'GET') api.otherWriter('/versioned/documents/42', { tags: ['late'] });
      return result;
    };
    const steps = await resolveConflict({
      exchange: { request: put, response: stale.response },
      snapshots,
      send: racing,
      merge: mergeBodies,
    });
    assert.equal(steps.outcome, 'conflict-again');
    assert.equal(steps.resend?.report?.currentToken?.value, 7);
    assert.equal(api.requests.filter((r) => r.method === 'PUT').length, 2, 'exactly one resend');
  });

  it('keeps the earlier snapshot as the base when the refetch fails', async () => {
    const snapshots = new MemorySnapshotStore();
    const stale = await stalePut(snapshots);
    const before = await snapshots.history(`${api.url}/versioned/documents/42`);
    const failing: SendFn = async () => ({
      ok: false,
      failure: { code: 'reset', phase: 'body', message: 'The connection was reset', mayHaveReachedServer: false },
    });
    const steps = await resolveConflict({ exchange: stale, snapshots, send: failing, merge: mergeBodies });
    assert.equal(steps.outcome, 'refetch-failed');
    assert.match(steps.message, /connection was reset/);
    assert.deepEqual(await snapshots.history(`${api.url}/versioned/documents/42`), before);
  });
});
