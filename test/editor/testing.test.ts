// Issue 19 in the editor: a .http file with tests appears in the Testing view as the file and
// its requests; a run sends them through the same session as the CLI (the login handler's
// token reaches the requests after it) and the failure lands on the right request, at the
// assertion's line. A normal Send runs the handlers too, and the panel shows the tests.
// Restricted Mode cannot be switched on here (the suite's editor runs with
// --disable-workspace-trust); the gate it reads is unit-tested in test/unit/script.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PanelState } from '../../src/protocol';
import type { TestsSnapshot } from '../../src/extension/testing/http-test-controller';
import { startLoopbackServer } from '../fixtures/servers/loopback-server';
import type { LoopbackServer } from '../fixtures/servers/loopback-server';
import { extensionUnderTest, waitUntil } from './extension-under-test';
import { lineOf, openHttpFile } from './conflict-workspace';

interface TestingApi {
  panelState(): PanelState;
  tests(): TestsSnapshot;
  runTests(ids?: readonly string[]): Promise<TestsSnapshot>;
}

function loginApi(): Promise<LoopbackServer> {
  let logins = 0;
  return startLoopbackServer((request) => {
    if (request.path === '/login') return { status: 200, body: { token: `tok-${++logins}` } };
    if (!/^Bearer tok-\d+$/.test(String(request.headers.authorization)))
      return { status: 401, body: { error: 'no token' } };
    if (request.path === '/items' && request.method === 'POST') return { status: 201, body: { id: 42, name: 'pen' } };
    return { status: 200, body: { items: [{ id: 42 }] } };
  });
}

const file = (base: string) => `@base = ${base}

### Log in
POST {{base}}/login

> {%
  client.global.set("token", response.body.token);
  client.test("login succeeds", function () {
    client.assert(response.status === 200, "login failed");
  });
%}

### Create
POST {{base}}/items
Authorization: Bearer {{token}}
Content-Type: application/json

{ "name": "pen" }

?? status == 201
?? js response.parsedBody.id == 42

### List
GET {{base}}/items
Authorization: Bearer {{token}}

?? status == 200
?? js response.parsedBody.items.length > 5
`;

describe('Testing view (issue 19)', function () {
  this.timeout(60_000);
  let api: LoopbackServer;
  let ext: TestingApi;

  beforeEach(async () => {
    api = await loginApi();
    ext = (await extensionUnderTest().activate()) as TestingApi;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.close();
  });

  it('lists the requests of a file with tests, runs them in order and shows the failure on the right request', async () => {
    const document = await openHttpFile('testing-view.http', file(api.url));
    const fileId = document.uri.toString();
    await waitUntil(() => ext.tests().files.some((f) => f.id === fileId), 10_000, 'the file in the Testing view');
    const listed = ext.tests().files.find((f) => f.id === fileId)!;
    assert.deepEqual(
      listed.requests.map((r) => r.line),
      [
        lineOf(document, 'POST {{base}}/login'),
        lineOf(document, 'POST {{base}}/items'),
        lineOf(document, 'GET {{base}}/items'),
      ],
    );
    assert.match(listed.requests[2].label, /^List — GET/);

    const after = await ext.runTests([fileId]);
    const [login, create, list] = listed.requests.map((r) => after.results[r.id]);
    assert.equal(login?.state, 'passed');
    assert.equal(create?.state, 'passed', JSON.stringify(create));
    assert.equal(list?.state, 'failed');
    assert.equal(list.messages.length, 1, 'only the failing assertion');
    assert.match(list.messages[0].text, /items\.length > 5/);
    assert.equal(list.messages[0].uri, fileId);
    assert.equal(list.messages[0].line, lineOf(document, '?? js response.parsedBody.items.length > 5'));
    // The login handler's token reached the requests after it.
    assert.deepEqual(
      api.exchanges.map((e) => [e.method, e.headers.authorization ?? null, e.status]),
      [
        ['POST', null, 200],
        ['POST', 'Bearer tok-1', 201],
        ['GET', 'Bearer tok-1', 200],
      ],
    );

    // One request on its own: the token the run set is still there.
    const single = await ext.runTests([listed.requests[1].id]);
    assert.equal(single.results[listed.requests[1].id].state, 'passed');
    assert.equal(api.exchanges.length, 4);
  });

  it('a file without tests is not in the Testing view', async () => {
    const document = await openHttpFile('testing-none.http', `GET ${api.url}/items\n`);
    await openHttpFile('testing-some.http', `GET ${api.url}/items\n\n?? status == 200\n`);
    await waitUntil(
      () => ext.tests().files.some((f) => f.id.endsWith('testing-some.http')),
      10_000,
      'the file with tests',
    );
    assert.equal(
      ext.tests().files.some((f) => f.id === document.uri.toString()),
      false,
    );
  });

  it('a normal Send runs the handlers: the login token resolves {{token}} in the next request, and the panel shows the tests', async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'the suite runs trusted; Restricted Mode is unit-tested');
    const document = await openHttpFile('testing-send.http', file(api.url));
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    assert.deepEqual(
      ext.panelState().tests?.results.map((t) => [t.name, t.passed]),
      [['login succeeds', true]],
    );
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 2);
    const state = ext.panelState();
    assert.equal(state.response?.status, 200, 'sent with the token the handler set');
    assert.match(String(api.exchanges.at(-1)?.headers.authorization), /^Bearer tok-\d+$/);
    assert.deepEqual(
      state.tests?.results.map((t) => t.passed),
      [true, false],
    );
    assert.match(state.tests?.results[1].message ?? '', /> 5/);
    assert.equal(state.tests?.results[1].line, lineOf(document, '?? js response.parsedBody.items.length > 5') + 1);
  });
});
