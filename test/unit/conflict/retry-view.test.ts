// From the classification to what the editor's panel receives: a conflict to retry or explain
// reaches the webview with its case, the server's code and words and the advice (so the panel
// draws render-retry.ts's view), and with no merge action offered.
import { strict as assert } from 'node:assert';
import { classifyConflict } from '../../../src/core/conflict/classify-conflict';
import { conflictView } from '../../../src/extension/panel-views';
import { exchange, outgoing } from './exchange-builder';

describe('the panel view of a conflict to retry, not merge', () => {
  const view = (ex: Parameters<typeof classifyConflict>[0]) => {
    const report = classifyConflict(ex);
    assert.ok(report);
    return conflictView({ report, step: 'detected', hasBase: false, decisions: new Map() });
  };

  it('carries the case, the code, where it was read, the message and the advice of a GraphQL stale write', () => {
    const v = view(
      exchange(
        outgoing('POST', 'http://127.0.0.1/graphql', [['Content-Type', 'application/json']], {
          query: 'mutation M($v: Int!) { updateShow(version: $v) { id } }',
          variables: { v: 2 },
        }),
        {
          status: 200,
          body: {
            errors: [
              {
                message: 'Show was changed by someone else',
                extensions: { errorType: 'FAILED_PRECONDITION', errorDetail: 'CONFLICT' },
              },
            ],
            data: { updateShow: null },
          },
        },
      ),
    );
    assert.equal(v.retry?.case, 'stale-write');
    assert.equal(v.retry?.code, 'CONFLICT');
    assert.equal(v.retry?.source, 'errors[0].extensions.errorDetail');
    assert.equal(v.retry?.message, 'Show was changed by someone else');
    assert.match(v.retry?.advice ?? '', /^Read it again/);
    assert.deepEqual(v.actions, {}, 'nothing to refetch, rebase or resend from the panel');
    assert.match(v.serverMessage ?? '', /CONFLICT|Show was changed/);
  });

  it('an Idempotency-Key 422 is "key reused"; a plain version conflict has no retry at all', () => {
    const reused = view(
      exchange(outgoing('POST', 'http://127.0.0.1/payments', [['Idempotency-Key', 'k-9']], { amount: 2 }), {
        status: 422,
        body: {
          error: {
            type: 'idempotency_error',
            message:
              'Keys for idempotent requests can only be used with the same parameters they were first used with.',
          },
        },
      }),
    );
    assert.equal(reused.retry?.case, 'key-reused');
    const stale = view(
      exchange(outgoing('PUT', 'http://127.0.0.1/d/1', [['If-Match', '"v1"']], { a: 1 }), {
        status: 412,
        headers: [['ETag', '"v2"']],
      }),
    );
    assert.equal(stale.kind, 'version-conflict');
    assert.equal(stale.retry, undefined);
  });
});
