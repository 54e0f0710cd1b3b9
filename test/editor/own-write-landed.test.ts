// The 412 that is the user's own earlier write: the first Send applied the PUT, but its
// connection was reset before the answer came back, so the user pressed Send again and met
// the write itself. The editor asks the core the CLI asks (`--on-conflict=rebase`, exit 7):
// the panel says "your write already landed" instead of offering to rebase the write onto itself.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { AmbiguousWriteServer } from '../fixtures/servers/ambiguous-write-server';
import { startAmbiguousWriteServer } from '../fixtures/servers/ambiguous-write-server';
import type { TestApi } from './conflict-workspace';
import { activeApi, openHttpFile } from './conflict-workspace';
import { waitUntil } from './extension-under-test';

const mine = { id: 7, title: 'Updated Title', tags: ['finance'], owner: 'ana' };

const file = (base: string) => `@base = ${base}

### Read
# @name doc
GET {{base}}/doc

### Change the title
PUT {{base}}/doc
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

${JSON.stringify(mine, null, 2)}
`;

describe('Your own earlier write is recognised in the editor', function () {
  this.timeout(60_000);
  let api: AmbiguousWriteServer;
  let ext: TestApi;
  let document: vscode.TextDocument;
  const log = () => api.log.map((e) => `${e.method} ${e.status}`);

  beforeEach(async function () {
    api = await startAmbiguousWriteServer();
    ext = await activeApi();
    document = await openHttpFile(
      `own-write-landed-${this.currentTest!.title.replace(/\W+/g, '-').slice(0, 40)}.http`,
      file(api.url),
    );
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    // The server applies the PUT, then resets the connection: the client never sees the answer.
    api.resetAfterNextWrite = true;
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 1);
    assert.equal(ext.panelState().view, 'failure', 'the first attempt failed for the client');
    assert.deepEqual(api.document(), mine, 'but it landed');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.close();
  });

  async function sendAgainIntoOwnWrite(): Promise<void> {
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 1);
    await waitUntil(
      () => ext.panelState().conflict?.retry !== undefined || ext.panelState().conflict?.step === 'refetched',
      10_000,
      'the refetch after the 412',
    );
  }

  it('Send again after a lost answer shows "your write already landed", not a merge of the write onto itself', async () => {
    const before = document.getText();
    await sendAgainIntoOwnWrite();
    const conflict = ext.panelState().conflict!;
    assert.equal(conflict.retry?.case, 'own-write', `the view: ${conflict.banner}`);
    assert.match(conflict.banner, /^Your write already landed/);
    assert.deepEqual(conflict.actions, {}, 'no Rebase, Resend or Overwrite is offered');
    assert.ok(
      !vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'conflict'),
      'no conflict is left on the request line',
    );
    // Nothing is left to rebase: the command finds no open conflict and the file stays as written.
    assert.equal(await vscode.commands.executeCommand('httpConflicts.rebase', document.uri, 1), false);
    assert.equal(document.getText(), before);
    assert.deepEqual(log(), ['GET 200', 'PUT reset', 'PUT 412', 'GET 200'], 'nothing was resent');
    assert.deepEqual(api.document(), mine);
  });

  it("another writer's later change survives: the request is not pointed at the current version", async () => {
    api.otherWriter({ tags: ['finance', 'q3'] });
    await sendAgainIntoOwnWrite();
    assert.equal(ext.panelState().conflict?.retry?.case, 'own-write');
    // The same Send once more goes out as written, with the version it was written against: refused again.
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 1);
    await waitUntil(() => api.log.length === 6, 10_000, 'the refetch after the third PUT');
    assert.deepEqual(log(), ['GET 200', 'PUT reset', 'PUT 412', 'GET 200', 'PUT 412', 'GET 200']);
    assert.deepEqual(api.document().tags, ['finance', 'q3'], "the other writer's tag is still there");
  });
});
