// Weak ETags follow the protocol and the evidence, not one global rule: OData and Azure Table
// compare the weak tags they hand out (resent as they are), Apache compares If-Match strongly
// (a weak tag is refused, Last-Modified stands in), and a server that has accepted a weak tag
// in If-Match gets it back. Against small loopback servers that behave that way.
import { strict as assert } from 'node:assert';
import { Agent } from 'undici';
import { azureTableDialect } from '../../../src/core/conflict/azure-table-dialect';
import { classifyConflict } from '../../../src/core/conflict/classify-conflict';
import { defaultConflictOptions } from '../../../src/core/conflict/conflict-model';
import type { Exchange } from '../../../src/core/conflict/conflict-model';
import { unusableInIfMatch } from '../../../src/core/conflict/entity-tag';
import { httpValidatorsDialect } from '../../../src/core/conflict/http-validators-dialect';
import { describeResendPreconditions } from '../../../src/core/conflict/resend-precondition';
import type { SendFn } from '../../../src/core/conflict/resolve-conflict';
import { resolveConflict } from '../../../src/core/conflict/resolve-conflict';
import { recordExchange } from '../../../src/core/conflict/snapshot-capture';
import { MemorySnapshotStore } from '../../../src/core/conflict/snapshot-store';
import { WeakIfMatchEvidence } from '../../../src/core/conflict/weak-tag-evidence';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';
import { defaultSendOptions, headerValue } from '../../../src/core/send/send-model';
import type { HeaderList, OutgoingRequest } from '../../../src/core/send/send-model';
import { sendRequest } from '../../../src/core/send/send-request';
import type { QuirksServer } from '../../fixtures/servers/protocol-quirks-server';
import { startQuirksServer } from '../../fixtures/servers/protocol-quirks-server';
import { exchange, outgoing } from './exchange-builder';

