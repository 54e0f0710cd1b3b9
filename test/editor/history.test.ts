// Issue 20: every response is kept; sending a read twice against a server whose answer
// changed shows "what changed since" on the panel, Compare with Previous opens the diff
// editor with the two responses, and the History view lists both, newest first.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { HistoryNode } from '../../src/extension/history/history-tree';
import type { HistoryApi } from '../../src/extension/history/history-view';
import type { PanelState } from '../../src/protocol';
import { openHttpFile } from './conflict-workspace';
import { extensionUnderTest, waitUntil } from './extension-under-test';

interface Api {
  panelState(): PanelState;
  readonly history: HistoryApi;
}

/** A read whose title changes on every request, with a timestamp and a Date that always do. */
function startChangingServer(): Promise<{ server: Server; base: string }> {
  let reads = 0;
  const server = createServer((_request, response) => {
    reads++;
    response.writeHead(200, { 'Content-Type': 'application/json', 'X-Request-Id': `req-${reads}` });
    response.end(
      JSON.stringify({ id: 7, title: `Title ${reads}`, updatedAt: new Date(Date.now() + reads).toISOString() }),
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

function activeDiff(): vscode.TabInputTextDiff | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff ? input : undefined;
}

describe('Response history and Compare with Previous (issue 20)', function () {
  this.timeout(60_000);
  let api: Api;
  let server: Server;
  let base: string;

  before(async () => {
    api = (await extensionUnderTest().activate()) as Api;
    ({ server, base } = await startChangingServer());
    // The two settings the feature names: the timestamp field is noise here.
    await vscode.workspace
      .getConfiguration('httpConflicts')
      .update('compare.ignore', ['$.updatedAt'], vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace
      .getConfiguration('httpConflicts')
      .update('compare.ignore', undefined, vscode.ConfigurationTarget.Workspace);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends twice, says what changed, opens both responses in the diff editor and lists both in the History view', async () => {
    const document = await openHttpFile('history-read.http', `# @name item\nGET ${base}/items/7\n`);
    const file = vscode.workspace.asRelativePath(document.uri);

    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    await waitUntil(() => api.panelState().response?.body.includes('Title 1') === true, 10_000, 'the first response');
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    await waitUntil(() => api.panelState().response?.body.includes('Title 2') === true, 10_000, 'the second response');

    // The panel names the field that changed, not the timestamp or the request id.
    await waitUntil(() => api.panelState().history !== undefined, 10_000, 'the "changed since" line');
    assert.match(api.panelState().history?.summary ?? '', /^1 field changed since .+ \(1 changed\)$/);

    // Compare with Previous (as the panel's button runs it: no argument, the shown response).
    await vscode.commands.executeCommand('httpConflicts.history.compareWithPrevious');
    await waitUntil(() => activeDiff() !== undefined, 10_000, 'the diff editor');
    const diff = activeDiff()!;
    assert.equal(diff.original.scheme, 'http-conflicts-history');
    const [left, right] = await Promise.all([
      vscode.workspace.openTextDocument(diff.original),
      vscode.workspace.openTextDocument(diff.modified),
    ]);
    assert.match(left.getText(), /"title": "Title 1"/);
    assert.match(right.getText(), /"title": "Title 2"/);
    for (const side of [left.getText(), right.getText()]) {
      assert.match(side, /^GET http:\/\/127\.0\.0\.1:\d+\/items\/7\nHTTP 200 OK\n/);
      assert.doesNotMatch(side, /updatedAt"|x-request-id|^date:/im, 'noise is left out');
    }

    // The History view: this file → this request → both responses, newest first.
    const files = await api.history.tree.getChildren();
    const fileNode = files.find((n) => n.kind === 'file' && n.file === file);
    assert.ok(fileNode, `the view lists ${file}`);
    const requests = await api.history.tree.getChildren(fileNode);
    assert.deepEqual(
      requests.map((n) => (n.kind === 'request' ? n.request : n.kind)),
      ['item'],
    );
    const entries: HistoryNode[] = await api.history.tree.getChildren(requests[0]);
    assert.equal(entries.length, 2);
    const items = entries.map((n) => api.history.tree.getTreeItem(n));
    assert.ok(items.every((i) => String(i.label).startsWith('200 · ')));
    assert.equal(items[0].contextValue, 'historyEntry');

    // Opening the older one shows it in the panel again.
    await vscode.commands.executeCommand('httpConflicts.history.open', entries[1]);
    assert.match(api.panelState().response?.body ?? '', /Title 1/);
    assert.match(api.panelState().response?.notices[0] ?? '', /From the response history/);

    // Delete one: the request keeps the other.
    await vscode.commands.executeCommand('httpConflicts.history.delete', entries[1]);
    const after = (await api.history.tree.getChildren()).find((n) => n.kind === 'file' && n.file === file);
    assert.ok(after);
    assert.equal(
      (await api.history.tree.getChildren(after)).flatMap((n) => (n.kind === 'request' ? n.entries : [])).length,
      1,
    );
  });
});
