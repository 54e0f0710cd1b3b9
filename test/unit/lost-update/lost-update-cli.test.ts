// `check`, `probe` and `--on-conflict=rebase --retries N` as a user runs them: the built
// dist/cli.js in a child process, against loopback fixture APIs, with the sample files.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root';
import type { ConflictApi } from '../../fixtures/servers/conflict-api-server';
import { startConflictApi } from '../../fixtures/servers/conflict-api-server';
import type { ContendedApi } from '../../fixtures/servers/contended-api-server';
import { startContendedApi } from '../../fixtures/servers/contended-api-server';
import type { NaiveApi } from '../../fixtures/servers/naive-api-server';
import { startNaiveApi } from '../../fixtures/servers/naive-api-server';

const cli = join(repoRoot(), 'dist', 'cli.js');
const samples = join(repoRoot(), 'test', 'fixtures', 'lost-update');

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

/** A sample file pointed at a running fixture API. */
function sample(dir: string, name: string, base: string): string {
  writeFileSync(join(dir, name), readFileSync(join(samples, name), 'utf8').replace(/^@base = .*$/m, `@base = ${base}`));
  return name;
}

/** 1-based line of the first line of a sample that starts with `prefix`. */
function lineOf(name: string, prefix: string): number {
  return (
    readFileSync(join(samples, name), 'utf8')
      .split(/\r?\n/)
      .findIndex((l) => l.startsWith(prefix)) + 1
  );
}

interface ProbeJson {
  verdict: string;
  writers: number;
  accepted: number;
  rejected: number;
  statuses: number[];
  requiresPrecondition: boolean | null;
  dialect: string | null;
  summary: string;
}

