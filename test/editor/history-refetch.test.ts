// The conflict flow's refetch is a real answer from the server — the current version the user
// may want to compare with — so the response history keeps it, labelled as a refetch, under
// the request whose conflict it was sent for.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { HistoryApi } from '../../src/extension/history/history-view';
import type { PanelState } from '../../src/protocol';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import { openHttpFile, sendIntoConflict } from './conflict-workspace';
import { extensionUnderTest } from './extension-under-test';

interface Api {
  panelState(): PanelState;
  readonly history: HistoryApi;
}

const path = '/etag/documents/42';

const httpFile = (base: string) => `@base = ${base}

### Read
# @name doc
GET {{base}}${path}

### Change the title
# @name save
PUT {{base}}${path}
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

{ "id": 42, "title": "Mine", "tags": ["finance"], "owner": "ana" }
`;

describe('The response history keeps the refetch after a conflict', function () {
  this.timeout(60_000);
  let api: Api;
  let server: ConflictApi;

  before(async () => {
    api = (await extensionUnderTest().activate()) as Api;
    server = await startConflictApi();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await server.close();
  });

  it('lists the refetch as a refetch, under the write that conflicted, and opens it in the panel', async () => {
    const document = await openHttpFile('history-refetch.http', httpFile(server.url));
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    server.otherWriter(path, { tags: ['finance', 'q3'] });
    await sendIntoConflict(api, document.uri, 1);

    const entries = await api.history.entries();
    const refetch = entries.find((e) => e.by === 'refetch' && e.url === `${server.url}${path}`);
    assert.ok(refetch, `a refetch among ${entries.map((e) => `${e.method} ${e.status} ${e.by ?? ''}`).join(', ')}`);
    assert.equal(refetch.method, 'GET');
    assert.equal(refetch.status, 200);
    assert.equal(refetch.label, 'save', 'kept under the request it was sent for');
    assert.ok(
      entries.some((e) => e.by === undefined && e.label === 'save' && e.status === 412),
      'beside the write that conflicted',
    );

    const fileNode = (await api.history.tree.getChildren()).find(
      (n) => n.kind === 'file' && n.file === vscode.workspace.asRelativePath(document.uri),
    );
    assert.ok(fileNode);
    const save = (await api.history.tree.getChildren(fileNode)).find(
      (n) => n.kind === 'request' && n.request === 'save',
    );
    assert.ok(save);
    const node = (await api.history.tree.getChildren(save)).find(
      (n) => n.kind === 'entry' && n.entry.id === refetch.id,
    )!;
    assert.match(String(api.history.tree.getTreeItem(node).label), /^200 · .+ · refetch$/);

    await vscode.commands.executeCommand('httpConflicts.history.open', node);
    assert.match(api.panelState().response?.body ?? '', /"q3"/, "the refetch holds the other writer's change");
    assert.match(api.panelState().response?.notices[0] ?? '', /a refetch of the current version after a conflict/);
  });
});
