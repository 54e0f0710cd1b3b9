// Resolving while another writer keeps changing the resource: each round rebases onto the
// newest version, pauses a little longer, and never sends a write without a precondition.
import { strict as assert } from 'node:assert';
import { Agent } from 'undici';
import type { Exchange } from '../../../src/core/conflict/conflict-model';
import { backoffDelay, defaultBackoff, resolveUnderContention } from '../../../src/core/conflict/contended-resolve';
import type { ContendedResolveInput } from '../../../src/core/conflict/contended-resolve';
import type { SendFn } from '../../../src/core/conflict/resolve-conflict';
import { recordExchange } from '../../../src/core/conflict/snapshot-capture';
import { MemorySnapshotStore } from '../../../src/core/conflict/snapshot-store';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';
import { defaultSendOptions, headerValue } from '../../../src/core/send/send-model';
import type { OutgoingRequest } from '../../../src/core/send/send-model';
import { sendRequest } from '../../../src/core/send/send-request';
import type { ConflictApi } from '../../fixtures/servers/conflict-api-server';
import { startConflictApi } from '../../fixtures/servers/conflict-api-server';
import type { ContendedApi } from '../../fixtures/servers/contended-api-server';
import { startContendedApi } from '../../fixtures/servers/contended-api-server';

const userBody = '{\n  "id": 42,\n  "title": "Updated Title",\n  "tags": ["finance"],\n  "owner": "ana"\n}';

describe('resolveUnderContention', () => {
  let agent: Agent;
  let send: SendFn;
  let snapshots: MemorySnapshotStore;
  let pauses: number[];
  beforeEach(() => {
    agent = new Agent();
    send = (request, signal) =>
      sendRequest(request, { ...defaultSendOptions, totalTimeoutMs: 8_000, dispatcher: agent, env: {}, signal });
    snapshots = new MemorySnapshotStore();
    pauses = [];
  });
  afterEach(() => agent.close());

  async function exchange(request: OutgoingRequest): Promise<Exchange> {
    const result = await send(request);
    if (!result.ok) throw new Error(result.failure.message);
    return { request, response: result.response };
  }

  /** Read (kept as a snapshot), then write with the ETag read: the write that conflicts. */
  async function staleWrite(url: string): Promise<Exchange> {
    const read = await exchange({ method: 'GET', url, headers: [] });
    await recordExchange(snapshots, read);
    const etag = headerValue(read.response.headers, 'etag');
    assert.ok(etag);
    const written = await exchange({
      method: 'PUT',
      url,
      headers: [
        ['If-Match', etag],
        ['Content-Type', 'application/json'],
      ],
      body: { kind: 'text', text: userBody },
    });
    assert.equal(written.response.status, 412, 'the first write meets the other writer');
    return written;
  }

  function input(
    conflict: Exchange,
    rounds: number,
    extra: Partial<ContendedResolveInput> = {},
  ): ContendedResolveInput {
    return {
      exchange: conflict,
      snapshots,
      send,
      merge: mergeBodies,
      rounds,
      sleep: async (ms) => {
        pauses.push(ms);
      },
      random: () => 0.75,
      ...extra,
    };
  }

  describe('against a resource another writer changes before each of the next writes', () => {
    let api: ContendedApi;
    beforeEach(async () => {
      api = await startContendedApi({ contendedWrites: 3 });
    });
    afterEach(() => api.close());
    const puts = () => api.exchanges.filter((e) => e.method === 'PUT');

    it("lands in the third round against three interleaved changes, with both sides' changes on the server", async () => {
      const resolution = await resolveUnderContention(input(await staleWrite(`${api.url}/documents/42`), 3));
      assert.equal(resolution.outcome, 'resolved', resolution.message);
      assert.deepEqual(
        resolution.rounds.map((r) => r.steps.outcome),
        ['conflict-again', 'conflict-again', 'resolved'],
      );
      const doc = api.document();
      assert.equal(doc.title, 'Updated Title');
      for (const [field, value] of api.otherChanges)
        assert.equal(doc[field], value, `the other writer's ${field} survived`);
      assert.equal(api.otherChanges.length, 3);
      assert.deepEqual(
        puts().map((e) => e.status),
        [412, 412, 412, 200],
      );
      assert.ok(
        puts().every((e) => typeof e.headers['if-match'] === 'string'),
        'every write carried If-Match',
      );
    });

    it('backs off exponentially with jitter between rounds, and not before the first', async () => {
      const resolution = await resolveUnderContention(input(await staleWrite(`${api.url}/documents/42`), 3));
      const expected = [backoffDelay(2, defaultBackoff, () => 0.75), backoffDelay(3, defaultBackoff, () => 0.75)];
      assert.deepEqual(expected, [125, 250], '100 ms × 2^k, +25% at random 0.75');
      assert.deepEqual(pauses, expected);
      assert.deepEqual(
        resolution.rounds.map((r) => r.delayMs),
        [0, ...expected],
      );
      assert.equal(
        backoffDelay(3, defaultBackoff, () => 0),
        100,
        '−50% at random 0',
      );
      assert.equal(
        backoffDelay(20, defaultBackoff, () => 0.999),
        defaultBackoff.maxMs,
        'capped',
      );
    });

    it('gives up when the budget runs out, every round reported and nothing written', async () => {
      const before = structuredClone(api.document());
      const resolution = await resolveUnderContention(input(await staleWrite(`${api.url}/documents/42`), 1));
      assert.equal(resolution.outcome, 'retries-exhausted');
      assert.equal(resolution.rounds.length, 1);
      assert.equal(resolution.final?.outcome, 'conflict-again');
      assert.match(resolution.message, /nothing was overwritten/);
      assert.deepEqual(
        puts().map((e) => e.status),
        [412, 412],
        'the first write and one resend, both refused',
      );
      assert.equal(api.document().title, before.title);
    });

    it('stops at once when cancelled between rounds', async () => {
      const controller = new AbortController();
      const resolution = await resolveUnderContention(
        input(await staleWrite(`${api.url}/documents/42`), 3, {
          signal: controller.signal,
          onRound: () => controller.abort(),
        }),
      );
      assert.equal(resolution.outcome, 'aborted');
      assert.equal(resolution.rounds.length, 1);
      assert.equal(puts().length, 2);
    });
  });

  it('stops at a real merge conflict instead of retrying it', async () => {
    const api: ConflictApi = await startConflictApi();
    try {
      const url = `${api.url}/etag/documents/42`;
      const read = await exchange({ method: 'GET', url, headers: [] });
      await recordExchange(snapshots, read);
      api.otherWriter('/etag/documents/42', { title: 'Their Title' });
      const conflict = await exchange({
        method: 'PUT',
        url,
        headers: [
          ['If-Match', headerValue(read.response.headers, 'etag') ?? ''],
          ['Content-Type', 'application/json'],
        ],
        body: { kind: 'text', text: userBody },
      });
      const resolution = await resolveUnderContention(input(conflict, 3));
      assert.equal(resolution.outcome, 'conflicts-remain');
      assert.equal(resolution.rounds.length, 1);
      assert.deepEqual(pauses, []);
      assert.equal(api.requests.filter((r) => r.method === 'PUT').length, 1, 'nothing was resent');
    } finally {
      await api.close();
    }
  });
});