describe('weak ETags', () => {
  describe('unusableInIfMatch', () => {
    it('refuses a weak tag where If-Match compares strongly, and says why', () => {
      assert.match(unusableInIfMatch('W/"7"') ?? '', /weak ETag, and If-Match compares strongly/);
    });
    it('lets a weak tag through where the protocol or the server compares weak tags', () => {
      assert.equal(unusableInIfMatch('W/"7"', { weakCompared: 'OData compares weak tags' }), undefined);
      assert.match(unusableInIfMatch('*', { weakCompared: 'x' }) ?? '', /overwrite blindly/, 'never "*"');
    });
  });

  describe('Azure Table dialect', () => {
    const url = "http://127.0.0.1:10002/devstoreaccount1/docs(PartitionKey='p',RowKey='r1')?sv=1&sig=x";
    const stale = 'W/"datetime\'2026-01-01T00%3A00%3A00Z\'"';
    const conflict = exchange(
      outgoing(
        'PUT',
        url,
        [
          ['If-Match', stale],
          ['Content-Type', 'application/json'],
        ],
        { title: 'A' },
      ),
      {
        status: 412,
        headers: [
          ['Server', 'Azurite-Table/3.37.0'],
          ['x-ms-error-code', 'UpdateConditionNotSatisfied'],
          ['Content-Type', 'application/json;odata=minimalmetadata'],
        ],
        body: {
          'odata.error': {
            code: 'UpdateConditionNotSatisfied',
            message: { lang: 'en-US', value: 'The update condition specified in the request was not satisfied.' },
          },
        },
      },
    );

    it('recognises a Table 412 over plain OData, with its evidence', () => {
      const report = classifyConflict(conflict);
      assert.equal(report?.dialectId, 'azure-table');
      assert.ok(report!.evidence.some((e) => /Azurite-Table/.test(e)));
      assert.ok(report!.evidence.some((e) => /UpdateConditionNotSatisfied/.test(e)));
    });

    it("keeps the weak tag usable and Timestamp the server's", () => {
      const [token] = azureTableDialect.readTokens(
        exchange(outgoing('GET', url), { status: 200, headers: [['ETag', stale]], body: { title: 'A' } }),
        defaultConflictOptions,
      );
      assert.equal(token.value, stale);
      assert.match(token.weakCompared ?? '', /Azure Table storage compares its weak ETags/);
      const [update] = azureTableDialect.applyToken(conflict.request, token, defaultConflictOptions);
      assert.equal(update.value, stale, 'sent exactly as the service gave it');
      const entity = exchange(outgoing('GET', url), {
        status: 200,
        headers: [['ETag', stale]],
        body: { PartitionKey: 'p', RowKey: 'r', Timestamp: '2026-01-01T00:00:00Z', title: 'A' },
      });
      assert.ok(
        azureTableDialect.serverManagedPaths?.(entity).includes('/Timestamp'),
        "Timestamp is the service's: taken from the current version, never a conflict",
      );
    });

    it('refetches with a JSON Accept when the write had none (Azurite answers 415 otherwise)', () => {
      const refetch = azureTableDialect.planRefetch(conflict);
      assert.equal(refetch.method, 'GET');
      assert.equal(headerValue(refetch.headers, 'accept'), 'application/json;odata=nometadata');
      assert.equal(headerValue(refetch.headers, 'if-match'), undefined);
    });
  });

  describe('HTTP validators', () => {
    const read = (url = 'http://a.test/x') =>
      exchange(outgoing('GET', url), {
        status: 200,
        headers: [
          ['ETag', 'W/"5"'],
          ['Last-Modified', 'Tue, 01 Dec 2026 10:00:00 GMT'],
        ],
      });

    it('falls back to If-Unmodified-Since for a weak ETag, with the reason', () => {
      const [token] = httpValidatorsDialect.readTokens(read(), defaultConflictOptions);
      assert.deepEqual(token.location, { kind: 'header', name: 'If-Unmodified-Since' });
      assert.match(token.reason ?? '', /the current ETag W\/"5" is weak, and If-Match compares strongly/);
    });

    it('keeps the weak ETag once this origin accepted one in If-Match', () => {
      const evidence = new WeakIfMatchEvidence();
      evidence.observe(exchange(outgoing('PUT', 'http://a.test/other', [['If-Match', 'W/"1"']], 'x'), { status: 204 }));
      evidence.observe(exchange(outgoing('PUT', 'http://b.test/y', [['If-Match', 'W/"1"']], 'x'), { status: 412 }));
      assert.equal(evidence.accepted('http://a.test/x'), true);
      assert.equal(evidence.accepted('http://b.test/y'), false, 'a refusal is no evidence');
      const [token] = httpValidatorsDialect.readTokens(read(), {
        ...defaultConflictOptions,
        acceptedWeakIfMatch: evidence.accepted,
      });
      assert.deepEqual([token.value, token.location], ['W/"5"', { kind: 'header', name: 'If-Match' }]);
      assert.match(token.weakCompared ?? '', /already accepted a weak ETag/);
    });
  });

  describe('the resend says which precondition it carries', () => {
    it('names the switch from If-Match to If-Unmodified-Since and why', () => {
      const lines = describeResendPreconditions(
        [
          {
            location: { kind: 'header', name: 'If-Unmodified-Since' },
            value: 'Tue, 01 Dec 2026 10:00:00 GMT',
            reason: 'the current ETag W/"5" is weak',
          },
          { location: { kind: 'header', name: 'If-Match' }, value: '', remove: true },
        ],
        [{ value: '"4"', location: { kind: 'header', name: 'If-Match' } }],
      );
      assert.deepEqual(lines, [
        'resent with If-Unmodified-Since: Tue, 01 Dec 2026 10:00:00 GMT instead of If-Match — the current ETag W/"5" is weak',
      ]);
    });
    it('names a weak tag sent as it is, and the old value', () => {
      const lines = describeResendPreconditions(
        [
          {
            location: { kind: 'header', name: 'If-Match' },
            value: 'W/"6"',
            weak: true,
            weakCompared: 'OData compares weak tags',
          },
        ],
        [{ value: 'W/"5"', location: { kind: 'header', name: 'If-Match' } }],
      );
      assert.deepEqual(lines, [
        'resent with If-Match: W/"6" (was W/"5") — a weak ETag, sent as it is: OData compares weak tags',
      ]);
    });
  });

  describe('the loop against servers that differ', () => {
    let api: QuirksServer;
    let agent: Agent;
    let snapshots: MemorySnapshotStore;
    let send: SendFn;
    beforeEach(async () => {
      api = await startQuirksServer();
      agent = new Agent();
      snapshots = new MemorySnapshotStore();
      send = (request, signal) => sendRequest(request, { ...defaultSendOptions, dispatcher: agent, env: {}, signal });
    });
    afterEach(async () => {
      await agent.close();
      await api.close();
    });

    async function sent(request: OutgoingRequest): Promise<Exchange> {
      const result = await send(request);
      if (!result.ok) throw new Error(result.failure.message);
      return {
        request,
        requestBodyText: request.body?.kind === 'text' ? request.body.text : undefined,
        response: result.response,
      };
    }
    async function readAndKeep(path: string, headers: HeaderList = []): Promise<Exchange> {
      const read = await sent({ method: 'GET', url: `${api.url}${path}`, headers });
      assert.ok(await recordExchange(snapshots, read));
      return read;
    }

    it('OData: a clean merge is resent with the weak tag as it is, and lands', async () => {
      const read = await readAndKeep('/odata/Docs(1)', [['Accept', 'application/json']]);
      const tag = headerValue(read.response.headers, 'etag')!;
      assert.match(tag, /^W\//);
      api.otherWriter('/odata/Docs(1)', { Status: 'review' });
      const stale = await sent({
        method: 'PUT',
        url: `${api.url}/odata/Docs(1)`,
        headers: [
          ['Content-Type', 'application/json'],
          ['If-Match', tag],
        ],
        body: { kind: 'text', text: '{ "Id": 1, "Title": "Updated", "Status": "draft", "Owner": "ana" }' },
      });
      assert.equal(stale.response.status, 412);
      const steps = await resolveConflict({ exchange: stale, snapshots, send, merge: mergeBodies });
      assert.equal(steps.report?.dialectId, 'odata-etag');
      assert.equal(steps.outcome, 'resolved', steps.message);
      const resent = steps.resend!.plan.ok ? steps.resend!.plan.request : undefined;
      assert.match(headerValue(resent!.headers, 'if-match') ?? '', /^W\/"datetime'2'"$/);
      assert.deepEqual(JSON.parse(api.resources.get('/odata/Docs(1)')!.text), {
        Id: 1,
        Title: 'Updated',
        Status: 'review',
        Owner: 'ana',
      });
    });

    it('Apache-like: a fresh weak ETag is never sent; If-Unmodified-Since replaces If-Match and the write lands', async () => {
      const read = await readAndKeep('/apache/note.txt');
      const tag = headerValue(read.response.headers, 'etag')!;
      api.otherWriter('/apache/note.txt', 'line one\nline TWO\nline three\nline four\nline five');
      api.fresh = true;
      const stale = await sent({
        method: 'PUT',
        url: `${api.url}/apache/note.txt`,
        headers: [
          ['Content-Type', 'text/plain'],
          ['If-Match', tag],
        ],
        body: { kind: 'text', text: 'line one\nline two\nline three\nline four\nline FIVE' },
      });
      assert.equal(stale.response.status, 412);
      const steps = await resolveConflict({ exchange: stale, snapshots, send, merge: mergeBodies });
      assert.equal(steps.outcome, 'resolved', steps.message);
      const resent = steps.resend!.plan.ok ? steps.resend!.plan.request : undefined;
      assert.equal(headerValue(resent!.headers, 'if-match'), undefined, 'the stale If-Match would win over the date');
      assert.ok(headerValue(resent!.headers, 'if-unmodified-since'));
      const lines = describeResendPreconditions(steps.rebase!.tokenUpdates, steps.report!.staleTokens);
      assert.match(
        lines[0],
        /^resent with If-Unmodified-Since: .* instead of If-Match — the current ETag W\/"2-[0-9a-f]+" is weak/,
      );
      assert.equal(api.resources.get('/apache/note.txt')!.text, 'line one\nline TWO\nline three\nline four\nline FIVE');
    });

    it('Apache-like without Last-Modified evidence to fall back on: the weak tag is refused with the reason', async () => {
      const url = `${api.url}/apache/note.txt`;
      const text = (first: string, last: string) => `${first}\nline two\nline three\nline four\n${last}`;
      // The base: a read that answered with a strong ETag.
      assert.ok(
        await recordExchange(
          snapshots,
          exchange(outgoing('GET', url), {
            status: 200,
            headers: [
              ['ETag', '"1-0"'],
              ['Content-Type', 'text/plain'],
            ],
            body: text('line one', 'line five'),
          }),
        ),
      );
      const stale = exchange(
        outgoing(
          'PUT',
          url,
          [
            ['If-Match', '"1-0"'],
            ['Content-Type', 'text/plain'],
          ],
          text('line ONE', 'line five'),
        ),
        { status: 412 },
      );
      const steps = await resolveConflict({
        exchange: stale,
        snapshots,
        merge: mergeBodies,
        // The refetch answers with a weak ETag only, and another writer's last line.
        send: async (request) => ({
          ok: true,
          response: {
            ...stale.response,
            status: 200,
            statusText: 'OK',
            headers: [
              ['ETag', 'W/"2-0"'],
              ['Content-Type', 'text/plain'],
            ],
            body: new TextEncoder().encode(text('line one', 'line FIVE')),
            url: request.url,
          },
        }),
      });
      assert.equal(steps.outcome, 'resend-refused', steps.message);
      assert.match(
        steps.message,
        /W\/"2-0" cannot go into If-Match: it is a weak ETag, and If-Match compares strongly/,
      );
    });
  });
});
