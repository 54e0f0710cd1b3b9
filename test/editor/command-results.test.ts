// A command run from the workbench (keybinding, palette, CodeLens) sends its result back over
// the editor's RPC. Send's outcome holds the whole response body: serialising a 10 MB body
// as JSON froze the extension host and then the workbench for seconds (bench: panel), so
// Send answers nothing — the panel and Open in Editor have the response.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import { activeApi, openHttpFile } from './conflict-workspace';

describe('What a command answers its caller', function () {
  this.timeout(60_000);
  let api: ConflictApi;

  before(async () => {
    await activeApi();
    api = await startConflictApi();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.close();
  });

  it('Send answers nothing (not the response body), while the panel shows the response', async () => {
    const document = await openHttpFile('command-results.http', `GET ${api.url}/etag/documents/42\n`);
    const answer = await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    assert.equal(answer, undefined);
    const state = (await activeApi()).panelState();
    assert.equal(state.view, 'response');
    assert.equal(state.response?.status, 200);
    assert.match(state.response?.body ?? '', /"id": 42/);
  });
});
