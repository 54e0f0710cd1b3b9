// The CLI's text output (not only --json) says which precondition a resend carries and why it
// changed: against the fixture API's weak-ETag resource (If-Match compared strongly, so a weak
// tag never matches, as Apache does), the rebase resends with If-Unmodified-Since and says so.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root';
import type { ConflictApi } from '../../fixtures/servers/conflict-api-server';
import { startConflictApi } from '../../fixtures/servers/conflict-api-server';

const cli = join(repoRoot(), 'dist', 'cli.js');

const weakFile = (base: string) => `### Read the document
# @name doc
GET ${base}/etag/weak/documents/42

### Someone else changes the owner meanwhile
POST ${base}/__control/other-writer?path=/etag/weak/documents/42
Content-Type: application/json

{ "owner": "ben" }

### Change its title
PUT ${base}/etag/weak/documents/42
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

{
  "id": 42,
  "title": "Updated Title",
  "tags": ["finance"],
  "owner": "ana"
}
`;

describe('CLI text output: the precondition a resend carries', () => {
  let api: ConflictApi;
  let dir: string;
  before(function () {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first`);
  });
  beforeEach(async () => {
    api = await startConflictApi();
    dir = mkdtempSync(join(tmpdir(), 'resend-pre-'));
  });
  afterEach(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the switch from If-Match to If-Unmodified-Since and why, in the text output', async () => {
    writeFileSync(join(dir, 'weak.http'), weakFile(api.url));
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((done) => {
      execFile(
        process.execPath,
        [cli, 'run', 'weak.http', '--on-conflict=rebase', '--snapshots', join(dir, 's')],
        { cwd: dir, timeout: 30_000 },
        (error, out) => {
          done({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout: out });
        },
      );
    });
    assert.equal(code, 0, stdout);
    assert.match(
      stdout,
      /^ {2}resent with If-Unmodified-Since: \w{3}, \d\d \w{3} \d{4} [\d:]{8} GMT instead of If-Match — the current ETag W\/"[^"]+" is weak/m,
    );
    assert.deepEqual(api.state('/etag/weak/documents/42')?.document, {
      id: 42,
      title: 'Updated Title',
      tags: ['finance'],
      owner: 'ben',
    });
  });
});
