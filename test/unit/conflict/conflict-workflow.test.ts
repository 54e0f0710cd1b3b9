// The per-conflict workflow's other transitions: Compare Versions formats every side alike
// and offers the same pairs wherever it is started, Take Theirs plans the current version
// with its token, Overwrite names what is lost and places the current token, and the line
// that closes the loop says what happened.
import { strict as assert } from 'node:assert';
import { classifyConflict } from '../../../src/core/conflict/classify-conflict';
import { ConflictWorkflow } from '../../../src/core/conflict/conflict-workflow';
import type { Snapshot } from '../../../src/core/conflict/snapshot-store';
import { headerValue } from '../../../src/core/send/send-model';
import { exchange, outgoing } from './exchange-builder';

const url = 'http://127.0.0.1/docs/1';
const json = [['Content-Type', 'application/json']] as const;
const mine = '{"title":"Mine","owner":"ana"}';

function refetched(base?: string): ConflictWorkflow {
  const conflicted = exchange(outgoing('PUT', url, [['If-Match', '"v5"'], ...json], mine), {
    status: 412,
    headers: [['ETag', '"v6"']],
  });
  const flow = new ConflictWorkflow(classifyConflict(conflicted)!, conflicted);
  const read = exchange(outgoing('GET', url), {
    status: 200,
    headers: [['ETag', '"v6"'], ...json],
    body: '{\n    "title": "Old",\n    "owner": "ben"\n}',
  });
  const snapshot: Snapshot | undefined =
    base === undefined ? undefined : { url, status: 200, tokens: [], bodyText: base, time: new Date(0).toISOString() };
  assert.ok(
    flow.afterRefetch({
      step: { request: read.request, result: { ok: true, response: read.response }, exchange: read },
      base: snapshot,
    }).ok,
  );
  return flow;
}

const body = (text: string | undefined) => ({ text, resolve: (t: string) => t });

describe('ConflictWorkflow', () => {
  it('Compare Versions: every side formatted alike, so only real changes differ; three pairs with a base', () => {
    const flow = refetched('{"title":"Old","owner":"ana"}');
    const compare = flow.compareTexts('{"title":"Old","owner":"ben"}', 'application/json')!;
    assert.equal(compare.ext, 'json');
    assert.equal(
      compare.texts.current,
      compare.texts.yours,
      "the same document in the server's and the user's formatting compares equal",
    );
    assert.equal(compare.texts.base, '{\n  "title": "Old",\n  "owner": "ana"\n}');
    assert.deepEqual(
      compare.pairs.map((p) => `${p.left}-${p.right}`),
      ['current-yours', 'base-current', 'base-yours'],
    );
    assert.deepEqual(
      refetched()
        .compareTexts(mine, 'application/json')!
        .pairs.map((p) => p.label),
      ['Current on server ↔ Yours'],
      'without a base only one pair',
    );
    assert.equal(
      refetched().compareTexts('{"title": {{t}}}', 'application/json')!.texts.yours,
      '{"title": {{t}}}',
      'a body that is not JSON stays as written',
    );
  });

  it('Take Theirs: the current version as the body, the current token for If-Match; a merge patch becomes {}', () => {
    const flow = refetched();
    const plan = flow.planTakeTheirs(body(mine))!;
    assert.deepEqual(JSON.parse(plan.bodyText), { title: 'Old', owner: 'ben' });
    assert.deepEqual(
      plan.tokenUpdates.map((u) => String(u.value)),
      ['"v6"'],
    );
    const patch = exchange(
      outgoing(
        'PATCH',
        url,
        [
          ['If-Match', '"v5"'],
          ['Content-Type', 'application/merge-patch+json'],
        ],
        '{"title":"Mine"}',
      ),
      { status: 412, headers: [['ETag', '"v6"']] },
    );
    const patchFlow = new ConflictWorkflow(classifyConflict(patch)!, patch);
    const read = exchange(outgoing('GET', url), {
      status: 200,
      headers: [['ETag', '"v6"'], ...json],
      body: '{"title":"Old"}',
    });
    patchFlow.afterRefetch({
      step: { request: read.request, result: { ok: true, response: read.response }, exchange: read },
    });
    assert.equal(patchFlow.planTakeTheirs(body('{"title":"Mine"}'))!.bodyText, '{}');
    flow.afterTakeTheirs();
    assert.equal(flow.resolvedLine(), 'Resolved: your request went out on the current version you took.');
  });

  it('Overwrite: names the changes lost, sends the written body with the current token', () => {
    const flow = refetched('{"title":"Old","owner":"ana"}');
    assert.deepEqual(
      flow.planOverwrite({ request: outgoing('PUT', url, [['If-Match', '"v5"']], mine), bodyText: mine }),
      { ok: false, problem: 'the current version token is unknown' },
      'not before a merge read the token',
    );
    flow.preview(flow.rebaseNow(body(mine)).rebased);
    assert.match(flow.overwriteLosses(), /• \/owner: /);
    const plan = flow.planOverwrite({
      request: outgoing('PUT', url, [['If-Match', '"v5"'], ...json], mine),
      bodyText: mine,
    });
    assert.ok(plan.ok);
    assert.equal(headerValue(plan.outgoing.request.headers, 'if-match'), '"v6"');
    assert.equal(plan.outgoing.bodyText, mine, "the user's body as written");
    assert.match(flow.resolvedLine(), /^Overwritten as you confirmed: 1 change from the server were replaced/);
  });
});
