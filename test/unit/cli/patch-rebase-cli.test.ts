// `run --on-conflict=rebase` end to end against a strict ETag server that applies RFC 7396
// and RFC 6902, with another writer changing the resource between the read and the write.
// Each case either lands both writers' changes with exactly one accepted write, or exits
// non-zero with nothing written.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root';
import type { PatchApi } from '../../fixtures/servers/patch-api-server';
import { startPatchApi } from '../../fixtures/servers/patch-api-server';

const cli = join(repoRoot(), 'dist', 'cli.js');

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

const DOC = '/docs/1';
const TASK = "/tables/Tasks(PartitionKey='p',RowKey='r')";
const doc = {
  id: 1,
  title: 'Quarterly report',
  owner: 'ana',
  tags: ['finance'],
  meta: { author: 'ana', lang: 'en' },
  lines: [
    { sku: 'A1', qty: 1 },
    { sku: 'B2', qty: 1 },
    { sku: 'C3', qty: 1 },
  ],
};
const task = { PartitionKey: 'p', RowKey: 'r', Title: 'Write report', Done: false, Owner: 'ana' };

interface Write {
  readonly method: string;
  readonly contentType: string;
  readonly body: unknown;
  readonly path?: string;
}

/**
 * Read (named `doc`), the other writer, then the user's write guarded by the read's ETag.
 * `racing` is a second change that lands just before the resend (the second write).
 */
function httpFile(
  base: string,
  other: { contentType: string; body: unknown },
  write: Write,
  racing?: { contentType: string; body: unknown },
): string {
  const path = write.path ?? DOC;
  const race = racing
    ? `
### Another writer races the resend
POST {{base}}/__control/other-writer?path=${path}&write=2
Content-Type: ${racing.contentType}

${JSON.stringify(racing.body, null, 2)}
`
    : '';
  return `@base = ${base}

### Read
# @name doc
GET {{base}}${path}

### Another writer changes it meanwhile
POST {{base}}/__control/other-writer?path=${path}
Content-Type: ${other.contentType}

${JSON.stringify(other.body, null, 2)}
${race}
### My write
${write.method} {{base}}${path}
If-Match: {{doc.response.headers.ETag}}
Content-Type: ${write.contentType}

${typeof write.body === 'string' ? write.body : JSON.stringify(write.body, null, 2)}
`;
}

const mergePatch = (body: unknown) => ({ contentType: 'application/merge-patch+json', body });
const jsonPatch = (body: unknown) => ({ contentType: 'application/json-patch+json', body });

