// The one resend policy (`checkResend`, driven through `ConflictWorkflow` as both front ends
// drive it): a request with an open conflict goes out only with a usable current token, every
// merge conflict decided, no markers left, the server's changes in its body, and the current
// token — not the refused one — in the request as it will be sent.
import { strict as assert } from 'node:assert';
import { classifyConflict } from '../../../src/core/conflict/classify-conflict';
import type { Exchange } from '../../../src/core/conflict/conflict-model';
import { ConflictWorkflow } from '../../../src/core/conflict/conflict-workflow';
import type { BodyNow } from '../../../src/core/conflict/conflict-workflow';
import type { OutgoingText } from '../../../src/core/conflict/resend-check';
import { checkResend, planCheckedResend } from '../../../src/core/conflict/resend-check';
import { preconditionHeader, preconditionHeaders } from '../../../src/core/conflict/write-precondition';
import type { Snapshot } from '../../../src/core/conflict/snapshot-store';
import type { HeaderList, OutgoingRequest } from '../../../src/core/send/send-model';
import { headerValue } from '../../../src/core/send/send-model';
import { exchange, outgoing } from './exchange-builder';

const url = 'http://127.0.0.1/docs/1';
const json: HeaderList = [['Content-Type', 'application/json']];

function workflow(
  sent: OutgoingRequest,
  conflictHeaders: HeaderList,
  current: { headers: HeaderList; body: string },
  base?: string,
): ConflictWorkflow {
  const conflicted = exchange(sent, { status: 412, headers: conflictHeaders });
  const report = classifyConflict(conflicted);
  assert.ok(report, 'a conflict');
  const flow = new ConflictWorkflow(report, conflicted, { now: () => new Date(0) });
  const read: Exchange = exchange(outgoing('GET', sent.url), {
    status: 200,
    headers: current.headers,
    body: current.body,
  });
  const snapshot: Snapshot | undefined =
    base === undefined
      ? undefined
      : { url: sent.url, status: 200, tokens: [], bodyText: base, time: new Date(0).toISOString() };
  const refetched = flow.afterRefetch({
    step: { request: read.request, result: { ok: true, response: read.response }, exchange: read },
    base: snapshot,
  });
  assert.ok(refetched.ok);
  return flow;
}

const body = (text: string | undefined): BodyNow => ({ text, resolve: (t) => t });

/** The request as it would go out: the written body, the headers as written. */
function sending(text: string | undefined, headers: HeaderList, method = 'PUT'): OutgoingText {
  return { request: outgoing(method, url, headers, text), bodyText: text };
}

/** Rebases as the editor's Rebase does, and returns what the request then reads like. */
function rebaseInto(flow: ConflictWorkflow, text: string, headers: HeaderList): { text: string; headers: HeaderList } {
  const plan = flow.planRebase(body(text));
  assert.ok(plan.ok, plan.ok ? '' : plan.problem);
  flow.afterRebase(plan, text);
  let out = headers;
  for (const u of plan.tokenUpdates)
    if (u.location.kind === 'header')
      out = [
        ...out.filter(([n]) => n.toLowerCase() !== (u.location as { name: string }).name.toLowerCase()),
        [u.location.name, String(u.value)],
      ];
  return { text: plan.bodyText ?? text, headers: out };
}

