// The Community Solid Server (default configuration: resources in memory, root open to the
// public): strong ETags of modification time and content type, If-Match honoured on PUT
// (stale → 412), a PUT without it replaces the resource.
import { strict as assert } from 'node:assert';
import type { RealServer } from '../../fixtures/real-servers/real-server-process';
import { startSolidServer } from '../../fixtures/real-servers/solid-server';
import type { Workspace } from './real-cli';
import { headerOf, read, results, shown, workspace, write } from './real-cli';

interface Note {
  title: string;
  tags: string[];
  owner: string;
}

describe('real server: Community Solid Server', function () {
  this.timeout(180_000);
  let server: RealServer;
  let ws: Workspace;
  let n = 0;
  const original: Note = { title: 'Quarterly report', tags: ['finance'], owner: 'ana' };

  before(async () => {
    server = await startSolidServer();
    ws = workspace('solid');
  });
  after(async () => {
    ws?.remove();
    await server?.close();
  });

  async function resource(): Promise<string> {
    n += 1;
    const url = `${server.url}/notes/note${n}.json`;
    assert.equal(
      await write('PUT', url, JSON.stringify(original, null, 2), { 'content-type': 'application/json' }),
      201,
    );
    return url;
  }

  const file = (url: string, title: string, options: { other?: Note; precondition?: boolean } = {}) => `@note = ${url}

### Read
# @name note
GET {{note}}
Accept: application/json
${
  options.other
    ? `
### Someone else edits it meanwhile
PUT {{note}}
Content-Type: application/json

${JSON.stringify(options.other, null, 2)}
`
    : ''
}
### Write
# @name update
PUT {{note}}
Content-Type: application/json
${options.precondition === false ? '' : 'If-Match: {{note.response.headers.ETag}}\n'}
{
  "title": "${title}",
  "tags": ["finance"],
  "owner": "ana"
}
`;

  it('probe: a PUT with If-Match is protected, twice in a row', async () => {
    const url = await resource();
    const name = ws.write('probe.http', file(url, 'Probed'));
    for (const round of [1, 2]) {
      const { run, result } = await ws.probe(`${name}#update`);
      assert.equal(run.code, 0, `round ${round}: ${shown(run)}`);
      assert.deepEqual([result.verdict, result.accepted, result.rejected], ['protected', 1, 3], result.summary);
      assert.deepEqual(result.statuses.slice().sort(), [205, 412, 412, 412]);
      assert.equal(result.requiresPrecondition, false);
    }
  });

  it('probe: a PUT without If-Match loses updates (exit 1)', async () => {
    const url = await resource();
    const name = ws.write('naive.http', file(url, 'Blind', { precondition: false }));
    const { run, result } = await ws.probe(`${name}#update`);
    assert.equal(run.code, 1, shown(run));
    assert.deepEqual([result.verdict, result.accepted], ['lost-updates', 4]);
  });

  it("rebase: the other writer's tag and our title both land (exit 0)", async () => {
    const url = await resource();
    const name = ws.write(
      'rebase.http',
      file(url, 'Updated Title', { other: { ...original, tags: ['finance', 'q3'] } }),
    );
    const run = await ws.rebase(name);
    assert.equal(run.code, 0, shown(run));
    assert.match(run.stdout, /✘ 412 Precondition Failed {2}PUT /);
    assert.match(run.stdout, /Rebased onto the current version and resent: 205/);
    assert.match(run.stdout, /resent with If-Match: "\d+-application\/json" \(was "\d+-application\/json"\)/);
    assert.deepEqual(JSON.parse((await read(url)).text), {
      title: 'Updated Title',
      tags: ['finance', 'q3'],
      owner: 'ana',
    });
  });

  it('a same-field clash exits 1 and leaves the resource as the other writer left it', async () => {
    const url = await resource();
    const name = ws.write('clash.http', file(url, 'My title', { other: { ...original, title: 'Their title' } }));
    const run = await ws.rebase(name, ['--json']);
    assert.equal(run.code, 1, shown(run));
    const [read1, other, mine] = results(run);
    assert.equal(mine.rebase?.outcome, 'conflicts-remain', mine.rebase?.message);
    assert.equal(other.response?.status, 205, 'the other writer did write');
    const now = await read(url);
    assert.notEqual(now.etag, headerOf(read1, 'etag'));
    // The server answers a PUT without an ETag, so the check is on the content: ours never landed.
    assert.deepEqual(JSON.parse(now.text), { ...original, title: 'Their title' });
  });
});
