// The CLI as a user runs it: the built dist/cli.js in a child process, against the fixture
// API on 127.0.0.1, with a .http file in a temporary folder.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root';
import { startFaultServer } from '../../fixtures/fault-server';
import { startConflictApi } from '../../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../../fixtures/servers/conflict-api-server';

const cli = join(repoRoot(), 'dist', 'cli.js');

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

const conflictFile = (base: string) => `@base = ${base}

### Read the document
# @name doc
GET {{base}}/etag/documents/42

### Someone else adds a tag meanwhile
POST {{base}}/__control/other-writer?path=/etag/documents/42
Content-Type: application/json

{ "tags": ["finance", "q3"] }

### Change its title
# @name update
PUT {{base}}/etag/documents/42
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

{
  "id": 42,
  "title": "Updated Title",
  "tags": ["finance"],
  "owner": "ana"
}
`;

describe('http-conflicts CLI', () => {
  let api: ConflictApi;
  let dir: string;
  before(function () {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first`);
  });
  beforeEach(async () => {
    api = await startConflictApi();
    dir = mkdtempSync(join(tmpdir(), 'cli-'));
    writeFileSync(join(dir, 'conflict.http'), conflictFile(api.url));
  });
  afterEach(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints machine-readable results for every request of a file', async () => {
    const { code, stdout } = await run(['run', 'conflict.http', '--json', '--snapshots', join(dir, 'snaps')], dir);
    const out = JSON.parse(stdout) as {
      results: Array<{ response?: { status: number }; conflict?: { dialect: string; kind: string } }>;
    };
    assert.deepEqual(
      out.results.map((r) => r.response?.status),
      [200, 200, 412],
    );
    assert.equal(out.results[2].conflict?.kind, 'version-conflict');
    assert.equal(out.results[2].conflict?.dialect, 'http-validators');
    assert.equal(code, 1, 'an unresolved conflict fails the run');
  });

  it("resolves a real conflict end to end: the server keeps both writers' changes", async () => {
    const { code, stdout } = await run(
      ['run', 'conflict.http', '--on-conflict=rebase', '--snapshots', join(dir, 'snaps')],
      dir,
    );
    assert.equal(code, 0, stdout);
    assert.match(stdout, /Rebased onto the current version and resent: 200/);
    const doc = api.state('/etag/documents/42')?.document as { title: string; tags: string[] };
    assert.equal(doc.title, 'Updated Title');
    assert.deepEqual(doc.tags, ['finance', 'q3']);
  });

  it('runs the handlers and assertions on the rebased resend: its tests count, its globals reach the next request', async () => {
    const handled = `${conflictFile(api.url)}
> {%
  client.global.set("finalStatus", String(response.status));
  client.test("saved", function () {
    client.assert(response.status === 200, "status " + response.status);
  });
%}

?? status == 200

### Read it again, naming what the write finally got
GET {{base}}/etag/documents/42?after={{finalStatus}}
`;
    writeFileSync(join(dir, 'handled.http'), handled);
    const { code, stdout } = await run(
      ['run', 'handled.http', '--on-conflict=rebase', '--json', '--snapshots', join(dir, 'snaps')],
      dir,
    );
    const out = JSON.parse(stdout) as {
      results: Array<{
        tests?: Array<{ name: string; passed: boolean }>;
        testsBeforeResend?: Array<{ name: string; passed: boolean }>;
      }>;
    };
    const update = out.results[2];
    assert.deepEqual(
      update.tests?.map((t) => t.passed),
      [true, true],
      'the tests judge the 200 of the resend',
    );
    assert.deepEqual(
      update.testsBeforeResend?.map((t) => t.passed),
      [false, false],
      'the 412 failed them, shown apart',
    );
    assert.equal(code, 0, stdout);
    const last = api.requests[api.requests.length - 1];
    assert.equal(last.url, '/etag/documents/42?after=200', 'the global set by the resend handler');
  });

  it("prints the resend's tests after the rebase, and the 412's apart", async () => {
    writeFileSync(
      join(dir, 'handled.http'),
      `${conflictFile(api.url)}
?? status == 200
`,
    );
    const { code, stdout } = await run(
      ['run', 'handled.http', '--on-conflict=rebase', '--snapshots', join(dir, 'snaps')],
      dir,
    );
    assert.equal(code, 0, stdout);
    assert.match(
      stdout,
      /tests on the 412 response, before the rebase[^\n]*\n\s+✘ status == 200[\s\S]*resent: 200[\s\S]*✔ status == 200/,
    );
  });

  it('never sends a request whose named dependency was not sent in this run', async () => {
    const { code, stdout } = await run(['send', 'conflict.http#update', '--snapshots', join(dir, 'snaps')], dir);
    assert.equal(code, 1);
    assert.match(stdout, /"doc" has not been sent yet/);
    assert.ok(!api.requests.some((r) => r.method === 'PUT'), 'no write reached the server');
  });

  it('explains usage errors with exit code 2', async () => {
    const { code, stderr } = await run(['send'], dir);
    assert.equal(code, 2);
    assert.match(stderr, /send needs a file/);
  });

  it('exits 1 on a transport error and says what happened', async () => {
    writeFileSync(join(dir, 'down.http'), 'GET http://127.0.0.1:1/nothing-listens-here\n');
    const { code, stdout } = await run(['send', 'down.http'], dir);
    assert.equal(code, 1);
    assert.match(stdout, /refused/i);
  });
  it('keeps credentials out of its output, text and JSON, when a request fails', async () => {
    const faults = await startFaultServer();
    try {
      const port = new URL(faults.url).port;
      writeFileSync(join(dir, 'http-client.private.env.json'), JSON.stringify({ dev: { token: 'env-s3cr3t-A' } }));
      writeFileSync(join(dir, 'http-client.env.json'), JSON.stringify({ dev: {} }));
      writeFileSync(
        join(dir, 'leaky.http'),
        [
          `GET http://u5er:pw-s3cr3t-B@127.0.0.1:${port}/loop-a?access_token=qp-s3cr3t-C`,
          'Authorization: Bearer {{token}}',
          'Cookie: sid=cookie-s3cr3t-D',
          '',
          '###',
          'GET http://u5er:pw-s3cr3t-B@127.0.0.1:1/refused?access_token=qp-s3cr3t-C',
          'Authorization: Bearer {{token}}',
          '',
        ].join('\n'),
      );
      for (const extra of [[], ['--json'], ['-v']]) {
        const { code, stdout, stderr } = await run(
          ['run', 'leaky.http', '--env', 'dev', '--snapshots', join(dir, 'snaps'), ...extra],
          dir,
        );
        assert.equal(code, 1, stdout + stderr);
        assert.match(stdout, /loop|refused/i);
        assert.doesNotMatch(stdout + stderr, /s3cr3t|u5er/, `${extra.join(' ')}: ${stdout}${stderr}`);
      }
    } finally {
      await faults.close();
    }
  });
});
