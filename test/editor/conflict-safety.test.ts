// Never losing anyone's work: a real merge conflict must be decided before anything is
// resent, a rebase merges again from what the document holds now, and Overwrite sends
// nothing without the user's explicit yes.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PanelState } from '../../src/protocol';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import { extensionUnderTest, waitUntil } from './extension-under-test';

interface Api {
  panelState(): PanelState;
}

const file = (base: string, path: string) => `@base = ${base}

### Read
# @name doc
GET {{base}}${path}

### Write
PUT {{base}}${path}
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

{
  "id": 42,
  "title": "Mine",
  "tags": ["finance"],
  "owner": "ana"
}
`;

describe('Conflict safety in the editor', function () {
  this.timeout(60_000);
  let api: ConflictApi;
  let extensionApi: Api;
  const puts = () => api.requests.filter((r) => r.method === 'PUT').length;

  async function conflictOn(name: string, theirs: Record<string, unknown>): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, `${name}.http`);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(file(api.url, '/etag/documents/42')));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('httpConflicts.send', uri, 0);
    api.otherWriter('/etag/documents/42', theirs);
    await vscode.commands.executeCommand('httpConflicts.send', uri, 1);
    await waitUntil(
      () => extensionApi.panelState().conflict?.step === 'refetched',
      10_000,
      'the refetch after the conflict',
    );
    return document;
  }

  beforeEach(async () => {
    api = await startConflictApi();
    extensionApi = (await extensionUnderTest().activate()) as Api;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.close();
  });

  it('shows a real conflict and refuses to resend until it is decided', async () => {
    const document = await conflictOn('real-conflict', { title: 'Theirs' });
    const conflict = extensionApi.panelState().conflict!;
    assert.equal(conflict.conflicts.length, 1, JSON.stringify(conflict.conflicts));
    assert.equal(conflict.conflicts[0].id, '/title');
    assert.equal(conflict.actions.resend?.enabled, false);

    const before = puts();
    await vscode.commands.executeCommand('httpConflicts.rebase', document.uri, 1);
    await vscode.commands.executeCommand('httpConflicts.resend', document.uri, 1);
    assert.equal(puts(), before, 'nothing is resent while the conflict is open');
    assert.match(document.getText(), /"title": "Mine"/, 'an undecided field keeps the user value');
    assert.equal((api.state('/etag/documents/42')?.document as { title: string }).title, 'Theirs');
  });

  it('merges again from the document as it is now when the user edited after the conflict', async () => {
    const document = await conflictOn('edited-after', { tags: ['finance', 'q3'] });
    const edit = new vscode.WorkspaceEdit();
    const ownerLine = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('"owner"'));
    edit.replace(document.uri, document.lineAt(ownerLine).range, '  "owner": "bo"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await vscode.commands.executeCommand('httpConflicts.rebase', document.uri, 1);
    const text = document.getText();
    assert.match(text, /"owner": "bo"/, 'the later edit survives');
    assert.match(text, /"q3"/, 'their change is merged in');
    await vscode.commands.executeCommand('httpConflicts.resend', document.uri, 1);
    const state = api.state('/etag/documents/42')?.document as { owner: string; tags: string[]; title: string };
    assert.deepEqual(
      { owner: state.owner, tags: state.tags, title: state.title },
      { owner: 'bo', tags: ['finance', 'q3'], title: 'Mine' },
    );
  });

  it("sends nothing on Overwrite without the user's confirmation", async () => {
    const document = await conflictOn('overwrite', { tags: ['finance', 'q3'] });
    const before = puts();
    // The test workbench refuses modal dialogs, exactly like a user pressing Cancel.
    await vscode.commands.executeCommand('httpConflicts.overwrite', document.uri, 1).then(undefined, () => undefined);
    assert.equal(puts(), before, 'no write without a yes');
    const doc = api.state('/etag/documents/42')?.document as { tags: string[] };
    assert.deepEqual(doc.tags, ['finance', 'q3']);
  });
});