describe('the one resend policy', () => {
  const mine = '{"title":"Mine","n":1}';
  const sent = outgoing('PUT', url, [['If-Match', '"v5"'], ...json], mine);

  it('lets a rebased request with the current token go', () => {
    const flow = workflow(
      sent,
      [['ETag', '"v6"']],
      { headers: [['ETag', '"v6"'], ...json], body: '{"title":"Old","n":2}' },
      '{"title":"Old","n":1}',
    );
    const now = rebaseInto(flow, mine, [['If-Match', '"v5"'], ...json]);
    assert.equal(headerValue(now.headers, 'if-match'), '"v6"');
    assert.deepEqual(flow.checkResend(body(now.text), sending(now.text, now.headers)), { ok: true });
  });

  it('refuses the stale token still in the request, even with the merged body', () => {
    const flow = workflow(
      sent,
      [['ETag', '"v6"']],
      { headers: [['ETag', '"v6"'], ...json], body: '{"title":"Old","n":2}' },
      '{"title":"Old","n":1}',
    );
    const now = rebaseInto(flow, mine, [['If-Match', '"v5"'], ...json]);
    const check = flow.checkResend(body(now.text), sending(now.text, [['If-Match', '"v5"'], ...json]));
    assert.equal(!check.ok && check.reason, 'stale-token');
    assert.match(!check.ok ? check.message : '', /carries version "v5" where the current one is "v6"/);
  });

  it("refuses a body that does not hold the server's changes (not rebased)", () => {
    const flow = workflow(
      sent,
      [['ETag', '"v6"']],
      { headers: [['ETag', '"v6"'], ...json], body: '{"title":"Old","n":2}' },
      '{"title":"Old","n":1}',
    );
    const check = flow.checkResend(body(mine), sending(mine, [['If-Match', '"v6"'], ...json]));
    assert.equal(!check.ok && check.reason, 'not-merged');
    assert.match(!check.ok ? check.message : '', /\/n/);
  });

  it('refuses while a merge conflict is undecided, and lets it go once decided', () => {
    const flow = workflow(
      sent,
      [['ETag', '"v6"']],
      { headers: [['ETag', '"v6"'], ...json], body: '{"title":"Theirs","n":1}' },
      '{"title":"Old","n":1}',
    );
    flow.preview(flow.rebaseNow(body(mine)).rebased);
    const open = flow.openConflicts();
    assert.equal(open.length, 1);
    const check = flow.checkResend(body(mine), sending(mine, [['If-Match', '"v6"'], ...json]));
    assert.equal(!check.ok && check.reason, 'conflicts-remain');
    assert.equal(flow.decide('/nope', 'ours'), 'unknown', 'a stale id decides nothing');
    assert.equal(flow.decide(open[0].id, 'ours'), 'preview');
    const now = rebaseInto(flow, mine, [['If-Match', '"v5"'], ...json]);
    assert.deepEqual(flow.checkResend(body(now.text), sending(now.text, now.headers)), { ok: true });
  });

  it('refuses conflict markers left in a text body', () => {
    const text = outgoing(
      'PUT',
      url,
      [
        ['If-Match', '"v5"'],
        ['Content-Type', 'text/plain'],
      ],
      'line one\n',
    );
    const flow = workflow(
      text,
      [['ETag', '"v6"']],
      {
        headers: [
          ['ETag', '"v6"'],
          ['Content-Type', 'text/plain'],
        ],
        body: 'line one\n',
      },
      'line one\n',
    );
    const marked = '<<<<<<< yours\nline one\n=======\nline 1\n>>>>>>> current\n';
    const check = checkResend({
      conflicted: text,
      staleTokens: flow.report.staleTokens,
      currentKnown: true,
      writtenBody: marked,
      rebased: {
        result: {
          ...flow.rebaseNow(body(marked)).rebased!.result,
          merge: { ...flow.rebaseNow(body(marked)).rebased!.result.merge, conflicts: [] },
        },
        bodyText: marked,
      },
      decided: new Set(),
      outgoing: sending(marked, [
        ['If-Match', '"v6"'],
        ['Content-Type', 'text/plain'],
      ]),
    });
    assert.equal(!check.ok && check.reason, 'markers-left');
  });

  it('refuses a weak ETag where If-Match compares strongly, and sends it where the protocol compares weak tags', () => {
    const strong = workflow(sent, [['ETag', 'W/"v6"']], { headers: [['ETag', 'W/"v6"'], ...json], body: mine }, mine);
    const plan = strong.planRebase(body(mine));
    assert.ok(plan.ok);
    strong.afterRebase(plan, mine);
    const check = strong.checkResend(
      body(plan.bodyText ?? mine),
      sending(plan.bodyText ?? mine, [['If-Match', 'W/"v6"'], ...json]),
    );
    assert.equal(!check.ok && check.reason, 'weak-etag');

    const table = "http://127.0.0.1:10002/devstoreaccount1/docs(PartitionKey='p',RowKey='r1')";
    const weak = 'W/"datetime\'2026-01-02T00%3A00%3A00Z\'"';
    const azureSent = outgoing('PUT', table, [['If-Match', 'W/"datetime\'2026-01-01T00%3A00%3A00Z\'"'], ...json], mine);
    const azure = workflow(
      azureSent,
      [['Server', 'Azurite-Table/3.37.0'], ['x-ms-error-code', 'UpdateConditionNotSatisfied'], ...json],
      { headers: [['ETag', weak], ...json], body: mine },
      mine,
    );
    assert.equal(azure.report.dialectId, 'azure-table');
    const now = rebaseInto(azure, mine, [...azureSent.headers]);
    assert.deepEqual(
      azure.checkResend(body(now.text), {
        request: { ...azureSent, headers: now.headers, body: { kind: 'text', text: now.text } },
        bodyText: now.text,
      }),
      { ok: true },
    );
  });

  it('refuses an empty or line-broken token', () => {
    const flow = workflow(sent, [['ETag', '"v6"']], { headers: [['ETag', '"v6"'], ...json], body: mine }, mine);
    const rebased = flow.rebaseNow(body(mine)).rebased!;
    for (const value of ['  ', '"v6"\r\nX-Evil: 1']) {
      const result = {
        ...rebased.result,
        tokenUpdates: [{ location: { kind: 'header' as const, name: 'If-Match' }, value }],
      };
      const check = checkResend({
        conflicted: sent,
        staleTokens: flow.report.staleTokens,
        currentKnown: true,
        writtenBody: rebased.bodyText,
        rebased: { ...rebased, result },
        decided: new Set(),
        outgoing: sending(mine, [['If-Match', value], ...json]),
      });
      assert.equal(!check.ok && check.reason, 'unusable-token', JSON.stringify(value));
    }
  });

  it('refuses when the current version carries no token at all', () => {
    const flow = workflow(sent, [['ETag', '"v6"']], { headers: json, body: mine }, mine);
    const check = flow.checkResend(body(mine), sending(mine, [['If-Match', '"v5"'], ...json]));
    assert.equal(!check.ok && check.reason, 'no-current-token');
  });

  it('without a current version lets only the refused token go again; a bodiless write must rebase first', () => {
    const conflicted = exchange(sent, { status: 412, headers: [['ETag', '"v6"']] });
    const flow = new ConflictWorkflow(classifyConflict(conflicted)!, conflicted);
    assert.deepEqual(
      flow.checkResend(body(mine), sending(mine, [['If-Match', '"v5"'], ...json])),
      { ok: true },
      'judged by the very token refused',
    );
    const other = flow.checkResend(body(mine), sending(mine, [['If-Match', '"v7"'], ...json]));
    assert.equal(!other.ok && other.reason, 'unknown-current');

    const del = outgoing('DELETE', url, [['If-Match', '"v5"']]);
    const gone = workflow(del, [['ETag', '"v6"']], { headers: [['ETag', '"v6"'], ...json], body: mine });
    const first = gone.checkResend(body(undefined), sending(undefined, [['If-Match', '"v5"']], 'DELETE'));
    assert.equal(!first.ok && first.reason, 'needs-rebase');
  });

  it('a 428 on a create: a create-only write (If-None-Match: *) goes, though there was no current version to read', () => {
    const create = outgoing('PUT', url, json, mine);
    const conflicted = exchange(create, { status: 428 });
    const report = classifyConflict(conflicted);
    assert.equal(report?.kind, 'precondition-required');
    const flow = new ConflictWorkflow(report!, conflicted);
    assert.deepEqual(flow.checkResend(body(mine), sending(mine, [['If-None-Match', ' * '], ...json])), { ok: true });
    for (const headers of [json, [['If-None-Match', '"v1"'], ...json] as HeaderList]) {
      const held = flow.checkResend(body(mine), sending(mine, headers));
      assert.equal(!held.ok && held.reason, 'unknown-current', JSON.stringify(headers));
    }
  });

  it("the CLI's resend plan goes through the same check", () => {
    const flow = workflow(sent, [['ETag', '"v6"']], { headers: [['ETag', 'W/"v6"'], ...json], body: mine }, mine);
    const rebased = flow.rebaseNow(body(mine)).rebased!;
    const plan = planCheckedResend({ request: sent, rebase: rebased.result, staleTokens: flow.report.staleTokens });
    assert.equal(!plan.ok && plan.reason, 'weak-etag');
    const stale = planCheckedResend({
      request: sent,
      rebase: {
        ...rebased.result,
        tokenUpdates: [
          { location: { kind: 'header', name: 'If-None-Match' }, value: '"v6"' },
          { location: { kind: 'header', name: 'If-Match' }, value: '"v6"' },
        ],
      },
      staleTokens: flow.report.staleTokens,
    });
    assert.ok(stale.ok, 'tokens placed by the plan itself are never stale');
  });
});

describe('precondition headers: one list', () => {
  it('If-Match, If-Unmodified-Since and If-None-Match make a write conditional, in any case', () => {
    assert.deepEqual([...preconditionHeaders].sort(), ['if-match', 'if-none-match', 'if-unmodified-since']);
    assert.equal(preconditionHeader([{ name: 'Accept' }, { name: 'if-none-match' }]), 'if-none-match');
    assert.equal(preconditionHeader([{ name: 'If-Modified-Since' }, { name: 'If-Range' }]), undefined);
  });
});