describe('http-conflicts check, probe and --retries', () => {
  let dir: string;
  before(function () {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first`);
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lost-update-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('check', () => {
    it('prints one line per unguarded write with its fix, and exits 1', async () => {
      const file = sample(dir, 'naive.http', 'http://127.0.0.1:9');
      const { code, stdout } = await run(['check', file], dir);
      assert.equal(code, 1);
      const lines = stdout.trim().split('\n');
      assert.equal(lines.length, 2, stdout);
      const [put, del] = [lineOf('naive.http', 'PUT '), lineOf('naive.http', 'DELETE ')];
      assert.ok(put > 0 && del > put);
      assert.match(
        lines[0],
        new RegExp(
          `^naive\\.http:${put}: This write can silently overwrite someone else's change: .* — fix: add If-Match: \\{\\{doc\\.response\\.headers\\.ETag\\}\\}$`,
        ),
      );
      assert.match(lines[1], new RegExp(`^naive\\.http:${del}: `));
    });

    it('exits 0 on a guarded file, and prints a JSON array with --json', async () => {
      const guarded = sample(dir, 'guarded.http', 'http://127.0.0.1:9');
      const naive = sample(dir, 'naive.http', 'http://127.0.0.1:9');
      const clean = await run(['check', guarded], dir);
      assert.equal(clean.code, 0, clean.stdout);
      const both = await run(['check', guarded, naive, '--json'], dir);
      assert.equal(both.code, 1);
      const findings = JSON.parse(both.stdout) as Array<{
        file: string;
        line: number;
        code: string;
        fix: { edits: Array<{ newText: string }> };
      }>;
      assert.deepEqual(
        findings.map((f) => [f.file, f.line, f.code]),
        [
          ['naive.http', lineOf('naive.http', 'PUT '), 'unguarded-write'],
          ['naive.http', lineOf('naive.http', 'DELETE '), 'unguarded-write'],
        ],
      );
      assert.equal(findings[0].fix.edits[0].newText, '\nIf-Match: {{doc.response.headers.ETag}}');
    });
  });

  describe('probe', () => {
    let naive: NaiveApi;
    let etag: ConflictApi;
    beforeEach(async () => {
      naive = await startNaiveApi();
      etag = await startConflictApi();
    });
    afterEach(async () => {
      await naive.close();
      await etag.close();
    });

    it('finds lost updates on the naive API: exit 1, every write accepted', async () => {
      const file = sample(dir, 'naive.http', naive.url);
      const { code, stdout } = await run(['probe', `${file}#update`, '--writers', '4', '--json'], dir);
      assert.equal(code, 1, stdout);
      const result = JSON.parse(stdout) as ProbeJson;
      assert.equal(result.verdict, 'lost-updates');
      assert.equal(result.writers, 4);
      assert.equal(result.accepted, 4);
      assert.equal(naive.acceptedWrites, 4);
      assert.equal(result.requiresPrecondition, false);
    });

    it('finds the guarded API protected: exit 0, one accepted, the rest refused', async () => {
      const file = sample(dir, 'guarded.http', etag.url);
      const { code, stdout } = await run(['probe', `${file}#strictUpdate`, '--json'], dir);
      assert.equal(code, 0, stdout);
      const result = JSON.parse(stdout) as ProbeJson;
      assert.deepEqual([result.verdict, result.writers, result.accepted, result.rejected], ['protected', 5, 1, 4]);
      assert.equal(result.requiresPrecondition, true);
      assert.equal(result.dialect, 'http-validators');
      const human = await run(['probe', `${file}#update`, '--writers', '3'], dir);
      assert.equal(human.code, 0, human.stdout);
      assert.match(human.stdout, /verdict: protected \(1 accepted, 2 refused\)/);
      assert.match(human.stdout, /requires a precondition: no/);
    });

    it('exits 3 when the result is inconclusive, and 2 without a write to probe', async () => {
      const down = sample(dir, 'naive.http', 'http://127.0.0.1:1');
      const { code, stdout } = await run(['probe', `${down}#update`, '--writers', '2'], dir);
      assert.equal(code, 3, stdout);
      assert.match(stdout, /verdict: inconclusive/);
      assert.equal((await run(['probe', down], dir)).code, 2);
    });
  });

  describe('--on-conflict=rebase --retries', () => {
    let api: ContendedApi;
    beforeEach(async () => {
      api = await startContendedApi({ contendedWrites: 3 });
      writeFileSync(
        join(dir, 'contended.http'),
        `@base = ${api.url}

### Read
# @name doc
GET {{base}}/documents/42

### Change the title
# @name update
PUT {{base}}/documents/42
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

{
  "id": 42,
  "title": "Updated Title",
  "tags": ["finance"],
  "owner": "ana"
}
`,
      );
    });
    afterEach(() => api.close());
    const puts = () => api.exchanges.filter((e) => e.method === 'PUT');

    it("--retries 3 lands against three interleaved changes, with both sides' changes on the server", async () => {
      const { code, stdout } = await run(
        ['run', 'contended.http', '--on-conflict=rebase', '--retries', '3', '--snapshots', join(dir, 'snaps')],
        dir,
      );
      assert.equal(code, 0, stdout);
      assert.match(stdout, /round 3 \(after \d+ ms\):\n {2}→ Rebased onto the current version and resent: 200/);
      const doc = api.document();
      assert.equal(doc.title, 'Updated Title');
      assert.deepEqual(
        api.otherChanges.map(([field]) => doc[field] !== undefined),
        [true, true, true],
      );
      assert.deepEqual(
        puts().map((e) => e.status),
        [412, 412, 412, 200],
      );
      assert.ok(
        puts().every((e) => typeof e.headers['if-match'] === 'string'),
        'nothing was sent without If-Match',
      );
    });

    it('--retries 1 gives up with a non-zero exit, reports the round and writes nothing', async () => {
      const { code, stdout } = await run(
        [
          'run',
          'contended.http',
          '--on-conflict=rebase',
          '--retries',
          '1',
          '--snapshots',
          join(dir, 'snaps'),
          '--json',
        ],
        dir,
      );
      assert.equal(code, 1, stdout);
      const out = JSON.parse(stdout) as {
        results: Array<{ rebase?: { outcome: string; rounds: Array<{ outcome: string }> } }>;
      };
      assert.equal(out.results[1].rebase?.outcome, 'retries-exhausted');
      assert.deepEqual(
        out.results[1].rebase?.rounds.map((r) => r.outcome),
        ['conflict-again'],
      );
      assert.deepEqual(
        puts().map((e) => e.status),
        [412, 412],
        'only the refused attempts',
      );
      assert.ok(puts().every((e) => typeof e.headers['if-match'] === 'string'));
      assert.equal(api.document().title, 'Quarterly report');
    });
  });
});
