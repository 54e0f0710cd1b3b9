import { strict as assert } from 'node:assert';
import type { TokenUpdate } from '../../../src/core/conflict/conflict-model';
import type { RebaseResult } from '../../../src/core/conflict/rebase';
import { planResend } from '../../../src/core/conflict/resend-plan';
import type { MergeResult } from '../../../src/core/merge/merge-model';
import { headerValue } from '../../../src/core/send/send-model';
import { outgoing } from './exchange-builder';

function merged(text: string, conflicts: MergeResult['conflicts'] = []): MergeResult {
  return { kind: 'json', mode: 'three-way', merged: text, edits: [], conflicts, theirsChanges: [], oursChanges: [] };
}

function rebased(text: string, tokenUpdates: TokenUpdate[], conflicts: MergeResult['conflicts'] = []): RebaseResult {
  return { merge: merged(text, conflicts), tokenUpdates, currentTokens: [], currentToken: undefined };
}

const put = outgoing(
  'PUT',
  'http://api.test/d/1?keep=a%20b',
  [
    ['If-Match', '"v5"'],
    ['Content-Type', 'application/json'],
    ['Content-Length', '20'],
  ],
  '{"title":"A"}',
);

describe('planResend: the resend carries the fresh token, or is refused', () => {
  it('refuses to resend while conflicts remain', () => {
    const plan = planResend({
      request: put,
      rebase: rebased(
        '{"title":"A"}',
        [{ location: { kind: 'header', name: 'If-Match' }, value: '"v6"' }],
        [{ id: '/title', description: 'title: you set "A", the server now has "B"' }],
      ),
    });
    assert.equal(plan.ok, false);
    assert.equal(!plan.ok && plan.reason, 'conflicts-remain');
    assert.match(!plan.ok ? plan.message : '', /title: you set "A"/);
  });

  it('refuses a weak ETag in If-Match', () => {
    const plan = planResend({
      request: put,
      rebase: rebased('{}', [{ location: { kind: 'header', name: 'If-Match' }, value: 'W/"v6"', weak: true }]),
    });
    assert.equal(!plan.ok && plan.reason, 'weak-etag');
  });

  it('refuses "*", an empty tag, or one with a line break', () => {
    for (const value of ['*', '  ', '"v6"\r\nX-Evil: 1']) {
      const plan = planResend({
        request: put,
        rebase: rebased('{}', [{ location: { kind: 'header', name: 'If-Match' }, value }]),
      });
      assert.equal(!plan.ok && plan.reason, 'unusable-token', value);
    }
  });

  it('refuses to send without a current token: nothing goes out without a precondition', () => {
    const plan = planResend({ request: put, rebase: rebased('{}', []) });
    assert.equal(!plan.ok && plan.reason, 'no-current-token');
  });

  it('sets If-Match, drops the stale Content-Length and resolves placeholders in the sent body only', () => {
    const plan = planResend({
      request: put,
      rebase: rebased('{"title":"{{title}}"}', [{ location: { kind: 'header', name: 'If-Match' }, value: '"v6"' }]),
      resolvePlaceholders: (t) => t.replace('{{title}}', 'Resolved'),
    });
    assert.ok(plan.ok);
    assert.equal(headerValue(plan.request.headers, 'if-match'), '"v6"');
    assert.equal(headerValue(plan.request.headers, 'content-length'), undefined);
    assert.deepEqual(plan.request.body, { kind: 'text', text: '{"title":"Resolved"}' });
    assert.equal(plan.bodyText, '{"title":"{{title}}"}');
  });

  it('writes body and query tokens in place, keeping the rest of the text as written', () => {
    const body = '{\n  "title": "A", // mine\n  "_rev": "1-aaa"\n}';
    const plan = planResend({
      request: put,
      rebase: rebased(body, [
        { location: { kind: 'body', path: ['_rev'] }, value: '2-bbb' },
        { location: { kind: 'query', name: 'rev' }, value: '2-bbb' },
      ]),
    });
    assert.ok(plan.ok);
    assert.equal(plan.bodyText, '{\n  "title": "A", // mine\n  "_rev": "2-bbb"\n}');
    assert.equal(plan.request.url, 'http://api.test/d/1?keep=a%20b&rev=2-bbb');
  });

  it('drops a failed If-Match when switching to If-Unmodified-Since', () => {
    const plan = planResend({
      request: put,
      rebase: rebased('{}', [
        { location: { kind: 'header', name: 'If-Unmodified-Since' }, value: 'Thu, 01 Jan 2026 00:00:02 GMT' },
        { location: { kind: 'header', name: 'If-Match' }, value: '', remove: true },
      ]),
    });
    assert.ok(plan.ok);
    assert.equal(headerValue(plan.request.headers, 'if-match'), undefined);
    assert.equal(headerValue(plan.request.headers, 'if-unmodified-since'), 'Thu, 01 Jan 2026 00:00:02 GMT');
  });
});
