// The CLI refuses the resends the one resend policy refuses (test/unit/conflict/
// resend-policy.test.ts) — a weak ETag where If-Match compares strongly, a current version
// without a token, an undecided merge conflict — exits 1, and sends nothing after the refusal.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root';
import type { LoopbackServer } from '../../fixtures/servers/loopback-server';
import type { TaggedVersions } from '../../fixtures/servers/tagged-document-server';
import { startTaggedDocumentServer, taggedWriteFile } from '../../fixtures/servers/tagged-document-server';

const cli = join(repoRoot(), 'dist', 'cli.js');

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

describe('http-conflicts run --on-conflict=rebase refuses what the resend policy refuses', function () {
  this.timeout(40_000);
  let server: LoopbackServer | undefined;
  let dir: string;
  before(function () {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first`);
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'resend-policy-cli-'));
  });
  afterEach(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function scenario(versions: TaggedVersions, other: object, mine: object) {
    server = await startTaggedDocumentServer(versions);
    writeFileSync(join(dir, 'write.http'), taggedWriteFile(server.url, other, mine));
    const outcome = await run(['run', 'write.http', '--on-conflict=rebase', '--snapshots', join(dir, 'snaps')], dir);
    const puts = server.exchanges.filter((e) => e.method === 'PUT');
    return { ...outcome, puts };
  }

  function refusedOnce(
    outcome: { code: number; stdout: string; stderr: string; puts: readonly unknown[] },
    reason: RegExp,
  ): void {
    assert.equal(outcome.code, 1, outcome.stdout + outcome.stderr);
    assert.equal(outcome.puts.length, 1, 'only the write that conflicted went out: no resend');
    assert.match(outcome.stdout + outcome.stderr, reason);
  }

  it('a weak ETag where If-Match compares strongly', async () => {
    const outcome = await scenario(
      { etag: (n) => `W/"${n}"` },
      { owner: 'ben' },
      { id: 1, title: 'Final', owner: 'ana' },
    );
    refusedOnce(outcome, /weak ETag/);
  });

  it('a current version without a token', async () => {
    // The first read has one (so a base snapshot exists); the current version has none.
    const outcome = await scenario(
      { etag: (n) => (n === 1 ? '"1"' : undefined) },
      { owner: 'ben' },
      { id: 1, title: 'Final', owner: 'ana' },
    );
    refusedOnce(outcome, /token is unknown|no precondition/);
  });

  it('an undecided merge conflict', async () => {
    const outcome = await scenario(
      { etag: (n) => `"${n}"` },
      { title: 'Theirs' },
      { id: 1, title: 'Mine', owner: 'ana' },
    );
    refusedOnce(outcome, /conflict.*still to resolve|still to resolve/);
  });

  it('and resends a clean merge with the strong current ETag (the control case)', async () => {
    const outcome = await scenario(
      { etag: (n) => `"${n}"` },
      { owner: 'ben' },
      { id: 1, title: 'Final', owner: 'ana' },
    );
    assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
    assert.equal(outcome.puts.length, 2);
  });
});
