// A failed or incomplete exchange leaves no half-written state: the conflict engine never
// sees it, no snapshot is recorded from it, and a named request keeps its last complete
// result for `{{name.response…}}`. Runs the real sender against the fault server.
import { strict as assert } from 'node:assert';
import { recordExchange } from '../../../src/core/conflict/snapshot-capture';
import { MemorySnapshotStore } from '../../../src/core/conflict/snapshot-store';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { createFileResolver } from '../../../src/core/run/create-file-resolver';
import { noFileAccess } from '../../../src/core/run/include-files';
import { RequestSession } from '../../../src/core/run/request-session';
import { closeSenderAgents } from '../../../src/core/send/agent-cache';
import type { SendOptions } from '../../../src/core/send/send-model';
import { sendRequest } from '../../../src/core/send/send-request';
import { startFaultServer, type FaultServer } from '../../fixtures/fault-server';
import { testOptions } from '../send/send-test-options';

describe('a request session after a failed exchange', () => {
  let server: FaultServer;
  before(async () => (server = await startFaultServer()));
  after(async () => {
    await closeSenderAgents();
    await server.close();
  });

  function session() {
    const store = new MemorySnapshotStore();
    const observed: string[] = [];
    const s = new RequestSession<boolean>({
      send: (request, options) => sendRequest(request, options),
      createResolver: createFileResolver,
      files: noFileAccess,
      observer: {
        observe: async (exchange) => {
          observed.push(exchange.request.url);
          return (await recordExchange(store, exchange)) || undefined;
        },
      },
    });
    return { session: s, store, observed };
  }

  async function run(s: RequestSession<boolean>, path: string, options: SendOptions = testOptions()) {
    const file = parseHttpFile(`# @name doc\nGET ${server.url}${path}`);
    return s.send({
      file,
      request: file.requests[0],
      sources: {
        environment: {},
        secretValues: [],
        dotenv: {},
        processEnv: {},
        prompts: {},
        allowProcessEnv: true,
        now: () => new Date(0),
        random: () => 0.5,
      },
      options,
    });
  }

  it('records a snapshot from a complete read (so the checks below can fail)', async () => {
    const { session: s, store, observed } = session();
    const outcome = await run(s, '/encoded?enc=gzip');
    assert.equal(outcome.kind, 'response');
    assert.equal(observed.length, 1);
    assert.equal((await store.history(`${server.url}/encoded?enc=gzip`)).length, 1);
    assert.ok(s.records.has('doc'));
  });

  const failures: Array<[string, string, Partial<SendOptions>]> = [
    ['a reset in the middle of the body', '/reset-mid-body?kb=8', {}],
    ['a reset right after the headers', '/reset-after-headers', {}],
    ['a body shorter than its Content-Length', '/short-content-length', {}],
    ['chunked encoding cut off', '/truncated-chunked', {}],
    ['an invalid chunk size', '/bad-chunk', {}],
    ['a body that is not the gzip it claims', '/invalid-gzip', {}],
    ['a body that stalls', '/stall-body', { bodyTimeoutMs: 150 }],
    ['a slow drip past the deadline', '/drip?ms=20&count=200', { totalTimeoutMs: 200 }],
    ['a redirect loop', '/loop-a', {}],
  ];
  for (const [what, path, overrides] of failures) {
    it(`records nothing and keeps the last complete result after ${what}`, async () => {
      const { session: s, store, observed } = session();
      await run(s, '/encoded?enc=gzip');
      const before = s.records.get('doc');
      const outcome = await run(s, path, testOptions(overrides));
      assert.equal(outcome.kind, 'failed');
      assert.deepEqual(
        observed,
        [`${server.url}/encoded?enc=gzip`],
        'the conflict engine never saw the failed exchange',
      );
      assert.equal((await store.history(`${server.url}${path}`)).length, 0);
      assert.equal(s.records.get('doc'), before, 'the named result is the last complete one');
    });
  }

  it('records no snapshot from a body cut at the size cap', async () => {
    const { session: s, store } = session();
    const outcome = await run(s, '/big?mb=1', testOptions({ maxBodyBytes: 64 * 1024 }));
    assert.equal(outcome.kind, 'response');
    assert.equal(outcome.kind === 'response' && outcome.response.truncated, true);
    assert.equal((await store.history(`${server.url}/big?mb=1`)).length, 0);
  });
});
