// `run --baseline DIR` as CI runs it: the built dist/cli.js against a loopback API whose
// document changes one field and a timestamp between runs.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root';
import { startLoopbackServer } from '../../fixtures/servers/loopback-server';
import type { LoopbackReply, LoopbackServer } from '../../fixtures/servers/loopback-server';

const cli = join(repoRoot(), 'dist', 'cli.js');
const secret = 'prv-Key-7f3a9c21';

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

const httpFile = (base: string) => `@base = ${base}

### The document
# @name doc
GET {{base}}/documents/42
X-Api-Key: {{apiKey}}

### Who am I (the server echoes the key it was sent)
# @name whoami
GET {{base}}/whoami?token={{apiKey}}&page=1
Authorization: Bearer {{apiKey}}

### Not named: not in the baseline
GET {{base}}/documents/42
`;

describe('http-conflicts run --baseline', () => {
  let api: LoopbackServer;
  let dir: string;
  let baseline: string;
  let doc: { id: number; title: string; tags: string[]; updatedAt: string };
  let reads = 0;

  before(function () {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first`);
  });
  beforeEach(async () => {
    reads = 0;
    doc = { id: 42, title: 'Quarterly report', tags: ['finance'], updatedAt: '2026-01-01T10:00:00Z' };
    api = await startLoopbackServer((request): LoopbackReply => {
      if (request.path === '/documents/42') {
        reads++;
        // Every read is stamped anew and gets its own request id: noise, never a change.
        return {
          status: 200,
          headers: { 'X-Request-Id': `req-${reads}`, ETag: `"v${reads}"`, 'Cache-Control': 'no-cache' },
          body: { ...doc, updatedAt: `2026-01-01T10:00:0${reads % 10}Z` },
        };
      }
      if (request.path === '/whoami') {
        const key = String(request.headers['x-api-key'] ?? request.query.get('token') ?? '');
        return {
          status: 200,
          headers: { 'X-Echo-Key': key, 'Set-Cookie': `sid=${key}-session; HttpOnly` },
          body: { user: 'ana', sentKey: key, access_token: `tok-${reads}-fresh-${key}` },
        };
      }
      return { status: 404, body: { error: 'not found' } };
    });
    dir = mkdtempSync(join(tmpdir(), 'cli-baseline-'));
    baseline = join(dir, 'baseline');
    writeFileSync(join(dir, 'api.http'), httpFile(api.url));
    writeFileSync(join(dir, 'http-client.env.json'), JSON.stringify({ ci: { apiKey: 'placeholder' } }));
    writeFileSync(join(dir, 'http-client.private.env.json'), JSON.stringify({ ci: { apiKey: secret } }));
  });
  afterEach(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const base = (...extra: string[]) => [
    'run',
    'api.http',
    '--env',
    'ci',
    '--snapshots',
    join(dir, 'snaps'),
    '--baseline',
    baseline,
    ...extra,
  ];

  it('stores the named requests first, then names the changed field and not the timestamp', async () => {
    const first = await run(base(), dir);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.deepEqual(readdirSync(baseline).sort(), ['doc.json', 'whoami.json']);
    assert.match(first.stdout, /baseline stored in .*doc\.json/);
    assert.match(first.stdout, /1 request without a # @name is not in the baseline/);

    doc.title = 'Quarterly report (final)';
    const second = await run(base('--ignore', '$.updatedAt'), dir);
    assert.equal(second.code, 0, 'without --fail-on-change a change is reported, not failed');
    assert.match(second.stdout, /1 field changed: \/title/);
    assert.match(second.stdout, /~ \/title: "Quarterly report" → "Quarterly report \(final\)"/);
    assert.doesNotMatch(second.stdout, /updatedAt|X-Request-Id|etag/i);
    assert.match(second.stdout, /Baseline .*: 1 changed, 1 unchanged/);
  });

  it('names the timestamp too when it is not ignored, and carries the changes in --json', async () => {
    await run(base(), dir);
    doc.tags = ['finance', 'q3'];
    const { code, stdout } = await run(base('--json'), dir);
    assert.equal(code, 0);
    const out = JSON.parse(stdout) as {
      results: Array<{
        name: string | null;
        baseline?: {
          state: string;
          summary: string;
          body: { kind: string; fields: Array<{ kind: string; path: string; old?: string; new?: string }> };
        };
      }>;
    };
    const docResult = out.results.find((r) => r.name === 'doc');
    assert.equal(docResult?.baseline?.state, 'changed');
    assert.deepEqual(docResult?.baseline?.body.fields, [
      { kind: 'added', path: '/tags/1', new: '"q3"' },
      { kind: 'changed', path: '/updatedAt', old: '"2026-01-01T10:00:01Z"', new: '"2026-01-01T10:00:03Z"' },
    ]);
    assert.equal(out.results.find((r) => r.name === 'whoami')?.baseline?.state, 'unchanged');
    assert.equal(out.results.find((r) => r.name === null)?.baseline, undefined);
  });

  it('--fail-on-change exits 0 when nothing changed and 1 when something did', async () => {
    await run(base(), dir);
    const same = await run(base('--fail-on-change', '--ignore', '$.updatedAt'), dir);
    assert.equal(same.code, 0, same.stdout + same.stderr);
    assert.match(same.stdout, /Baseline .*: 2 unchanged/);
    doc.title = 'Changed';
    const changed = await run(base('--fail-on-change', '--ignore', '$.updatedAt'), dir);
    assert.equal(changed.code, 1, changed.stdout);
  });

  it('--update-baseline accepts the new responses: the next run sees no change', async () => {
    await run(base(), dir);
    doc.title = 'Changed';
    const update = await run(base('--update-baseline', '--ignore', '$.updatedAt'), dir);
    assert.equal(update.code, 0);
    assert.match(update.stdout, /baseline updated: 1 field changed: \/title/);
    assert.equal(JSON.parse(JSON.parse(readFileSync(join(baseline, 'doc.json'), 'utf8')).bodyText).title, 'Changed');
    const after = await run(base('--fail-on-change', '--ignore', '$.updatedAt'), dir);
    assert.equal(after.code, 0, after.stdout);
  });

  it('never writes a secret from the private env file into the baseline, and keeps the files private', async () => {
    await run(base(), dir);
    await run(base('--update-baseline'), dir);
    for (const name of readdirSync(baseline)) {
      const text = readFileSync(join(baseline, name), 'utf8');
      assert.ok(
        !text.includes(secret) && !text.includes(encodeURIComponent(secret)),
        `${name} holds the secret: ${text}`,
      );
      assert.ok(!/tok-\d+-fresh/.test(text), `${name} holds a token from the response body`);
      assert.equal(statSync(join(baseline, name)).mode & 0o777, 0o600, name);
    }
    assert.equal(statSync(baseline).mode & 0o777, 0o700);
    const whoami = JSON.parse(readFileSync(join(baseline, 'whoami.json'), 'utf8')) as { url: string; bodyText: string };
    assert.match(whoami.url, /page=1/);
    assert.equal(JSON.parse(whoami.bodyText).user, 'ana');
  });

  it('refuses an --ignore path outside the supported subset, and the companions without --baseline', async () => {
    const bad = await run(base('--ignore', '$..updatedAt'), dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /recursive descent/);
    const alone = await run(['run', 'api.http', '--fail-on-change'], dir);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /need --baseline DIR/);
  });

  it('says a body too big to keep is compared by digest only', async () => {
    doc.title = 'x'.repeat(1200 * 1024);
    const first = await run(base(), dir);
    assert.match(first.stdout, /body not kept: the body is 1\.2 MB, over the 1\.0 MB a baseline keeps/);
    const second = await run(base(), dir);
    assert.match(second.stdout, /body not compared field by field: .*over the 1\.0 MB a baseline keeps — it changed/);
  });
});
