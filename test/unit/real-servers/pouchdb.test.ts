// pouchdb-server, the CouchDB HTTP API over PouchDB (in memory): every document carries
// `_rev`; a PUT names the revision it replaces in the body, a stale or missing one is
// 409 {"error":"conflict","reason":"Document update conflict"}.
import { strict as assert } from 'node:assert';
import type { RealServer } from '../../fixtures/real-servers/real-server-process';
import { startPouchdbServer } from '../../fixtures/real-servers/pouchdb-server';
import type { Workspace } from './real-cli';
import { read, results, shown, workspace, write } from './real-cli';

interface Doc {
  _id: string;
  _rev: string;
  title: string;
  tags: string[];
  owner: string;
}

describe('real server: pouchdb-server (CouchDB _rev)', function () {
  this.timeout(120_000);
  let server: RealServer;
  let ws: Workspace;
  let n = 0;
  const json = { 'content-type': 'application/json', accept: 'application/json' };

  before(async () => {
    server = await startPouchdbServer();
    ws = workspace('pouchdb');
    assert.equal(await write('PUT', `${server.url}/docs`, '', json), 201, 'the database was created');
  });
  after(async () => {
    ws?.remove();
    await server?.close();
  });

  async function doc(): Promise<string> {
    n += 1;
    const url = `${server.url}/docs/doc${n}`;
    assert.equal(
      await write('PUT', url, JSON.stringify({ title: 'Quarterly report', tags: ['finance'], owner: 'ana' }), json),
      201,
    );
    return url;
  }

  async function current(url: string): Promise<Doc> {
    const got = await read(url, { accept: 'application/json' });
    assert.equal(got.status, 200);
    return JSON.parse(got.text) as Doc;
  }

  const file = (url: string, title: string, options: { other?: string; rev?: boolean } = {}) => `@doc = ${url}

### Read
# @name doc
GET {{doc}}
Accept: application/json
${
  options.other
    ? `
### Someone else writes meanwhile, from the same read
PUT {{doc}}
Content-Type: application/json
Accept: application/json

{ "_rev": "{{doc.response.body.$._rev}}", ${options.other} }
`
    : ''
}
### Write
# @name update
PUT {{doc}}
Content-Type: application/json
Accept: application/json

{
${options.rev === false ? '' : '  "_rev": "{{doc.response.body.$._rev}}",\n'}  "title": "${title}",
  "tags": ["finance"],
  "owner": "ana"
}
`;

  it('probe: a PUT naming _rev is protected, twice in a row', async () => {
    const url = await doc();
    const name = ws.write('probe.http', file(url, 'Probed'));
    for (const round of [1, 2]) {
      const { run, result } = await ws.probe(`${name}#update`);
      assert.equal(run.code, 0, `round ${round}: ${shown(run)}`);
      assert.deepEqual(
        [result.verdict, result.accepted, result.rejected, result.dialect],
        ['protected', 1, 3, 'couchdb'],
        result.summary,
      );
      assert.deepEqual(result.statuses.slice().sort(), [201, 409, 409, 409]);
      assert.equal(result.requiresPrecondition, true, 'the copy without _rev was refused too');
    }
  });

  it('probe: a PUT without _rev is refused every time — CouchDB has no unprotected PUT (exit 0, protected)', async () => {
    const url = await doc();
    const before = await current(url);
    const name = ws.write('naive.http', file(url, 'Blind', { rev: false }));
    const check = await ws.run(['check', name]);
    assert.equal(check.code, 1, 'check still flags the write: it names no version');
    const { run, result } = await ws.probe(`${name}#update`);
    assert.equal(run.code, 0, shown(run));
    assert.deepEqual(
      [result.verdict, result.accepted, result.rejected, result.requiresPrecondition],
      ['protected', 0, 4, true],
      result.summary,
    );
    assert.match(result.summary, /refused all 4 writes because they named no version/);
    assert.equal((await current(url))._rev, before._rev, 'nothing was written');
  });

  it("rebase: the other writer's tag and our title both land, with the fresh _rev (exit 0)", async () => {
    const url = await doc();
    const name = ws.write(
      'rebase.http',
      file(url, 'Updated Title', { other: '"title": "Quarterly report", "tags": ["finance", "q3"], "owner": "ana"' }),
    );
    const run = await ws.rebase(name);
    assert.equal(run.code, 0, shown(run));
    assert.match(run.stdout, /✘ 409 Conflict {2}PUT /);
    assert.match(run.stdout, /Rebased onto the current version and resent: 201/);
    assert.match(run.stdout, /resent with body _rev: 2-[0-9a-f]+ \(was 1-[0-9a-f]+\)/);
    const now = await current(url);
    assert.deepEqual([now.title, now.tags, now.owner], ['Updated Title', ['finance', 'q3'], 'ana']);
    assert.match(now._rev, /^3-/);
  });

  it("a same-field clash exits 1 and leaves the document at the other writer's revision", async () => {
    const url = await doc();
    const name = ws.write(
      'clash.http',
      file(url, 'My title', { other: '"title": "Their title", "tags": ["finance"], "owner": "ana"' }),
    );
    const run = await ws.rebase(name, ['--json']);
    assert.equal(run.code, 1, shown(run));
    const [, theirs, mine] = results(run);
    assert.equal(mine.rebase?.outcome, 'conflicts-remain', mine.rebase?.message);
    const now = await current(url);
    assert.equal(now.title, 'Their title');
    assert.equal(
      now._rev,
      (JSON.parse(theirs.response?.body ?? '{}') as { rev?: string }).rev,
      'still the revision the other writer made',
    );
  });
});
