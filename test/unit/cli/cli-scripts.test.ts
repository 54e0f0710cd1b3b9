// Scripts and assertions through the built CLI against a small login API on 127.0.0.1: the
// login handler's token is used by the requests after it, tests print ✔/✘ under their
// request, a failed test exits 1, --junit writes well-formed JUnit XML, --no-scripts runs none.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root';
import { startLoopbackServer } from '../../fixtures/servers/loopback-server';
import type { LoopbackServer } from '../../fixtures/servers/loopback-server';

const cli = join(repoRoot(), 'dist', 'cli.js');

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

function loginApi(): Promise<LoopbackServer> {
  return startLoopbackServer((request) => {
    if (request.path === '/login') return { status: 200, body: { token: 'tok-7f3a' } };
    if (request.headers.authorization !== 'Bearer tok-7f3a') return { status: 401, body: { error: 'no token' } };
    if (request.path === '/items' && request.method === 'POST') return { status: 201, body: { id: 42, name: 'pen' } };
    return { status: 200, body: { items: [{ id: 42 }] } };
  });
}

const passingFile = (base: string) => `@base = ${base}

### Log in
POST {{base}}/login

> {%
  client.global.set("token", response.body.token);
  client.test("login succeeds", function () {
    client.assert(response.status === 200, "login failed");
  });
%}

### Create an item with the token
POST {{base}}/items
Authorization: Bearer {{token}}
Content-Type: application/json

{ "name": "pen" }

?? status == 201
?? header content-type includes json
?? js response.parsedBody.id == 42

### List items
GET {{base}}/items
Authorization: Bearer {{token}}

> ./check-items.js
`;

const failingFile = (base: string) => `### Log in
POST ${base}/login

> {%
  client.test("token is long", function () {
    client.assert(response.body.token.length > 100, "token too short");
  });
  client.assert(response.status === 500, "expected <500> & \\"quoted\\"");
%}

### Loops forever
GET ${base}/items

> {%
  while (true) {}
%}

### Throws
GET ${base}/items

> {% null.boom; %}

?? status == 418
`;

describe('http-conflicts CLI: scripts and assertions', () => {
  let api: LoopbackServer;
  let dir: string;
  before(function () {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first`);
  });
  beforeEach(async () => {
    api = await loginApi();
    dir = mkdtempSync(join(tmpdir(), 'cli-scripts-'));
    writeFileSync(join(dir, 'pass.http'), passingFile(api.url));
    writeFileSync(join(dir, 'fail.http'), failingFile(api.url));
    writeFileSync(
      join(dir, 'check-items.js'),
      'client.test("lists the item", () => { client.assert(response.body.items[0].id === 42, "missing"); });\n',
    );
  });
  afterEach(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uses the token a login handler sets and passes every test', async () => {
    const { code, stdout } = await run(['run', 'pass.http', '--snapshots', join(dir, 'snaps')], dir);
    assert.equal(code, 0, stdout);
    for (const name of [
      'login succeeds',
      'status == 201',
      'content-type includes json',
      'response.parsedBody.id == 42',
      'lists the item',
    ]) {
      assert.match(stdout, new RegExp(`  ✔ ${name.replace(/[.*+?()]/g, '\\$&')}`));
    }
    assert.deepEqual(
      api.exchanges.map((e) => e.status),
      [200, 201, 200],
    );
  });

  it('reports failing tests, a loop and a throw, and exits 1', async () => {
    const { code, stdout } = await run(['run', 'fail.http', '--snapshots', join(dir, 'snaps')], dir);
    assert.equal(code, 1);
    assert.match(stdout, /✘ token is long: token too short \(line 6\)/);
    assert.match(stdout, /✘ response handler failed: expected <500> & "quoted" \(line 8\)/);
    assert.match(stdout, /✘ response handler stopped: did not finish within 1000 ms/);
    assert.match(stdout, /✘ response handler failed: Cannot read properties of null/);
    assert.match(stdout, /✘ status == 418: status \(401\) == 418 \(line 23\)/);
    assert.equal(api.exchanges.length, 3, 'a failed test does not stop the run');
  });

  it('writes JUnit XML whose counts match its test cases', async () => {
    const { code } = await run(
      ['run', 'fail.http', '--junit', 'out/report.xml', '--snapshots', join(dir, 'snaps')],
      dir,
    );
    assert.equal(code, 2, 'a folder that does not exist cannot be written');
    const second = await run(['run', 'fail.http', '--junit', 'report.xml', '--snapshots', join(dir, 'snaps')], dir);
    assert.equal(second.code, 1);
    const xml = readFileSync(join(dir, 'report.xml'), 'utf8');
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    // Well-formed: every element closes, no bare & or < inside attributes or text.
    const stack: string[] = [];
    for (const tag of xml.matchAll(/<(\/?)([A-Za-z]+)([^>]*?)(\/?)>/g)) {
      if (tag[1]) assert.equal(stack.pop(), tag[2]);
      else if (!tag[4]) stack.push(tag[2]);
      assert.doesNotMatch(tag[3], /&(?!amp;|lt;|gt;|quot;|apos;)|</);
    }
    assert.deepEqual(stack, []);
    const suites = [
      ...xml.matchAll(/<testsuite name="[^"]*" id="\d+" tests="(\d+)" failures="(\d+)"[^>]*>([\s\S]*?)<\/testsuite>/g),
    ];
    assert.equal(suites.length, 3);
    let total = 0;
    let failed = 0;
    for (const [, tests, failures, body] of suites) {
      assert.equal(Number(tests), (body.match(/<testcase /g) ?? []).length);
      assert.equal(Number(failures), (body.match(/<failure /g) ?? []).length);
      total += Number(tests);
      failed += Number(failures);
    }
    const root = /<testsuites name="fail.http" tests="(\d+)" failures="(\d+)"/.exec(xml);
    assert.deepEqual([Number(root?.[1]), Number(root?.[2])], [total, failed]);
    assert.deepEqual([total, failed], [5, 5]);
    assert.match(xml, /message="expected &lt;500&gt; &amp; &quot;quoted&quot; \(fail.http:8\)"/);
  });

  it('includes the tests in --json', async () => {
    const { code, stdout } = await run(['run', 'pass.http', '--json', '--snapshots', join(dir, 'snaps')], dir);
    assert.equal(code, 0);
    const out = JSON.parse(stdout) as { results: Array<{ tests?: Array<{ name: string; passed: boolean }> }> };
    assert.deepEqual(
      out.results.map((r) => r.tests?.map((t) => t.passed)),
      [[true], [true, true, true], [true]],
    );
    assert.equal(out.results[0].tests?.[0].name, 'login succeeds');
  });

  it('runs nothing with --no-scripts, so the token stays unresolved', async () => {
    const { code, stdout } = await run(['run', 'pass.http', '--no-scripts', '--snapshots', join(dir, 'snaps')], dir);
    assert.equal(code, 1);
    assert.match(stdout, /Variable "token" is not defined/);
    assert.doesNotMatch(stdout, /✔ login succeeds/);
  });
});
