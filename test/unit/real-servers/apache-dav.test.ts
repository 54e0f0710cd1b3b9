// Apache httpd 2.4 with mod_dav_fs, stock ETag settings: ETags of size and mtime, weak for a
// file changed within the last second, and If-Match compared strongly (a weak tag never
// matches). The tests wait out that second where they need a strong tag, as a user would.
import { strict as assert } from 'node:assert';
import type { RealServer } from '../../fixtures/real-servers/real-server-process';
import { startApacheDav } from '../../fixtures/real-servers/apache-dav-server';
import type { Workspace } from './real-cli';
import { read, results, shown, workspace, write } from './real-cli';

const lines = (...changes: Array<[number, string]>) => {
  const text = [
    'Minutes of the planning meeting',
    'Present: ana, bo',
    'Budget: unchanged',
    'Hiring: two roles',
    'Next meeting: Monday',
    '',
  ];
  for (const [i, line] of changes) text[i] = line;
  return text.join('\n');
};

/** Apache marks an ETag weak while the file is less than a second old. */
const strongTagAge = () => new Promise((r) => setTimeout(r, 1100));
// Starts a case at the top of a wall-clock second. The rebase case needs the other writer's
// change and our resend in the same second: mod_dav tags a file changed in the current second
// weakly, and once the second is over it refuses If-Unmodified-Since naming that second (the
// resend would then need a fresh, strong tag — rounds 100–300 ms apart do not wait for one).
const topOfSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 10));

describe('real server: Apache httpd mod_dav (WebDAV)', function () {
  this.timeout(120_000);
  let server: RealServer;
  let ws: Workspace;
  let n = 0;

  before(async () => {
    server = await startApacheDav();
    ws = workspace('apache');
  });
  after(async () => {
    ws?.remove();
    await server?.close();
  });

  async function note(): Promise<string> {
    n += 1;
    const url = `${server.url}/note${n}.txt`;
    assert.equal(await write('PUT', url, lines(), { 'content-type': 'text/plain' }), 201);
    await strongTagAge();
    return url;
  }

  const file = (url: string, body: string, options: { other?: string; precondition?: boolean } = {}) => `@note = ${url}

### Read
# @name note
GET {{note}}
${
  options.other
    ? `
### Someone else edits it meanwhile
PUT {{note}}
Content-Type: text/plain

${options.other}`
    : ''
}
### Write
# @name update
PUT {{note}}
Content-Type: text/plain
${options.precondition === false ? '' : 'If-Match: {{note.response.headers.ETag}}\n'}
${body}`;

  it('probe: a PUT with If-Match is protected, twice in a row (a second apart)', async () => {
    const url = await note();
    const name = ws.write('probe.http', file(url, lines([2, 'Budget: {{$guid}}'])));
    for (const round of [1, 2]) {
      const { run, result } = await ws.probe(`${name}#update`);
      assert.equal(run.code, 0, `round ${round}: ${shown(run)}`);
      assert.deepEqual([result.verdict, result.accepted, result.rejected], ['protected', 1, 3], result.summary);
      assert.deepEqual(result.statuses.slice().sort(), [204, 412, 412, 412]);
      assert.equal(result.requiresPrecondition, false);
      await strongTagAge();
    }
  });

  it('probe: right after a change the tag is weak, and the verdict says why nothing matched (exit 3)', async () => {
    const url = await note();
    assert.equal(await write('PUT', url, lines([3, 'Hiring: one role'])), 204);
    const name = ws.write('weak.http', file(url, lines([2, 'Budget: {{$guid}}'])));
    const { run, result } = await ws.probe(`${name}#update`);
    assert.equal(run.code, 3, shown(run));
    assert.deepEqual([result.verdict, result.accepted, result.rejected], ['inconclusive', 0, 4]);
    assert.match(result.summary, /weak ETag in If-Match \(W\/"[^"]+"\), and this server compares If-Match strongly/);
  });

  it('probe: a PUT without If-Match loses updates (exit 1)', async () => {
    const url = await note();
    const name = ws.write('naive.http', file(url, lines([2, 'Budget: {{$guid}}']), { precondition: false }));
    const { run, result } = await ws.probe(`${name}#update`);
    assert.equal(run.code, 1, shown(run));
    assert.deepEqual([result.verdict, result.accepted], ['lost-updates', 4]);
  });

  it('rebase: both lines land; the fresh weak ETag is replaced by If-Unmodified-Since, and the output says so (exit 0)', async () => {
    const url = await note();
    const name = ws.write(
      'rebase.http',
      file(url, lines([4, 'Next meeting: Tuesday']), { other: lines([1, 'Present: ana, bo, cy']) }),
    );
    await topOfSecond();
    const run = await ws.rebase(name);
    assert.equal(run.code, 0, shown(run));
    assert.match(run.stdout, /✘ 412 Precondition Failed {2}PUT /);
    assert.match(run.stdout, /Rebased onto the current version and resent: 204/);
    assert.match(
      run.stdout,
      /resent with If-Unmodified-Since: \w{3}, \d\d \w{3} \d{4} [\d:]{8} GMT instead of If-Match — the current ETag W\/"[^"]+" is weak, and If-Match compares strongly/,
    );
    // A .http body ends at its last line: the final newline is not part of it.
    assert.equal((await read(url)).text, lines([1, 'Present: ana, bo, cy'], [4, 'Next meeting: Tuesday']).trimEnd());
  });

  it('a same-line clash exits 1 and leaves the file as the other writer left it', async () => {
    const url = await note();
    const name = ws.write('clash.http', file(url, lines([2, 'Budget: cut']), { other: lines([2, 'Budget: doubled']) }));
    const run = await ws.rebase(name, ['--json']);
    assert.equal(run.code, 1, shown(run));
    assert.equal(results(run)[2].rebase?.outcome, 'conflicts-remain');
    assert.equal((await read(url)).text, lines([2, 'Budget: doubled']).trimEnd());
  });

  it('a 409 for a PUT into a missing collection is not called a version change', async () => {
    const name = ws.write(
      'missing.http',
      `PUT ${server.url}/no/such/folder/note.txt\nContent-Type: text/plain\n\nhello\n`,
    );
    const run = await ws.run(['send', name, '--fail-on-status']);
    assert.equal(run.code, 1, shown(run));
    assert.match(run.stdout, /✘ 409 Conflict/);
    assert.match(run.stdout, /nothing shows a version changed: the request named no version and the answer names none/);
    assert.match(run.stdout, /a parent collection of the target does not exist \(RFC 4918 §9\.7\.1\)/);
    assert.doesNotMatch(run.stdout, /changed on the server since you fetched it/);
  });
});
