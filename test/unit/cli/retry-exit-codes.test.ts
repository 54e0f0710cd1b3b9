// Conflicts to retry or explain, never to merge, through the CLI as a user runs it (dist/cli.js
// in a child process): each case prints its own advice and ends with its own exit code —
// 4 in flight, 5 Idempotency-Key reused, 6 already exists, 7 your own write had landed,
// 8 a stale write named in the body — against fixture servers that answer as S3, Stripe-style
// idempotency APIs, Shopify's GraphQL Admin API and Google's setIamPolicy are documented to
// (sources in each fixture's header).
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { retryExitCodes } from '../../../src/cli/retry-exit-codes';
import { repoRoot } from '../../support/repo-root';
import type { AmbiguousWriteServer } from '../../fixtures/servers/ambiguous-write-server';
import { startAmbiguousWriteServer } from '../../fixtures/servers/ambiguous-write-server';
import type { BodyConflictsServer } from '../../fixtures/servers/body-conflicts-server';
import { startBodyConflictsServer } from '../../fixtures/servers/body-conflicts-server';
import type { RetryConflictsServer } from '../../fixtures/servers/retry-conflicts-server';
import { startRetryConflictsServer } from '../../fixtures/servers/retry-conflicts-server';

const cli = join(repoRoot(), 'dist', 'cli.js');

function runCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

