// The 412 that is really my own earlier write: the first PUT landed but its connection was
// reset, so the client saw a failure; the resend meets its own write. Refetched and merged,
// it changes nothing — the loop says "your write already landed" and sends nothing more.
import { strict as assert } from 'node:assert';
import { Agent } from 'undici';
import type { Exchange } from '../../../src/core/conflict/conflict-model';
import type { SendFn } from '../../../src/core/conflict/resolve-conflict';
import { refetchCurrent, resolveConflict } from '../../../src/core/conflict/resolve-conflict';
import { classifyConflict } from '../../../src/core/conflict/classify-conflict';
import { ConflictWorkflow } from '../../../src/core/conflict/conflict-workflow';
import { recordExchange } from '../../../src/core/conflict/snapshot-capture';
import { MemorySnapshotStore } from '../../../src/core/conflict/snapshot-store';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';
import { defaultSendOptions, headerValue } from '../../../src/core/send/send-model';
import type { OutgoingRequest } from '../../../src/core/send/send-model';
import { sendRequest } from '../../../src/core/send/send-request';
import type { AmbiguousWriteServer } from '../../fixtures/servers/ambiguous-write-server';
import { startAmbiguousWriteServer } from '../../fixtures/servers/ambiguous-write-server';

describe('a 412 that is my own earlier write', () => {
  let api: AmbiguousWriteServer;
  let agent: Agent;
  let send: SendFn;
  let snapshots: MemorySnapshotStore;
  beforeEach(async () => {
    api = await startAmbiguousWriteServer();
    agent = new Agent();
    snapshots = new MemorySnapshotStore();
    send = (request, signal) => sendRequest(request, { ...defaultSendOptions, dispatcher: agent, env: {}, signal });
  });
  afterEach(async () => {
    await agent.close();
    await api.close();
  });

  async function readDoc(): Promise<string> {
    const request: OutgoingRequest = {
      method: 'GET',
      url: `${api.url}/doc`,
      headers: [['Accept', 'application/json']],
    };
    const result = await send(request);
    assert.ok(result.ok);
    assert.ok(await recordExchange(snapshots, { request, response: result.response }));
    return headerValue(result.response.headers, 'etag')!;
  }

  const put = (etag: string, body: object): OutgoingRequest => ({
    method: 'PUT',
    url: `${api.url}/doc`,
    headers: [
      ['Content-Type', 'application/json'],
      ['If-Match', etag],
    ],
    body: { kind: 'text', text: JSON.stringify(body, null, 2) },
  });

  async function ambiguousThenAgain(request: OutgoingRequest): Promise<Exchange> {
    api.resetAfterNextWrite = true;
    const first = await send(request);
    assert.equal(first.ok, false, 'the first attempt failed for the client');
    assert.ok(!first.ok && first.failure.mayHaveReachedServer, 'and it may have reached the server');
    const again = await send(request);
    assert.ok(again.ok);
    assert.equal(again.response.status, 412);
    return {
      request,
      requestBodyText: request.body?.kind === 'text' ? request.body.text : undefined,
      response: again.response,
    };
  }

  it('says "your write already landed" and resends nothing', async () => {
    const etag = await readDoc();
    const mine = { id: 7, title: 'Updated Title', tags: ['finance'], owner: 'ana' };
    const stale = await ambiguousThenAgain(put(etag, mine));
    const steps = await resolveConflict({ exchange: stale, snapshots, send, merge: mergeBodies });
    assert.equal(steps.outcome, 'already-applied', steps.message);
    assert.match(steps.message, /^Your write already landed: every change it makes \(1\) is already on the server/);
    assert.deepEqual(api.document(), mine);
    assert.deepEqual(
      api.log.map((e) => `${e.method} ${e.status}`),
      ['GET 200', 'PUT reset', 'PUT 412', 'GET 200'],
      'a refetch, no resend',
    );
  });

  it('says so too when someone else wrote after my landed write: their change stays, nothing is sent', async () => {
    const etag = await readDoc();
    const mine = { id: 7, title: 'Updated Title', tags: ['finance'], owner: 'ana' };
    const stale = await ambiguousThenAgain(put(etag, mine));
    api.otherWriter({ owner: 'ben' });
    const steps = await resolveConflict({ exchange: stale, snapshots, send, merge: mergeBodies });
    assert.equal(steps.outcome, 'already-applied', 'every change of mine is on the server; nothing to send');
    assert.deepEqual(api.document(), { ...mine, owner: 'ben' }, "and the other writer's change was not undone");
  });

  it("the workflow's look after the refetch — the editor's — asks the same question and says the same words", async () => {
    const etag = await readDoc();
    const mine = { id: 7, title: 'Updated Title', tags: ['finance'], owner: 'ana' };
    const stale = await ambiguousThenAgain(put(etag, mine));
    const report = classifyConflict(stale)!;
    const flow = new ConflictWorkflow(report, stale);
    const fetched = await refetchCurrent({ exchange: stale, report, dialect: flow.dialect!, snapshots, send });
    assert.ok(flow.afterRefetch(fetched).ok);
    flow.preview(flow.rebaseNow({ text: stale.requestBodyText }).rebased);
    assert.match(flow.landed ?? '', /^Your write already landed: every change it makes \(1\) is already on the server/);
    // A decision or a rebase written into the request is the user's own doing: no longer asked.
    flow.decisions.set('any', 'ours');
    flow.preview(flow.rebaseNow({ text: stale.requestBodyText }).rebased);
    assert.equal(flow.landed, undefined);
  });

  it('rebases and resends as usual when the first attempt did not land', async () => {
    const etag = await readDoc();
    api.otherWriter({ owner: 'ben' });
    const request = put(etag, { id: 7, title: 'Updated Title', tags: ['finance'], owner: 'ana' });
    const result = await send(request);
    assert.ok(result.ok && result.response.status === 412);
    const steps = await resolveConflict({
      exchange: { request, requestBodyText: (request.body as { text: string }).text, response: result.response },
      snapshots,
      send,
      merge: mergeBodies,
    });
    assert.equal(steps.outcome, 'resolved', steps.message);
    assert.deepEqual(api.document(), { id: 7, title: 'Updated Title', tags: ['finance'], owner: 'ben' });
  });
});
