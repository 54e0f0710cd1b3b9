// Issue 19 in the editor: a Testing-view run sends each request the way Send does. A write
// that comes back 412 registers its conflict (the panel shows it, Rebase works after the
// run), a second run of the stale write is held back by the same guard as Send, `# @prompt`
// asks for its value (a cancelled prompt skips that item only), and the panel ends on the
// request a whole-file run failed at. A Resolve runs the request's handlers and assertions
// on the resend's response.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PanelState } from '../../src/protocol';
import type { TestsSnapshot } from '../../src/extension/testing/http-test-controller';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import { extensionUnderTest, waitUntil } from './extension-under-test';
import { openHttpFile, writes } from './conflict-workspace';

interface TestingApi {
  panelState(): PanelState;
  tests(): TestsSnapshot;
  runTests(ids?: readonly string[]): Promise<TestsSnapshot>;
}

const path = '/etag/documents/42';

const conflictFile = (base: string) => `@base = ${base}

### Read
# @name doc
GET {{base}}${path}

?? status == 200

### Change the title
# @name update
PUT {{base}}${path}
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

{
  "id": 42,
  "title": "Mine",
  "tags": ["finance"],
  "owner": "ana"
}

> {%
  client.global.set("finalStatus", String(response.status));
%}

?? status == 200

### Read it again, naming what the write finally got
GET {{base}}${path}?after={{finalStatus}}
`;

interface Doc {
  title: string;
  tags: string[];
}

