// Never merge onto an older version: the rule lives in the core (refetchCurrent, used by the
// CLI's resolve and by the editor's Refetch), so both refuse a lagging replica the same way.
import { strict as assert } from 'node:assert';
import { classifyConflict } from '../../../src/core/conflict/classify-conflict';
import type { Exchange } from '../../../src/core/conflict/conflict-model';
import { refetchVersionProblem } from '../../../src/core/conflict/current-version-check';
import { findDialect } from '../../../src/core/conflict/dialects';
import { rebase } from '../../../src/core/conflict/rebase';
import type { SendFn } from '../../../src/core/conflict/resolve-conflict';
import { refetchCurrent, resolveConflict } from '../../../src/core/conflict/resolve-conflict';
import { MemorySnapshotStore } from '../../../src/core/conflict/snapshot-store';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';
import type { OutgoingRequest } from '../../../src/core/send/send-model';
import type { ResponseSpec } from './exchange-builder';
import { exchange, httpResponse, outgoing } from './exchange-builder';

const url = 'http://api.test/docs/1';
const mine = { id: 1, title: 'Mine', tags: ['finance'] };
const json = [['Content-Type', 'application/json']] as const;

function scripted(reply: ResponseSpec): { send: SendFn; sent: OutgoingRequest[] } {
  const sent: OutgoingRequest[] = [];
  return {
    sent,
    send: async (request) => {
      sent.push(request);
      return request.method === 'GET'
        ? { ok: true, response: httpResponse(reply, request.url) }
        : { ok: true, response: httpResponse({ status: 200, body: { saved: true } }, request.url) };
    },
  };
}

function stale412(currentEtag?: string): Exchange {
  return exchange(outgoing('PUT', url, [['If-Match', '"v1"'], ...json], mine), {
    status: 412,
    headers: currentEtag ? [['ETag', currentEtag]] : [],
    body: { title: 'Precondition Failed' },
  });
}

const base = { id: 1, title: 'Base', tags: ['finance'] };
const theirs = { id: 1, title: 'Base', tags: ['finance', 'q3'] };
async function baseV1(): Promise<MemorySnapshotStore> {
  const snapshots = new MemorySnapshotStore();
  await snapshots.record({
    url,
    status: 200,
    tokens: [{ value: '"v1"', location: { kind: 'header', name: 'ETag' } }],
    bodyText: JSON.stringify(base),
    contentType: 'application/json',
    time: new Date(0).toISOString(),
  });
  return snapshots;
}

describe('the refetch must be the version the conflict named', () => {
  const lagging = { id: 1, title: 'Old', tags: [] };

  it('refuses a refetch with no validator after a 412 that named "v2", and sends nothing', async () => {
    const { send, sent } = scripted({ status: 200, body: lagging });
    const steps = await resolveConflict({
      exchange: stale412('"v2"'),
      snapshots: new MemorySnapshotStore(),
      send,
      merge: mergeBodies,
    });
    assert.equal(steps.outcome, 'stale-refetch');
    assert.match(steps.message, /"v2".*no version token/);
    assert.deepEqual(
      sent.map((r) => r.method),
      ['GET'],
    );
  });

  it('merges onto a refetch with another opaque token only with that token: an older "v1" is sent If-Match "v1", never "v2"', async () => {
    const { send, sent } = scripted({ status: 200, headers: [['ETag', '"v1"'], ...json], body: lagging });
    await resolveConflict({ exchange: stale412('"v2"'), snapshots: await baseV1(), send, merge: mergeBodies });
    for (const write of sent.filter((r) => r.method !== 'GET')) {
      assert.equal(
        write.headers.find(([n]) => n === 'If-Match')?.[1],
        '"v1"',
        'the token of the body merged onto; the server refuses it if v2 is current',
      );
    }
  });

  it('refuses a provably older whole-number version and keeps no snapshot of it', async () => {
    const report = {
      ...classifyConflict(stale412('"v2"'))!,
      currentTokens: [{ value: 7, location: { kind: 'body' as const, path: ['version'] } }],
    };
    assert.match(
      refetchVersionProblem(report, [{ value: 6, location: { kind: 'body', path: ['version'] } }]) ?? '',
      /named 7.*returned 6, an older version/,
    );
    assert.equal(
      refetchVersionProblem(report, [{ value: 8, location: { kind: 'body', path: ['version'] } }]),
      undefined,
      'newer: someone wrote since',
    );
  });

  it('gives the editor the same refusal through refetchCurrent', async () => {
    const stale = stale412('"v2"');
    const report = classifyConflict(stale)!;
    const { send } = scripted({ status: 200, body: lagging });
    const fetched = await refetchCurrent({
      exchange: stale,
      report,
      dialect: findDialect(report.dialectId)!,
      snapshots: new MemorySnapshotStore(),
      send,
    });
    assert.equal(fetched.refused, 'stale-refetch');
    assert.equal(fetched.step.exchange, undefined, 'nothing to rebase onto');
    assert.match(fetched.problem ?? '', /lagging replica/);
  });

  it('rebases onto the same version, and onto a provably newer body version', async () => {
    // The base the user read ("v1"), the server's "v2" with another writer's tag: a clean
    // three-way merge to resend (the same body as mine would be "already landed" instead).
    const snapshots = await baseV1();
    const same = scripted({ status: 200, headers: [['ETag', '"v2"'], ...json], body: theirs });
    const steps = await resolveConflict({ exchange: stale412('"v2"'), snapshots, send: same.send, merge: mergeBodies });
    assert.equal(steps.outcome, 'resolved');
    assert.equal(same.sent[1].headers.find(([n]) => n === 'If-Match')?.[1], '"v2"');
  });

  it('leaves a conflict that named no version to the resend plan, which needs a token from the refetch', async () => {
    const { send, sent } = scripted({ status: 200, body: theirs });
    const steps = await resolveConflict({ exchange: stale412(), snapshots: await baseV1(), send, merge: mergeBodies });
    assert.equal(steps.outcome, 'resend-refused');
    assert.deepEqual(
      sent.map((r) => r.method),
      ['GET'],
    );
  });

  it('never takes the token from the conflict response for a body from another response', () => {
    const stale = stale412('"v2"');
    const report = classifyConflict(stale)!;
    const result = rebase({
      report,
      dialect: findDialect(report.dialectId)!,
      exchange: stale,
      userBodyText: JSON.stringify(mine),
      current: exchange(outgoing('GET', url), { status: 200, body: lagging }),
      merge: mergeBodies,
    });
    assert.deepEqual(result.tokenUpdates, []);
  });
});
