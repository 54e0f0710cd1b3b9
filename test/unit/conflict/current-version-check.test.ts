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
      return request.method === 'GET' ? { ok: true, response: httpResponse(reply, request.url) } : { ok: true, response: httpResponse({ status: 200, body: { saved: true } }, request.url) };
    },
  };
}

function stale412(currentEtag?: string): Exchange {
  return exchange(outgoing('PUT', url, [['If-Match', '"v1"'], ...json], mine), { status: 412, headers: currentEtag ? [['ETag', currentEtag]] : [], body: { title: 'Precondition Failed' } });
}

describe('the refetch must be the version the conflict named', () => {
  const lagging = { id: 1, title: 'Old', tags: [] };

  it('refuses a refetch with no validator after a 412 that named "v2", and sends nothing', async () => {
    const { send, sent } = scripted({ status: 200, body: lagging });
    const steps = await resolveConflict({ exchange: stale412('"v2"'), snapshots: new MemorySnapshotStore(), send, merge: mergeBodies });
    assert.equal(steps.outcome, 'stale-refetch');
    assert.match(steps.message, /"v2".*no version token/);
    assert.deepEqual(sent.map((r) => r.method), ['GET']);
  });

  it('refuses an older "v1" and keeps no snapshot of it', async () => {
    const { send, sent } = scripted({ status: 200, headers: [['ETag', '"v1"'], ...json], body: lagging });
    const snapshots = new MemorySnapshotStore();
    const steps = await resolveConflict({ exchange: stale412('"v2"'), snapshots, send, merge: mergeBodies });
    assert.equal(steps.outcome, 'stale-refetch');
    assert.match(steps.message, /named "v2".*returned "v1"/);
    assert.deepEqual(sent.map((r) => r.method), ['GET']);
    assert.deepEqual(await snapshots.history(url), []);
  });

  it('gives the editor the same refusal through refetchCurrent', async () => {
    const stale = stale412('"v2"');
    const report = classifyConflict(stale)!;
    const { send } = scripted({ status: 200, body: lagging });
    const fetched = await refetchCurrent({ exchange: stale, report, dialect: findDialect(report.dialectId)!, snapshots: new MemorySnapshotStore(), send });
    assert.equal(fetched.refused, 'stale-refetch');
    assert.equal(fetched.step.exchange, undefined, 'nothing to rebase onto');
    assert.match(fetched.problem ?? '', /lagging replica/);
  });

  it('rebases onto the same version, and onto a provably newer body version', async () => {
    // Without a base snapshot the merge is two-way: the same body merges cleanly.
    const same = scripted({ status: 200, headers: [['ETag', '"v2"'], ...json], body: mine });
    const steps = await resolveConflict({ exchange: stale412('"v2"'), snapshots: new MemorySnapshotStore(), send: same.send, merge: mergeBodies });
    assert.equal(steps.outcome, 'resolved');
    assert.equal(same.sent[1].headers.find(([n]) => n === 'If-Match')?.[1], '"v2"');
    const report = { ...classifyConflict(stale412('"v2"'))!, currentTokens: [{ value: 7, location: { kind: 'body' as const, path: ['version'] } }] };
    assert.equal(refetchVersionProblem(report, [{ value: 8, location: { kind: 'body', path: ['version'] } }]), undefined);
    assert.match(refetchVersionProblem(report, [{ value: 6, location: { kind: 'body', path: ['version'] } }]) ?? '', /named 7.*returned 6/);
  });

  it('leaves a conflict that named no version to the resend plan, which needs a token from the refetch', async () => {
    const { send, sent } = scripted({ status: 200, body: mine });
    const steps = await resolveConflict({ exchange: stale412(), snapshots: new MemorySnapshotStore(), send, merge: mergeBodies });
    assert.equal(steps.outcome, 'resend-refused');
    assert.deepEqual(sent.map((r) => r.method), ['GET']);
  });

  it('never takes the token from the conflict response for a body from another response', () => {
    const stale = stale412('"v2"');
    const report = classifyConflict(stale)!;
    const result = rebase({ report, dialect: findDialect(report.dialectId)!, exchange: stale, userBodyText: JSON.stringify(mine), current: exchange(outgoing('GET', url), { status: 200, body: lagging }), merge: mergeBodies });
    assert.deepEqual(result.tokenUpdates, []);
  });
});