describe('http-conflicts run --on-conflict=rebase with PATCH bodies', () => {
  let api: PatchApi;
  let dir: string;
  before(function () {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first`);
  });
  beforeEach(async () => {
    api = await startPatchApi({ resources: { [DOC]: doc, [TASK]: task } });
    dir = mkdtempSync(join(tmpdir(), 'patch-cli-'));
  });
  afterEach(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function scenario(
    other: { contentType: string; body: unknown },
    write: Write,
    racing?: { contentType: string; body: unknown },
  ) {
    writeFileSync(join(dir, 'write.http'), httpFile(api.url, other, write, racing));
    const result = await run(['run', 'write.http', '--on-conflict=rebase', '--snapshots', join(dir, 'snaps')], dir);
    return { ...result, state: api.document(write.path ?? DOC) as Record<string, unknown> };
  }

  /** Both writers' changes landed with one accepted write, after exactly one refusal. */
  function landed(outcome: { code: number; stdout: string; stderr: string }): void {
    assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
    assert.match(outcome.stdout, /Rebased onto the current version and resent: 200/);
    assert.equal(api.acceptedWrites.length, 1, 'exactly one write landed');
    assert.equal(api.refusedWrites(), 1, 'the stale write was refused once, and nothing else');
  }

  /** Exit 1, the server holds just the other writer's change. */
  function refused(outcome: { code: number; stdout: string }, before: unknown, path = DOC): void {
    assert.equal(outcome.code, 1, outcome.stdout);
    assert.equal(api.acceptedWrites.length, 0, 'nothing was written');
    assert.deepEqual(api.document(path), before);
  }

  describe('full PUT', () => {
    it("lands a title change beside the other writer's owner change", async () => {
      const body = { ...doc, title: 'Final report' };
      const outcome = await scenario(mergePatch({ owner: 'ben' }), {
        method: 'PUT',
        contentType: 'application/json',
        body,
      });
      landed(outcome);
      assert.deepEqual(outcome.state, { ...doc, title: 'Final report', owner: 'ben' });
    });

    it('stops with nothing written when both changed the title', async () => {
      const outcome = await scenario(mergePatch({ title: 'Theirs' }), {
        method: 'PUT',
        contentType: 'application/json',
        body: { ...doc, title: 'Mine' },
      });
      refused(outcome, { ...doc, title: 'Theirs' });
    });

    it('an Azure Table entity: a PUT that leaves out Timestamp and odata.* still rebases', async () => {
      const outcome = await scenario(mergePatch({ Owner: 'ben' }), {
        method: 'PUT',
        path: TASK,
        contentType: 'application/json',
        body: { ...task, Title: 'Final report' },
      });
      landed(outcome);
      assert.deepEqual(
        JSON.parse(api.acceptedWrites[0].bodyText),
        { ...task, Title: 'Final report', Owner: 'ben' },
        'no server-managed field was copied into the body',
      );
      assert.equal(outcome.state.Title, 'Final report');
      assert.equal(outcome.state.Owner, 'ben');
    });
  });

  describe('JSON Merge Patch', () => {
    it('disjoint fields: resends the patch as written', async () => {
      const patch = { title: 'Final report' };
      const outcome = await scenario(mergePatch({ owner: 'ben' }), {
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        body: patch,
      });
      landed(outcome);
      assert.deepEqual(JSON.parse(api.acceptedWrites[0].bodyText), patch);
      assert.deepEqual(outcome.state, { ...doc, title: 'Final report', owner: 'ben' });
    });

    it('a partial application/json PATCH is a merge patch too', async () => {
      const outcome = await scenario(mergePatch({ owner: 'ben' }), {
        method: 'PATCH',
        contentType: 'application/json',
        body: { title: 'Final report' },
      });
      landed(outcome);
      assert.deepEqual(outcome.state, { ...doc, title: 'Final report', owner: 'ben' });
    });

    it('nested: my author change and their language change both land', async () => {
      const outcome = await scenario(mergePatch({ meta: { lang: 'de' } }), {
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        body: { meta: { author: 'bob' } },
      });
      landed(outcome);
      assert.deepEqual(outcome.state.meta, { author: 'bob', lang: 'de' });
    });

    it('null removes my field while their change elsewhere stays', async () => {
      const outcome = await scenario(mergePatch({ owner: 'ben' }), {
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        body: { tags: null },
      });
      landed(outcome);
      const { tags: _tags, ...rest } = doc;
      assert.deepEqual(outcome.state, { ...rest, owner: 'ben' });
    });

    it('fields the other writer added stay theirs: never copied into my patch', async () => {
      const patch = { title: 'Final report' };
      const outcome = await scenario(mergePatch({ reviewer: 'cy', meta: { reviewed: true } }), {
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        body: patch,
      });
      landed(outcome);
      assert.deepEqual(JSON.parse(api.acceptedWrites[0].bodyText), patch);
      assert.deepEqual(outcome.state, {
        ...doc,
        title: 'Final report',
        reviewer: 'cy',
        meta: { ...doc.meta, reviewed: true },
      });
    });

    it('the same field: exits 1 with nothing written and says what each side did', async () => {
      const outcome = await scenario(mergePatch({ title: 'Theirs' }), {
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        body: { title: 'Mine' },
      });
      refused(outcome, { ...doc, title: 'Theirs' });
      assert.match(
        outcome.stdout,
        /you set \/title to "Mine"; the server changed \/title from "Quarterly report" to "Theirs"/,
      );
    });

    it('Azure Table MERGE of { "Done": true } beside another writer\'s change', async () => {
      const outcome = await scenario(mergePatch({ Owner: 'ben' }), {
        method: 'MERGE',
        path: TASK,
        contentType: 'application/json',
        body: { Done: true },
      });
      landed(outcome);
      assert.deepEqual(JSON.parse(api.acceptedWrites[0].bodyText), { Done: true });
      assert.equal(outcome.state.Done, true);
      assert.equal(outcome.state.Owner, 'ben');
    });
  });

  describe('JSON Patch', () => {
    it("disjoint operations land beside the other writer's change", async () => {
      const ops = [
        { op: 'replace', path: '/title', value: 'Final report' },
        { op: 'add', path: '/meta/reviewed', value: true },
      ];
      const outcome = await scenario(mergePatch({ owner: 'ben' }), {
        method: 'PATCH',
        contentType: 'application/json-patch+json',
        body: ops,
      });
      landed(outcome);
      assert.deepEqual(JSON.parse(api.acceptedWrites[0].bodyText), ops);
      assert.deepEqual(outcome.state, {
        ...doc,
        title: 'Final report',
        owner: 'ben',
        meta: { ...doc.meta, reviewed: true },
      });
    });

    it('a test on a field the other writer changed: exits 1, names path, expected and current', async () => {
      const ops = [
        { op: 'test', path: '/title', value: 'Quarterly report' },
        { op: 'replace', path: '/owner', value: 'me' },
      ];
      const outcome = await scenario(mergePatch({ title: 'Theirs' }), {
        method: 'PATCH',
        contentType: 'application/json-patch+json',
        body: ops,
      });
      refused(outcome, { ...doc, title: 'Theirs' });
      assert.match(outcome.stdout, /your test of \/title expects "Quarterly report"; the current version has "Theirs"/);
    });

    it("appends after the other writer's append", async () => {
      const outcome = await scenario(jsonPatch([{ op: 'add', path: '/tags/-', value: 'q3' }]), {
        method: 'PATCH',
        contentType: 'application/json-patch+json',
        body: [{ op: 'add', path: '/tags/-', value: 'mine' }],
      });
      landed(outcome);
      assert.deepEqual(outcome.state.tags, ['finance', 'q3', 'mine']);
    });

    it("an index shifted by the other writer's insert lands on the element I meant", async () => {
      const outcome = await scenario(jsonPatch([{ op: 'add', path: '/lines/0', value: { sku: 'Z0', qty: 1 } }]), {
        method: 'PATCH',
        contentType: 'application/json-patch+json',
        body: [{ op: 'replace', path: '/lines/1/qty', value: 5 }],
      });
      landed(outcome);
      assert.deepEqual(JSON.parse(api.acceptedWrites[0].bodyText), [{ op: 'replace', path: '/lines/2/qty', value: 5 }]);
      assert.deepEqual(outcome.state.lines, [
        { sku: 'Z0', qty: 1 },
        { sku: 'A1', qty: 1 },
        { sku: 'B2', qty: 5 },
        { sku: 'C3', qty: 1 },
      ]);
    });

    it("a removal shifted by the other writer's removal removes the element I meant", async () => {
      const outcome = await scenario(jsonPatch([{ op: 'remove', path: '/lines/0' }]), {
        method: 'PATCH',
        contentType: 'application/json-patch+json',
        body: [{ op: 'remove', path: '/lines/2' }],
      });
      landed(outcome);
      assert.deepEqual(outcome.state.lines, [{ sku: 'B2', qty: 1 }]);
    });

    it("under contention, the second round shifts from the first round's version, not twice from the read", async () => {
      const insert = (sku: string) => jsonPatch([{ op: 'add', path: '/lines/0', value: { sku, qty: 1 } }]);
      const outcome = await scenario(
        insert('Z0'),
        {
          method: 'PATCH',
          contentType: 'application/json-patch+json',
          body: [{ op: 'replace', path: '/lines/1/qty', value: 5 }],
        },
        insert('Y0'),
      );
      assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
      assert.match(outcome.stdout, /round 2/);
      assert.equal(api.acceptedWrites.length, 1, 'exactly one write landed');
      assert.equal(api.refusedWrites(), 2, 'the stale write and the raced resend were refused');
      assert.deepEqual(JSON.parse(api.acceptedWrites[0].bodyText), [{ op: 'replace', path: '/lines/3/qty', value: 5 }]);
      assert.deepEqual(outcome.state.lines, [
        { sku: 'Y0', qty: 1 },
        { sku: 'Z0', qty: 1 },
        { sku: 'A1', qty: 1 },
        { sku: 'B2', qty: 5 },
        { sku: 'C3', qty: 1 },
      ]);
    });

    it('an element the other writer removed: exits 1 with nothing written', async () => {
      const outcome = await scenario(jsonPatch([{ op: 'remove', path: '/lines/1' }]), {
        method: 'PATCH',
        contentType: 'application/json-patch+json',
        body: [{ op: 'replace', path: '/lines/1/qty', value: 5 }],
      });
      refused(outcome, { ...doc, lines: [doc.lines[0], doc.lines[2]] });
      assert.match(outcome.stdout, /\/lines\/1 is no longer in the current version/);
    });
  });
});
