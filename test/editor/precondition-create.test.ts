// A 428 on a create: the server wants every write conditional, and for a document that does
// not exist yet the right precondition is `If-None-Match: *` (create only). The editor counts
// it as the precondition the 428 asked for — the one list in core/conflict/write-precondition.ts
// — and lets the Resend go: a create-only write cannot overwrite anything.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import type { TestApi } from './conflict-workspace';
import { activeApi, lineOf, openHttpFile, writes } from './conflict-workspace';
import { waitUntil } from './extension-under-test';

const path = '/etag/strict/documents/43';

const file = (base: string) => `@base = ${base}

### Create a document
PUT {{base}}${path}
Content-Type: application/json

{ "id": 43, "title": "Draft", "tags": [], "owner": "ana" }
`;

describe('A 428 on a create is answered with If-None-Match: *', function () {
  this.timeout(60_000);
  let api: ConflictApi;
  let ext: TestApi;

  beforeEach(async () => {
    api = await startConflictApi();
    ext = await activeApi();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.close();
  });

  it('adding If-None-Match: * turns on Resend, and the Resend creates the document', async () => {
    const document = await openHttpFile('precondition-create.http', file(api.url));
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    await waitUntil(
      () =>
        ext.panelState().conflict?.kind === 'precondition-required' &&
        /Refetching/.test(ext.panelState().conflict!.banner),
      10_000,
      'the 428 and its refetch (nothing to read yet)',
    );
    assert.equal(ext.panelState().conflict?.actions.resend?.enabled, false);

    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(lineOf(document, 'PUT ') + 1, 0), 'If-None-Match: *\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitUntil(
      () => ext.panelState().conflict?.actions.resend?.enabled === true,
      10_000,
      'Resend offered once the request sends If-None-Match',
    );
    assert.match(ext.panelState().conflict!.banner, /now sends If-None-Match/);

    await vscode.commands.executeCommand('httpConflicts.resend', document.uri, 0);
    assert.deepEqual(
      writes(api).map((r) => `${r.method} ${r.status} ${String(r.headers['if-none-match'] ?? '-')}`),
      ['PUT 428 -', 'PUT 201 *'],
    );
    assert.equal((api.state(path)?.document as { title: string }).title, 'Draft');
    assert.equal(ext.panelState().response?.status, 201);
  });
});
