// Issue 19 in Restricted Mode, in a real editor whose folder is not trusted (the second pass of
// run-editor-suite.mjs): a Send asks before anything leaves the machine and runs no response
// handler and no `??` assertion — so a global a handler would set stays unset — and says so
// once; the Testing view sends nothing and marks every item skipped with the reason; file
// includes and $processEnv stay off, with a message saying why.
//
// The editor's dialogs cannot be clicked from the extension host, so the tests wrap
// `vscode.window`'s message functions (the extension and these tests share one API object:
// both load from the extension's folder) to record what the user is told and to answer the
// Restricted Mode question with "Send", as a user who agrees would.
//
// Order matters: the "scripts do not run" message is once per editor session, so the Send
// test runs first in this pass.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { TestsSnapshot } from '../../../src/extension/testing/http-test-controller';
import type { PanelState } from '../../../src/protocol';
import { startLoopbackServer } from '../../fixtures/servers/loopback-server';
import type { LoopbackServer } from '../../fixtures/servers/loopback-server';
import { openHttpFile } from '../conflict-workspace';
import { extensionUnderTest, waitUntil } from '../extension-under-test';

interface RestrictedApi {
  panelState(): PanelState;
  tests(): TestsSnapshot;
  runTests(ids?: readonly string[]): Promise<TestsSnapshot>;
}

type MessageFunction = (message: string, ...rest: unknown[]) => Thenable<unknown>;
type MessageKind = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

interface Told {
  readonly kind: MessageKind;
  readonly message: string;
  readonly modal: boolean;
}

/** Records every message the extension shows; answers the Restricted Mode question with "Send". */
function recordMessages(): { told: Told[]; restore(): void } {
  const window = vscode.window as unknown as Record<MessageKind, MessageFunction>;
  const told: Told[] = [];
  const originals = new Map<MessageKind, MessageFunction>();
  for (const kind of ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'] as const) {
    originals.set(kind, window[kind]);
    window[kind] = (message: string, ...rest: unknown[]) => {
      const options = rest[0];
      const modal = typeof options === 'object' && options !== null && (options as { modal?: boolean }).modal === true;
      told.push({ kind, message, modal });
      const answer = modal && /Restricted Mode\. Send the request/.test(message) ? 'Send' : undefined;
      return Promise.resolve(answer);
    };
  }
  return {
    told,
    restore: () => originals.forEach((original, kind) => (window[kind] = original)),
  };
}

function assertRestricted(): void {
  assert.equal(
    vscode.workspace.isTrusted,
    false,
    'this pass must run in Restricted Mode: the folder is trusted, so these tests would prove nothing',
  );
}

const notRunMessage = /^Restricted Mode: scripts, response handlers and \?\? assertions do not run/;

function loginApi(): Promise<LoopbackServer> {
  return startLoopbackServer((request) => {
    if (request.path === '/login') return { status: 200, body: { token: 'tok-1' } };
    if (String(request.headers.authorization) !== 'Bearer tok-1') return { status: 401, body: { error: 'no token' } };
    return { status: 200, body: { items: [{ id: 42 }] } };
  });
}

