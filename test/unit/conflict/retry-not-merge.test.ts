// Conflicts to retry or explain, never to merge: create-only meeting an existing object, S3's
// in-flight ConditionalRequestConflict, and Idempotency-Key 409/422 — against a loopback
// server that answers as S3 and Stripe-style APIs do, through the core loop and the CLI.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { classifyConflict } from '../../../src/core/conflict/classify-conflict';
import type { Exchange } from '../../../src/core/conflict/conflict-model';
import type { SendFn } from '../../../src/core/conflict/resolve-conflict';
import { resolveConflict } from '../../../src/core/conflict/resolve-conflict';
import { MemorySnapshotStore } from '../../../src/core/conflict/snapshot-store';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';
import { defaultSendOptions } from '../../../src/core/send/send-model';
import type { HeaderList } from '../../../src/core/send/send-model';
import { sendRequest } from '../../../src/core/send/send-request';
import { repoRoot } from '../../support/repo-root';
import type { RetryConflictsServer } from '../../fixtures/servers/retry-conflicts-server';
import { startRetryConflictsServer } from '../../fixtures/servers/retry-conflicts-server';

describe('conflicts to retry, not merge', () => {
  let api: RetryConflictsServer;
  let agent: Agent;
  let send: SendFn;
  beforeEach(async () => {
    api = await startRetryConflictsServer();
    agent = new Agent();
    send = (request, signal) => sendRequest(request, { ...defaultSendOptions, dispatcher: agent, env: {}, signal });
  });
  afterEach(async () => {
    await agent.close();
    await api.close();
  });

  async function sent(method: string, path: string, headers: HeaderList, body: string): Promise<Exchange> {
    const request = { method, url: `${api.url}${path}`, headers, body: { kind: 'text' as const, text: body } };
    const result = await send(request);
    if (!result.ok) throw new Error(result.failure.message);
    return { request, requestBodyText: body, response: result.response };
  }

  /** The loop must stop at the classification: no refetch, no merge, no resend. */
  async function noMerge(exchange: Exchange): Promise<void> {
    const before = api.exchanges.length;
    const steps = await resolveConflict({ exchange, snapshots: new MemorySnapshotStore(), send, merge: mergeBodies });
    assert.equal(steps.outcome, 'not-a-version-conflict', steps.message);
    assert.equal(steps.rebase, undefined);
    assert.equal(api.exchanges.length, before, 'nothing more was sent');
  }

  it('If-None-Match: * → "it already exists", with the way to turn it into an update', async () => {
    const exchange = await sent(
      'PUT',
      '/bucket/report.json',
      [
        ['If-None-Match', '*'],
        ['Content-Type', 'application/json'],
      ],
      '{"title":"New"}',
    );
    assert.equal(exchange.response.status, 412);
    const report = classifyConflict(exchange);
    assert.equal(report?.dialectId, 'retry-not-merge');
    assert.match(report!.summary, /^It already exists: this write was sent with If-None-Match: \*/);
    assert.match(report!.summary, /send the write with If-Match: <its ETag> instead/);
    await noMerge(exchange);
    assert.equal(api.objects.get('/bucket/report.json'), '{"title":"Quarterly report"}');
  });

  it('S3 409 ConditionalRequestConflict → retry the same request unchanged; the retry lands', async () => {
    api.inFlightWrites = 1;
    const headers: HeaderList = [
      ['If-Match', '"e1"'],
      ['Content-Type', 'application/json'],
    ];
    const exchange = await sent('PUT', '/bucket/report.json', headers, '{"title":"Mine"}');
    assert.equal(exchange.response.status, 409);
    const report = classifyConflict(exchange);
    assert.match(
      report!.summary,
      /S3 ConditionalRequestConflict.*retry the same request, unchanged, after a short pause/,
    );
    await noMerge(exchange);
    const retried = await sent('PUT', '/bucket/report.json', headers, '{"title":"Mine"}');
    assert.equal(retried.response.status, 200);
  });

  it('Idempotency-Key 409 while processing → retry with the same key; 422 for a changed body → explain', async () => {
    api.keys.set('k-1', { body: '{"amount":100}', processing: true });
    const busy = await sent(
      'POST',
      '/payments',
      [
        ['Idempotency-Key', 'k-1'],
        ['Content-Type', 'application/json'],
      ],
      '{"amount":100}',
    );
    assert.equal(busy.response.status, 409);
    assert.match(
      classifyConflict(busy)!.summary,
      /still being processed\. Retry this request unchanged — same body, same key/,
    );
    await noMerge(busy);
    const changed = await sent(
      'POST',
      '/payments',
      [
        ['Idempotency-Key', 'k-1'],
        ['Content-Type', 'application/json'],
      ],
      '{"amount":250}',
    );
    assert.equal(changed.response.status, 422);
    const report = classifyConflict(changed);
    assert.equal(report?.kind, 'not-a-version-conflict');
    assert.match(report!.summary, /was already used for a request with a different body/);
    await noMerge(changed);
    assert.deepEqual(api.payments, [], 'no payment was made twice, or at all');
  });

  it('the CLI prints the retry advice and never merges (run --on-conflict=rebase)', async function () {
    const cli = join(repoRoot(), 'dist', 'cli.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first`);
    api.inFlightWrites = 1;
    const dir = mkdtempSync(join(tmpdir(), 'retry-'));
    try {
      writeFileSync(
        join(dir, 'put.http'),
        `PUT ${api.url}/bucket/report.json\nIf-Match: "e1"\nContent-Type: application/json\n\n{"title":"Mine"}\n`,
      );
      const { code, stdout } = await new Promise<{ code: number; stdout: string }>((done) => {
        execFile(
          process.execPath,
          [cli, 'run', 'put.http', '--on-conflict=rebase', '--snapshots', join(dir, 's')],
          { cwd: dir, timeout: 30_000 },
          (error, out) => {
            done({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout: out });
          },
        );
      });
      assert.match(stdout, /✘ 409 Conflict/);
      assert.match(stdout, /retry the same request, unchanged, after a short pause/);
      assert.doesNotMatch(stdout, /Rebased|^ {2}merge: /m);
      assert.equal(code, 4, 'in flight: its own exit code, "send it again unchanged" (src/cli/retry-exit-codes.ts)');
      assert.equal(api.exchanges.length, 1, 'one PUT, no refetch, no resend');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
