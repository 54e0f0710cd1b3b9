// Issue 14.5: the user's own successful write is the fresh version of that URL, so
// edit → send (2xx) → edit → send does not conflict with yourself — for an ETag header, a
// body version field and a CouchDB _rev, each written through a placeholder.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import type { TestApi } from './conflict-workspace';
import { activeApi, openHttpFile, writes } from './conflict-workspace';

const files = {
  etag: {
    path: '/etag/documents/42',
    text: (base: string) => `@base = ${base}

### Read
# @name doc
GET {{base}}/etag/documents/42

### Write
PUT {{base}}/etag/documents/42
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

{ "id": 42, "title": "First edit", "tags": ["finance"], "owner": "ana" }
`,
  },
  versioned: {
    path: '/versioned/documents/42',
    text: (base: string) => `@base = ${base}

### Read
# @name item
GET {{base}}/versioned/documents/42

### Write
PUT {{base}}/versioned/documents/42
Content-Type: application/json

{ "id": 42, "title": "First edit", "tags": ["finance"], "owner": "ana", "version": {{item.response.body.$.version}} }
`,
  },
  couch: {
    path: '/couch/db/doc42',
    text: (base: string) => `@base = ${base}

### Read
# @name book
GET {{base}}/couch/db/doc42
Accept: application/json

### Write
PUT {{base}}/couch/db/doc42
Content-Type: application/json

{ "_id": "doc42", "_rev": "{{book.response.body.$._rev}}", "title": "First edit", "tags": ["finance"], "owner": "ana" }
`,
  },
};

describe('Your own successful write is the new base (issue 14.5)', function () {
  this.timeout(60_000);
  let api: ConflictApi;
  let ext: TestApi;

  before(async () => {
    ext = await activeApi();
  });

  beforeEach(async () => {
    api = await startConflictApi();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.close();
  });

  for (const [name, { path, text }] of Object.entries(files)) {
    it(`edit → send → edit → send does not conflict with yourself (${name})`, async () => {
      const document = await openHttpFile(`own-write-${name}.http`, text(api.url));
      await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
      await vscode.commands.executeCommand('httpConflicts.send', document.uri, 1);
      assert.ok(ext.panelState().response!.status < 300, `first write: ${ext.panelState().response?.status}`);

      const edit = new vscode.WorkspaceEdit();
      const offset = document.getText().indexOf('First edit');
      edit.replace(
        document.uri,
        new vscode.Range(document.positionAt(offset), document.positionAt(offset + 'First edit'.length)),
        'Second edit',
      );
      assert.ok(await vscode.workspace.applyEdit(edit));
      await vscode.commands.executeCommand('httpConflicts.send', document.uri, 1);

      assert.deepEqual(
        writes(api).map((r) => r.status < 300),
        [true, true],
        writes(api)
          .map((r) => `${r.method} ${r.status}`)
          .join(', '),
      );
      assert.equal(ext.panelState().conflict, undefined, 'no conflict view');
      assert.equal((api.state(path)?.document as { title: string }).title, 'Second edit');
    });
  }
});