describe('Restricted Mode (issue 19; workspace not trusted)', function () {
  this.timeout(60_000);
  let api: LoopbackServer;
  let ext: RestrictedApi;
  let messages: ReturnType<typeof recordMessages>;

  before(() => assertRestricted());

  beforeEach(async () => {
    assertRestricted();
    api = await loginApi();
    ext = (await extensionUnderTest().activate()) as RestrictedApi;
    messages = recordMessages();
  });

  afterEach(async () => {
    messages?.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.close();
  });

  it('Send asks first, runs no handler and no ?? assertion, says so once; the token the handler would set stays unresolved', async () => {
    const document = await openHttpFile(
      'restricted-send.http',
      `@base = ${api.url}

### Log in
POST {{base}}/login

> {% client.global.set("token", response.body.token); %}

?? status == 200
?? js response.parsedBody.token == "tok-1"

### List
GET {{base}}/items
Authorization: Bearer {{token}}
`,
    );
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    assert.deepEqual(
      messages.told.filter((m) => m.modal).map((m) => m.message),
      [`This workspace is in Restricted Mode. Send the request to ${api.url}/login?`],
      'asked before sending',
    );
    assert.deepEqual(
      api.exchanges.map((e) => [e.method, e.url, e.status]),
      [['POST', '/login', 200]],
      'sent once the user agreed',
    );
    const state = ext.panelState();
    assert.equal(state.response?.status, 200);
    assert.match(state.tests?.notRun ?? '', notRunMessage, 'the panel says why no test ran');
    assert.deepEqual(state.tests?.results, [], 'neither the handler nor the ?? assertions ran');
    const notices = () =>
      messages.told.filter((m) => m.kind === 'showInformationMessage' && notRunMessage.test(m.message));
    assert.equal(notices().length, 1, 'the editor says once that scripts do not run');

    // A second Send of the same request: asked again (the answer was "Send", once), not told again.
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    assert.equal(api.exchanges.length, 2);
    assert.equal(messages.told.filter((m) => m.modal).length, 2);
    assert.equal(notices().length, 1, 'the message is not repeated');

    // The handler never ran: {{token}} is not defined, so the next request is not sent.
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 1);
    assert.equal(api.exchanges.length, 2, 'the request with the unresolved {{token}} was not sent');
    assert.equal(ext.panelState().view, 'failure');
    assert.match(ext.panelState().failure?.message ?? '', /token/);
  });

  it('the Testing view sends nothing and runs no script or assertion: every item is skipped, saying why', async () => {
    const document = await openHttpFile(
      'restricted-tests.http',
      `@base = ${api.url}

### Log in
POST {{base}}/login

> {%
  client.global.set("token", response.body.token);
  client.test("login succeeds", function () {
    client.assert(response.status === 200, "login failed");
  });
%}

### List
GET {{base}}/items
Authorization: Bearer {{token}}

?? status == 200
?? js response.parsedBody.items.length > 0
`,
    );
    const fileId = document.uri.toString();
    await waitUntil(() => ext.tests().files.some((f) => f.id === fileId), 10_000, 'the file in the Testing view');
    const listed = ext.tests().files.find((f) => f.id === fileId)!;
    assert.equal(listed.requests.length, 2, 'the file and its requests are listed in Restricted Mode too');

    const after = await ext.runTests([fileId]);
    for (const request of listed.requests) {
      const result = after.results[request.id];
      assert.equal(result?.state, 'skipped', `${request.label}: ${JSON.stringify(result)}`);
      assert.match(result.messages[0]?.text ?? '', notRunMessage);
    }
    assert.deepEqual(api.exchanges, [], 'nothing was sent');
    assert.equal(
      messages.told.filter((m) => m.modal).length,
      0,
      'a test run does not ask to send: it runs nothing at all',
    );
  });

  it('$processEnv and file includes stay off: nothing is sent and the message says why', async () => {
    const document = await openHttpFile(
      'restricted-local.http',
      `### Home
GET ${api.url}/items
X-Home: {{$processEnv HOME}}

### Include
POST ${api.url}/items
Content-Type: application/json

< ./restricted-body.json
`,
    );
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(document.uri, '..', 'restricted-body.json'),
      Buffer.from('{ "name": "pen" }'),
    );

    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    assert.match(ext.panelState().failure?.message ?? '', /\$processEnv HOME\}\} is not resolved in Restricted Mode/);
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 1);
    assert.match(ext.panelState().failure?.message ?? '', /file includes are off in Restricted Mode/);

    assert.deepEqual(api.exchanges, [], 'nothing was sent');
    const errors = messages.told.filter((m) => m.kind === 'showErrorMessage').map((m) => m.message);
    assert.equal(errors.length, 2, JSON.stringify(errors));
    assert.match(errors[0], /^Not sent: .*Restricted Mode/);
    assert.match(errors[1], /^Not sent: .*Restricted Mode/);
  });
});
