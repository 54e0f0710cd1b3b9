// Environments as users keep them: a JetBrains http-client.env.json beside the request file,
// chosen with the httpConflicts.environment setting; hovers show the value a variable sends.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PanelState } from '../../src/protocol';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import { runAnsweringPicks } from './conflict-workspace';
import { extensionUnderTest, waitUntil } from './extension-under-test';

describe('Environments in the editor', function () {
  this.timeout(60_000);
  let api: ConflictApi;
  let document: vscode.TextDocument;
  let panelState: () => PanelState;
  const config = () => vscode.workspace.getConfiguration('httpConflicts');
  const unresolvedHost = () =>
    vscode.languages
      .getDiagnostics(document.uri)
      .some((d) => d.code === 'unresolved-variable' && d.message.includes('host'));

  before(async () => {
    api = await startConflictApi();
    panelState = ((await extensionUnderTest().activate()) as { panelState(): PanelState }).panelState;
    const folder = vscode.workspace.workspaceFolders![0].uri;
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, 'envs', 'http-client.env.json'),
      Buffer.from(JSON.stringify({ local: { host: api.url } })),
    );
    const uri = vscode.Uri.joinPath(folder, 'envs', 'env.http');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('GET {{host}}/etag/documents/42\n'));
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await config().update('environment', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.close();
  });

  it('reports a variable that only an environment defines while none is selected', async () => {
    await waitUntil(unresolvedHost, 10_000, 'the unresolved {{host}} diagnostic');
  });

  it('resolves it from http-client.env.json once the environment is selected, and sends', async () => {
    await config().update('environment', 'local', vscode.ConfigurationTarget.Workspace);
    await waitUntil(() => !unresolvedHost(), 10_000, 'the diagnostic to clear');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(0, 7),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(text.includes(api.url), text);
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    assert.equal(panelState().response?.status, 200);
  });

  it('highlights the current environment in the picker, so Enter keeps it (issue 14.9)', async () => {
    await vscode.window.showTextDocument(document);
    await config().update('environment', 'local', vscode.ConfigurationTarget.Workspace);
    await runAnsweringPicks('httpConflicts.selectEnvironment', 'workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(config().get('environment'), 'local');
  });
});