describe('CLI: conflicts to retry or explain have their own message and exit code', () => {
  let dir: string;
  before(function () {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first`);
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'retry-exit-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(file: string, text: string, ...args: string[]) {
    writeFileSync(join(dir, file), text);
    return runCli(['run', file, '--snapshots', join(dir, 'snapshots'), ...args], dir);
  }

  it('exit codes are distinct from each other and from 0–3', () => {
    const codes = Object.values(retryExitCodes);
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.ok(code > 3, `${code} collides with a general exit code`);
  });

  describe('against S3- and Stripe-style APIs', () => {
    let api: RetryConflictsServer;
    beforeEach(async () => {
      api = await startRetryConflictsServer();
    });
    afterEach(() => api.close());

    it('4: S3 ConditionalRequestConflict — retry unchanged; the rest of the file is not sent', async () => {
      api.inFlightWrites = 1;
      const result = await run(
        'put.http',
        `PUT ${api.url}/bucket/report.json\nIf-Match: "e1"\nContent-Type: application/json\n\n{"title":"Mine"}\n\n###\nGET ${api.url}/bucket/report.json\n`,
        '--on-conflict=rebase',
      );
      assert.equal(result.code, 4, result.stdout + result.stderr);
      assert.match(
        result.stdout,
        /server's code: ConditionalRequestConflict \(S3 error Code\) — A conflicting conditional operation is currently in progress/,
      );
      assert.match(result.stdout, /⟳ not merged — Send the same request again, unchanged, after a short pause/);
      assert.match(result.stdout, /✘ not sent, line 8/);
      assert.match(
        result.stdout,
        /^exit 4: the same request is still being processed on the server: send it again unchanged after a pause\.$/m,
      );
      assert.equal(api.exchanges.length, 1, 'one PUT: no refetch, no resend, nothing after it');
    });

    it('4 and 5: Idempotency-Key in flight (409), then reused with another body (422) — JSON says the case and the code', async () => {
      api.keys.set('k-1', { body: '{"amount":100}', processing: true });
      const busy = await run(
        'pay.http',
        `POST ${api.url}/payments\nIdempotency-Key: k-1\nContent-Type: application/json\n\n{"amount":100}\n`,
      );
      assert.equal(busy.code, 4, busy.stdout);
      assert.match(busy.stdout, /same body, same Idempotency-Key \(k-1\)\. Never a new key/);

      const changed = await run(
        'pay.http',
        `POST ${api.url}/payments\nIdempotency-Key: k-1\nContent-Type: application/json\n\n{"amount":250}\n`,
        '--json',
      );
      assert.equal(changed.code, 5, changed.stdout);
      const json = JSON.parse(changed.stdout) as {
        results: Array<{ conflict: { retry: { case: string; exitCode: number; advice: string } } }>;
      };
      assert.equal(json.results[0].conflict.retry.case, 'key-reused');
      assert.equal(json.results[0].conflict.retry.exitCode, 5);
      assert.match(json.results[0].conflict.retry.advice, /give it a new key on purpose/);
      assert.deepEqual(api.payments, []);
    });

    it('6: If-None-Match: * met an existing object — read it, or make the write an update', async () => {
      const result = await run(
        'create.http',
        `PUT ${api.url}/bucket/report.json\nIf-None-Match: *\nContent-Type: application/json\n\n{"title":"New"}\n`,
        '--on-conflict=rebase',
      );
      assert.equal(result.code, 6, result.stdout);
      assert.match(result.stdout, /turn this write into an update: send it with If-Match: <its ETag>/);
      assert.equal(api.objects.get('/bucket/report.json'), '{"title":"Quarterly report"}');
    });

    it('1 still outranks them: a failed request elsewhere in the run', async () => {
      api.keys.set('k-1', { body: '{"amount":100}', processing: true });
      const result = await run(
        'both.http',
        `GET ${api.url}/bucket/missing.json\n\n###\nPOST ${api.url}/payments\nIdempotency-Key: k-1\nContent-Type: application/json\n\n{"amount":100}\n`,
        '--fail-on-status',
      );
      assert.equal(result.code, 1, result.stdout);
      assert.doesNotMatch(result.stdout, /^exit 4/m);
    });
  });

  it('7: the 412 was my own earlier write — "already landed", nothing resent, and the run goes on', async () => {
    const api: AmbiguousWriteServer = await startAmbiguousWriteServer();
    try {
      const read = await run('read.http', `GET ${api.url}/doc\n`);
      assert.equal(read.code, 0, read.stdout);
      const mine = { id: 7, title: 'Mine', tags: ['finance'], owner: 'ana' };
      // The first attempt landed, though the client never heard (the fixture's reset, done by hand here).
      const landed = await fetch(`${api.url}/doc`, {
        method: 'PUT',
        headers: { 'if-match': '"v1"', 'content-type': 'application/json' },
        body: JSON.stringify(mine),
      });
      assert.equal(landed.status, 200);
      const before = api.log.length;
      const result = await run(
        'put.http',
        `PUT ${api.url}/doc\nIf-Match: "v1"\nContent-Type: application/json\n\n${JSON.stringify(mine, null, 2)}\n\n###\nGET ${api.url}/doc\n`,
        '--on-conflict=rebase',
      );
      assert.equal(result.code, 7, result.stdout + result.stderr);
      assert.match(result.stdout, /Your write already landed/);
      assert.match(result.stdout, /^exit 7: your write had already landed/m);
      assert.deepEqual(
        api.log.slice(before).map((l) => `${l.method} ${l.status}`),
        ['PUT 412', 'GET 200', 'GET 200'],
        'the refetch, then the next request: no resend',
      );
    } finally {
      await api.close();
    }
  });

  describe('against Shopify- and Google-style APIs', () => {
    let api: BodyConflictsServer;
    beforeEach(async () => {
      api = await startBodyConflictsServer();
    });
    afterEach(() => api.close());

    it("8: a GraphQL mutation refused as stale inside a 200, with the server's code and words", async () => {
      const body = JSON.stringify({
        query:
          'mutation inventorySetQuantities($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code field message } } }',
        variables: {
          input: {
            name: 'available',
            reason: 'correction',
            quantities: [
              {
                inventoryItemId: 'gid://shopify/InventoryItem/30322695',
                locationId: 'gid://shopify/Location/1',
                quantity: 12,
                changeFromQuantity: 5,
              },
            ],
          },
        },
      });
      const result = await run(
        'gql.http',
        `POST ${api.url}/admin/api/2026-04/graphql.json\nContent-Type: application/json\n\n${body}\n`,
        '--on-conflict=rebase',
      );
      assert.equal(result.code, 8, result.stdout + result.stderr);
      assert.match(result.stdout, /^✘ 200 OK/m, 'a refused mutation is no success, whatever its status');
      assert.match(
        result.stdout,
        /server's code: CHANGE_FROM_QUANTITY_STALE \(data\.inventorySetQuantities\.userErrors\[0\]\.code\) — The changeFromQuantity value does not match persisted value\./,
      );
      assert.match(result.stdout, /^exit 8: a stale or concurrent write, named by the server in its own words/m);
      assert.equal(api.exchanges.length, 1, 'no refetch, no resend');
    });

    it('8: Google setIamPolicy 409 ABORTED; a read with GraphQL errors stays 0', async () => {
      const stale = await run(
        'iam.http',
        `POST ${api.url}/v1/projects/p1:setIamPolicy\nContent-Type: application/json\n\n{"policy":{"etag":"old","bindings":[]}}\n`,
        '--on-conflict=rebase',
      );
      assert.equal(stale.code, 8, stale.stdout);
      assert.match(stale.stdout, /server's code: ABORTED \(error\.status\)/);
      assert.match(stale.stdout, /Redo the whole read-modify-write/);
      const read = await run(
        'read.http',
        `POST ${api.url}/admin/api/2026-04/graphql.json\nContent-Type: application/json\n\n{"query":"query { shop { name } }"}\n`,
      );
      assert.equal(read.code, 0, read.stdout);
      assert.doesNotMatch(read.stdout, /not merged/);
    });
  });
});
