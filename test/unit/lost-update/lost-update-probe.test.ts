// The probe against loopback APIs whose behaviour is known: its verdict and counts must match
// what each server actually accepted.
import { strict as assert } from 'node:assert';
import { Agent } from 'undici';
import { probeLostUpdates } from '../../../src/core/probe/lost-update-probe';
import type { ProbeResult } from '../../../src/core/probe/lost-update-probe';
import type { SendFn } from '../../../src/core/conflict/resolve-conflict';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { noFileAccess } from '../../../src/core/run/include-files';
import { defaultSendOptions } from '../../../src/core/send/send-model';
import { sendRequest } from '../../../src/core/send/send-request';
import type { ConflictApi } from '../../fixtures/servers/conflict-api-server';
import { startConflictApi } from '../../fixtures/servers/conflict-api-server';
import type { NaiveApi } from '../../fixtures/servers/naive-api-server';
import { startNaiveApi } from '../../fixtures/servers/naive-api-server';

const sources = {
  environment: {},
  dotenv: {},
  processEnv: {},
  prompts: {},
  allowProcessEnv: false,
  now: () => new Date(),
  random: () => 0.5,
};

const body = '{ "id": 42, "title": "Probe {{$randomInt 0 1000000}}", "tags": ["finance"], "owner": "ana" }';

function guardedFile(base: string, path: string): string {
  return `# @name doc\nGET ${base}${path}\n\n###\n# @name update\nPUT ${base}${path}\nIf-Match: {{doc.response.headers.ETag}}\nContent-Type: application/json\n\n${body}\n`;
}

function unguardedFile(base: string, path: string): string {
  return `# @name update\nPUT ${base}${path}\nContent-Type: application/json\n\n${body}\n`;
}

describe('probeLostUpdates', () => {
  let agent: Agent;
  let send: SendFn;
  beforeEach(() => {
    agent = new Agent({ connections: 16 });
    send = (request, signal) =>
      sendRequest(request, { ...defaultSendOptions, totalTimeoutMs: 8_000, dispatcher: agent, env: {}, signal });
  });
  afterEach(async () => {
    await agent.close();
  });

  function probe(text: string, writers: number): Promise<ProbeResult> {
    const file = parseHttpFile(text);
    const write = file.requests.find((r) => r.metadata.name === 'update');
    assert.ok(write);
    return probeLostUpdates({ file, write, writers, sources, files: noFileAccess, send });
  }

  describe('against an API with no version check', () => {
    let api: NaiveApi;
    beforeEach(async () => {
      api = await startNaiveApi();
    });
    afterEach(() => api.close());

    it('reports lost updates when every one of N writes is accepted', async () => {
      const result = await probe(unguardedFile(api.url, '/documents/42'), 4);
      assert.equal(result.verdict, 'lost-updates');
      assert.equal(result.accepted, 4);
      assert.equal(result.accepted, api.acceptedWrites, 'the count is what the server accepted');
      assert.deepEqual(result.statuses, [200, 200, 200, 200]);
      assert.equal(result.requiresPrecondition, false, 'unconditional writes were accepted');
      assert.equal(result.writes.length, 4, 'no extra copy: the write carries no precondition to drop');
      assert.match(result.summary, /^Lost updates: 4 of 4 concurrent writes/);
    });

    it('sees through a guarded write to an API that ignores If-Match', async () => {
      const result = await probe(guardedFile(api.url, '/ignores-if-match/documents/42'), 3);
      assert.equal(result.verdict, 'lost-updates');
      assert.equal(result.accepted, 3);
      assert.equal(result.dialect, 'http-validators');
      assert.deepEqual(
        result.dependencies.map((d) => [d.name, d.status]),
        [['doc', 200]],
      );
      assert.equal(result.writes[3]?.kind, 'without-precondition');
      assert.equal(api.acceptedWrites, 4, 'three copies plus the one without If-Match were all written');
      assert.match(result.summary, /ignores the version this write sends/);
    });
  });

  describe('against an API with ETag / If-Match', () => {
    let api: ConflictApi;
    beforeEach(async () => {
      api = await startConflictApi();
    });
    afterEach(() => api.close());

    const puts = () => api.requests.filter((r) => r.method === 'PUT');

    it('reports protected: one of N accepted, the rest refused with 412; no precondition required on the plain route', async () => {
      const result = await probe(guardedFile(api.url, '/etag/documents/42'), 5);
      assert.equal(result.verdict, 'protected');
      assert.equal(result.accepted, 1);
      assert.equal(result.rejected, 4);
      assert.deepEqual([...result.statuses].sort(), [200, 412, 412, 412, 412]);
      assert.equal(result.dialect, 'http-validators');
      assert.equal(result.requiresPrecondition, false);
      const served = puts();
      assert.equal(served.length, 6, 'five concurrent copies, then one without If-Match');
      assert.deepEqual(
        served
          .slice(0, 5)
          .map((r) => r.status)
          .sort(),
        [200, 412, 412, 412, 412],
      );
      assert.ok(
        served.slice(0, 5).every((r) => r.headers['if-match'] !== undefined),
        'every concurrent copy carried If-Match',
      );
      assert.equal(served[5].headers['if-match'], undefined, 'the last copy went without it');
      assert.equal(served[5].status, 200);
      assert.match(result.summary, /accepted — and written/);
    });

    it('says the API requires a precondition when the copy without one gets 428', async () => {
      const result = await probe(guardedFile(api.url, '/etag/strict/documents/42'), 3);
      assert.equal(result.verdict, 'protected');
      assert.equal(result.accepted, 1);
      assert.equal(result.rejected, 2);
      assert.equal(result.requiresPrecondition, true);
      assert.equal(result.writes[3]?.status, 428);
      assert.equal(puts().filter((r) => r.status === 200).length, 1, 'only one write landed');
    });

    it('is inconclusive, and writes nothing, when a request the write depends on fails', async () => {
      const result = await probe(guardedFile(api.url, '/etag/documents/404'), 3);
      assert.equal(result.verdict, 'inconclusive');
      assert.match(result.summary, /Nothing was written: request "doc" the write depends on answered 404/);
      assert.equal(puts().length, 0);
    });
  });

  it('is inconclusive when the writes cannot reach the server', async () => {
    const api = await startNaiveApi();
    const url = api.url;
    await api.close();
    const result = await probe(unguardedFile(url, '/documents/42'), 2);
    assert.equal(result.verdict, 'inconclusive');
    assert.deepEqual(result.statuses, [null, null]);
    assert.equal(result.requiresPrecondition, null);
  });
});
