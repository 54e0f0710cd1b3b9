// Each reason a resend is refused, and its words, pinned one case at a time — found by
// mutation testing (npm run mutation -- conflict): the count in "N conflicts still to
// resolve", the empty-token rule outside If-Match and a write without a body were unpinned;
// and the "provably older" check had no case for tokens with stray characters around digits.
import { strict as assert } from 'node:assert';
import type { ConflictReport, TokenUpdate, VersionToken } from '../../../src/core/conflict/conflict-model';
import { refetchVersionProblem } from '../../../src/core/conflict/current-version-check';
import type { RebaseResult } from '../../../src/core/conflict/rebase';
import { planResend } from '../../../src/core/conflict/resend-plan';
import type { MergeResult } from '../../../src/core/merge/merge-model';
import { headerValue } from '../../../src/core/send/send-model';
import { outgoing } from './exchange-builder';

function rebased(text: string, tokenUpdates: TokenUpdate[], conflicts: MergeResult['conflicts'] = []): RebaseResult {
  return {
    merge: { kind: 'json', mode: 'three-way', merged: text, edits: [], conflicts, theirsChanges: [], oursChanges: [] },
    tokenUpdates,
    currentTokens: [],
  };
}
const put = outgoing(
  'PUT',
  'http://api.test/d/1',
  [
    ['If-Match', '"v5"'],
    ['Content-Type', 'application/json'],
  ],
  '{"title":"A"}',
);
const ifMatch = (value: string): TokenUpdate => ({ location: { kind: 'header', name: 'If-Match' }, value });
const refusalOf = (rebase: RebaseResult, request = put) => {
  const plan = planResend({ request, rebase });
  return plan.ok ? undefined : [plan.reason, plan.message];
};
const conflict = (n: number) => ({ id: `/c${n}`, description: `c${n}` });

describe('why a resend is refused, in words', () => {
  it('counts the conflicts left and shows at most three', () => {
    assert.deepEqual(refusalOf(rebased('{}', [ifMatch('"v6"')], [conflict(1)])), [
      'conflicts-remain',
      '1 conflict still to resolve: c1.',
    ]);
    assert.deepEqual(refusalOf(rebased('{}', [ifMatch('"v6"')], [1, 2, 3].map(conflict))), [
      'conflicts-remain',
      '3 conflicts still to resolve: c1; c2; c3.',
    ]);
    assert.deepEqual(refusalOf(rebased('{}', [ifMatch('"v6"')], [1, 2, 3, 4, 5].map(conflict))), [
      'conflicts-remain',
      '5 conflicts still to resolve: c1; c2; c3 and 2 more.',
    ]);
  });

  it('says why a write without a known current token is not sent', () => {
    assert.deepEqual(refusalOf(rebased('{}', [{ ...ifMatch('"v1"'), remove: true }])), [
      'no-current-token',
      'The current version token is unknown, so the resend would carry no precondition and could overwrite a change nobody has seen. Refetch the resource first.',
    ]);
  });

  it('calls a weak ETag weak even with spaces around it', () => {
    assert.equal(refusalOf(rebased('{}', [ifMatch('  W/"v6"')]))?.[0], 'weak-etag');
  });

  it('refuses an empty token in a query or another header, but not an empty body field', () => {
    assert.deepEqual(refusalOf(rebased('{}', [{ location: { kind: 'query', name: 'if_seq_no' }, value: '  ' }])), [
      'unusable-token',
      'The current version token for the if_seq_no query parameter is empty.',
    ]);
    assert.equal(
      refusalOf(rebased('{}', [{ location: { kind: 'header', name: 'X-Version' }, value: '' }]))?.[0],
      'unusable-token',
    );
    // Outside If-Match the If-Match rules do not apply: "*" or a weak-looking value in a body field goes.
    assert.equal(refusalOf(rebased('{"v":""}', [{ location: { kind: 'body', path: ['v'] }, value: '' }])), undefined);
    assert.equal(
      refusalOf(rebased('{"v":""}', [{ location: { kind: 'body', path: ['v'] }, value: 'W/"x"' }])),
      undefined,
    );
  });

  it('refuses a token with a control character outside If-Match, naming where it was going', () => {
    const refusal = refusalOf(rebased('{}', [{ location: { kind: 'query', name: 'rev' }, value: '1\r\nX: y' }]));
    assert.equal(refusal?.[0], 'unusable-token');
    assert.match(
      refusal?.[1] ?? '',
      /^Not resent: the rev query parameter: the server's version token .* contains control characters/,
    );
  });

  it('sends a write without a body (a DELETE) without one', () => {
    const del = outgoing('DELETE', 'http://api.test/d/1', [['If-Match', '"v5"']]);
    const plan = planResend({
      request: del,
      rebase: rebased('', [ifMatch('"v6"')]),
      resolvePlaceholders: (t) => `${t}!`,
    });
    assert.ok(plan.ok);
    assert.equal(plan.request.body, undefined);
    assert.equal(plan.bodyText, undefined);
    assert.equal(headerValue(plan.request.headers, 'if-match'), '"v6"');
  });
});

describe('provably older refetch, edge cases', () => {
  const at = { kind: 'header', name: 'ETag' } as const;
  const report = (values: Array<string | number>) =>
    ({ status: 412, currentTokens: values.map((value) => ({ value, location: at })) }) as unknown as ConflictReport;
  const refetch = (value: string | number): VersionToken[] => [{ value, location: at }];

  it('compares only whole numbers, not digits with something around them', () => {
    for (const [named, got] of [
      ['"10"', '"a9"'],
      ['"x10"', '"9"'],
      ['"10x"', '"9"'],
      ['"10"', '"9x"'],
      ['"1"2"', '"0"'],
    ]) {
      assert.equal(refetchVersionProblem(report([named]), refetch(got)), undefined, `${named} vs ${got}`);
    }
  });

  it('reads a tag with spaces around it', () => {
    assert.match(refetchVersionProblem(report([' W/"10" ']), refetch(' "9" ')) ?? '', /an older version/);
  });

  it('names every named token when the refetch has none', () => {
    assert.match(
      refetchVersionProblem(report(['"a"', 7]), []) ?? '',
      /^the 412 response named "a" \/ 7 as the current version/,
    );
  });
});