describe('Testing view runs go the way Send goes (issue 19)', function () {
  this.timeout(60_000);
  let api: ConflictApi;
  let ext: TestingApi;
  const original = vscode.window.showInputBox;
  const server = () => api.state(path)?.document as Doc;

  async function listed(document: vscode.TextDocument): Promise<TestsSnapshot['files'][number]['requests']> {
    const id = document.uri.toString();
    await waitUntil(() => ext.tests().files.some((f) => f.id === id), 10_000, 'the file in the Testing view');
    return ext.tests().files.find((f) => f.id === id)!.requests;
  }

  beforeEach(async () => {
    api = await startConflictApi();
    ext = (await extensionUnderTest().activate()) as TestingApi;
  });

  afterEach(async () => {
    (vscode.window as { showInputBox: typeof original }).showInputBox = original;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.close();
  });

  it('a 412 in a test run registers the conflict, a rerun is held back, and after Rebase a run resends', async () => {
    const document = await openHttpFile('testing-conflict.http', conflictFile(api.url));
    const [read, update] = await listed(document);
    assert.equal((await ext.runTests([read.id])).results[read.id].state, 'passed');
    api.otherWriter(path, { tags: ['finance', 'q3'] });

    const first = await ext.runTests([update.id]);
    assert.equal(first.results[update.id].state, 'failed', JSON.stringify(first.results[update.id]));
    // Registered like Send's: the panel shows the conflict and reads the current version.
    await waitUntil(() => ext.panelState().conflict?.step === 'refetched', 10_000, 'the conflict view');
    assert.equal(ext.panelState().response?.status, 412);

    const again = await ext.runTests([update.id]);
    assert.equal(again.results[update.id].state, 'errored');
    assert.match(again.results[update.id].messages[0].text, /unresolved conflict/);
    assert.equal(writes(api).length, 1, 'the stale write was not sent a second time');

    await vscode.commands.executeCommand('httpConflicts.rebase', document.uri, 1);
    const resent = await ext.runTests([update.id]);
    assert.equal(resent.results[update.id].state, 'passed', JSON.stringify(resent.results[update.id]));
    assert.deepEqual({ title: server().title, tags: server().tags }, { title: 'Mine', tags: ['finance', 'q3'] });
    assert.equal(ext.panelState().response?.status, 200);
    assert.equal(ext.panelState().conflict, undefined, 'the conflict is settled');
  });

  it('a run stops at a conflict, as Send All and the CLI do: the requests after it are skipped', async () => {
    const document = await openHttpFile('testing-stop.http', conflictFile(api.url));
    const [read, update, after] = await listed(document);
    assert.equal((await ext.runTests([read.id])).results[read.id].state, 'passed');
    api.otherWriter(path, { tags: ['finance', 'q3'] });
    const run = await ext.runTests([update.id, after.id]);
    assert.deepEqual(
      [update, after].map((r) => run.results[r.id]?.state),
      ['failed', 'skipped'],
    );
    assert.match(run.results[after.id].messages[0].text, /stopped at line \d+ because its 412 conflict is unresolved/);
    assert.equal(writes(api).length, 1);
    assert.ok(!api.requests.some((r) => r.url.includes('?after=')), 'nothing after the conflict was sent');
  });

  it('Resolve runs the handlers and assertions on the resend: its global reaches the next request', async () => {
    const document = await openHttpFile('testing-resolve.http', conflictFile(api.url));
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    api.otherWriter(path, { tags: ['finance', 'q3'] });
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 1);
    await waitUntil(() => ext.panelState().conflict?.step === 'refetched', 10_000, 'the conflict view');
    assert.equal(ext.panelState().tests?.results[0]?.passed, false, 'the 412 fails `?? status == 200`');

    await vscode.commands.executeCommand('httpConflicts.resolve', document.uri, 1);
    assert.equal(ext.panelState().response?.status, 200);
    assert.deepEqual(
      ext.panelState().tests?.results.map((t) => t.passed),
      [true],
      'the tests judge the resend',
    );
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 2);
    assert.equal(api.requests.at(-1)?.url, `${path}?after=200`);
  });

  it('asks `# @prompt` values in a test run; a cancelled prompt skips that request and the run goes on', async () => {
    const document = await openHttpFile(
      'testing-prompt.http',
      `### Ask for the title
# @prompt title The title to look for
GET ${api.url}${path}?title={{title}}

?? status == 200

### Then read it
GET ${api.url}${path}

?? status == 200
`,
    );
    const [asked, plain] = await listed(document);
    const answers: Array<string | undefined> = ['Quarterly'];
    const questions: string[] = [];
    (vscode.window as { showInputBox: typeof original }).showInputBox = async (options) => {
      questions.push(String(options?.prompt));
      return answers.shift();
    };
    const answered = await ext.runTests([document.uri.toString()]);
    assert.deepEqual(questions, ['The title to look for']);
    assert.equal(answered.results[asked.id].state, 'passed', JSON.stringify(answered.results[asked.id]));
    assert.ok(api.requests.some((r) => r.url === `${path}?title=Quarterly`));

    const sent = api.requests.length;
    const cancelled = await ext.runTests([document.uri.toString()]);
    assert.equal(cancelled.results[asked.id].state, 'skipped');
    assert.match(cancelled.results[asked.id].messages[0].text, /prompt .*cancelled/i);
    assert.equal(cancelled.results[plain.id].state, 'passed', 'the rest of the run went on');
    assert.equal(api.requests.length, sent + 1, 'only the second request was sent');
  });

  it('a whole-file run leaves the panel on the request that failed, not on the last one', async () => {
    const document = await openHttpFile(
      'testing-panel.http',
      `### First
GET ${api.url}${path}?n=1

?? status == 200

### Second, failing
GET ${api.url}${path}?n=2

?? status == 201

### Third
GET ${api.url}${path}?n=3

?? status == 200
`,
    );
    const requests = await listed(document);
    const run = await ext.runTests([document.uri.toString()]);
    assert.deepEqual(
      requests.map((r) => run.results[r.id]?.state),
      ['passed', 'failed', 'passed'],
    );
    assert.equal(api.requests.length, 3);
    assert.match(ext.panelState().request?.url ?? '', /\?n=2$/);
    assert.equal(ext.panelState().tests?.results[0]?.passed, false);
  });
});
