// The conflict loop inside a real extension host: send, see the conflict diagnostic and its
// quick fixes, rebase as one undoable edit, resend, and the server holds both changes.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PanelState } from '../../src/protocol';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import { extensionUnderTest, waitUntil } from './extension-under-test';

interface Api {
  panelState(): PanelState;
}

const body = `{
    "id": 42,
    "title": "Updated Title",
    "tags": ["finance"],
    "owner": "ana"
}`;

function requestFile(base: string): string {
  return `@base = ${base}

### Read the document
# @name doc
GET {{base}}/etag/documents/42

### Change its title
PUT {{base}}/etag/documents/42
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

${body}
`;
}

describe('Conflict loop in the editor', function () {
  this.timeout(60_000);
  let api: ConflictApi;
  let document: vscode.TextDocument;
  let extensionApi: Api;

  before(async () => {
    api = await startConflictApi();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, 'conflict-flow.http');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(requestFile(api.url)));
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const extension = extensionUnderTest();
    extensionApi = (await extension.activate()) as Api;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.close();
  });

  it('shows a Send Request CodeLens above every request', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      document.uri,
    );
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.equal(titles.filter((t) => t.includes('Send Request')).length, 2, titles.join(', '));
  });

  it('reports an unresolved variable by name before sending', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'unresolved.http');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('GET http://127.0.0.1:9/{{missingVar}}\n'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await waitUntil(
      () => vscode.languages.getDiagnostics(doc.uri).some((d) => d.message.includes('missingVar')),
      10_000,
      'the unresolved-variable diagnostic',
    );
    const diagnostic = vscode.languages.getDiagnostics(doc.uri).find((d) => d.message.includes('missingVar'))!;
    assert.equal(diagnostic.code, 'unresolved-variable');
  });

  it('sends a read and shows its response in the panel', async () => {
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    const state = extensionApi.panelState();
    assert.equal(state.view, 'response');
    assert.equal(state.response?.status, 200);
    assert.match(state.response?.body ?? '', /Quarterly report/);
  });

  it('turns a stale write into a conflict with a diagnostic, quick fixes and the version diff', async () => {
    api.otherWriter('/etag/documents/42', { tags: ['finance', 'q3'] });
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 1);
    await waitUntil(
      () => extensionApi.panelState().conflict?.step === 'refetched',
      10_000,
      'the refetch after the conflict',
    );
    const conflict = extensionApi.panelState().conflict!;
    assert.equal(conflict.kind, 'version-conflict');
    assert.match(conflict.dialect, /HTTP validators/);
    assert.ok(
      conflict.theirsChanges.some((c) => c.at === '/tags/1'),
      JSON.stringify(conflict.theirsChanges),
    );
    assert.ok(
      conflict.oursChanges.some((c) => c.at === '/title'),
      JSON.stringify(conflict.oursChanges),
    );
    assert.equal(conflict.actions.resend?.enabled, false, 'resend waits for a rebase');

    const diagnostic = vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'conflict');
    assert.ok(diagnostic, 'a conflict diagnostic on the request line');
    assert.equal(document.lineAt(diagnostic.range.start.line).text.startsWith('PUT'), true);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    for (const expected of [
      'Refetch current version',
      'Rebase body on current version',
      'Resend request',
      'Compare versions',
    ]) {
      assert.ok(titles.includes(expected), `quick fix "${expected}" in ${titles.join(', ')}`);
    }
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      document.uri,
    );
    assert.ok(lenses.some((l) => /Conflict — Resolve/.test(l.command?.title ?? '')));
  });

  it('refuses to resend before the rebase', async () => {
    const before = api.requests.filter((r) => r.method === 'PUT').length;
    await vscode.commands.executeCommand('httpConflicts.resend', document.uri, 1);
    assert.equal(api.requests.filter((r) => r.method === 'PUT').length, before, 'no PUT was sent');
  });

  it('rebases as one undoable edit that keeps the user formatting', async () => {
    const original = document.getText();
    const versionBefore = document.version;
    await vscode.commands.executeCommand('httpConflicts.rebase', document.uri, 1);
    assert.equal(document.version, versionBefore + 1, 'exactly one edit');
    assert.match(document.getText(), /"tags": \["finance", "q3"\]/);
    assert.match(document.getText(), /\n {4}"title": "Updated Title"/, 'the four-space indentation survives');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original, 'one undo restores the user body');
    await vscode.commands.executeCommand('redo');
    assert.match(document.getText(), /"q3"/);
  });

  it("resends the rebased write and the server holds both writers' changes", async () => {
    await vscode.commands.executeCommand('httpConflicts.resend', document.uri, 1);
    const state = extensionApi.panelState();
    assert.equal(state.response?.status, 200, JSON.stringify(state.response?.body));
    const doc = api.state('/etag/documents/42')?.document as { title: string; tags: string[] };
    assert.equal(doc.title, 'Updated Title');
    assert.deepEqual(doc.tags, ['finance', 'q3']);
    assert.ok(
      !vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'conflict'),
      'the conflict diagnostic is gone',
    );
  });

  it('honours the CodeLens setting without a reload', async () => {
    const config = vscode.workspace.getConfiguration('httpConflicts');
    await config.update('codeLens', false, vscode.ConfigurationTarget.Workspace);
    try {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
      );
      assert.equal(lenses.length, 0);
    } finally {
      await config.update('codeLens', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
