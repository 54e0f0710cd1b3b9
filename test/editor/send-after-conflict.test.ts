// Issue 14.1: the most natural reaction to a 412 — press Send again — must not overwrite the
// other writer. While a request has an unresolved conflict, Send goes out only with a body
// that was merged onto the version its token names; a refetch does not re-point request
// variables for bodies nobody rebased.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import type { TestApi } from './conflict-workspace';
import { activeApi, openHttpFile, sendIntoConflict, writes } from './conflict-workspace';

const path = '/etag/documents/42';

const file = (base: string) => `@base = ${base}

### Read
# @name doc
GET {{base}}${path}

### Change the title
PUT {{base}}${path}
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

{
  "id": 42,
  "title": "Mine",
  "tags": ["finance"],
  "owner": "ana"
}

### Change the owner, written against the same read
PUT {{base}}${path}
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

{
  "id": 42,
  "title": "Quarterly report",
  "tags": ["finance"],
  "owner": "bo"
}
`;

interface Doc {
  title: string;
  tags: string[];
  owner: string;
}

describe('Send after a conflict never overwrites (issue 14.1)', function () {
  this.timeout(60_000);
  let api: ConflictApi;
  let ext: TestApi;
  let document: vscode.TextDocument;
  const server = () => api.state(path)?.document as Doc;

  beforeEach(async function () {
    api = await startConflictApi();
    ext = await activeApi();
    document = await openHttpFile(
      `send-after-${this.currentTest!.title.replace(/\W+/g, '-').slice(0, 40)}.http`,
      file(api.url),
    );
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    api.otherWriter(path, { tags: ['finance', 'q3'] });
    await sendIntoConflict(ext, document.uri, 1);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.close();
  });

  it("a second Send after a 412 leaves the other writer's change on the server", async () => {
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 1);
    assert.deepEqual(server().tags, ['finance', 'q3'], "the other writer's tag survives");
    assert.ok(
      writes(api).every((r) => r.status === 412),
      writes(api)
        .map((r) => `${r.method} ${r.status}`)
        .join(', '),
    );
  });

  it('Send All after a 412 (which reads the document again first) does not overwrite either', async () => {
    await vscode.commands.executeCommand('httpConflicts.sendAll', document.uri, 0);
    assert.deepEqual(server().tags, ['finance', 'q3']);
    assert.equal(server().title, 'Quarterly report');
  });

  it('Take Theirs, Undo, Send does not overwrite', async () => {
    await vscode.commands.executeCommand('httpConflicts.takeTheirs', document.uri, 1);
    assert.match(document.getText(), /"q3"/, 'the current version is in the editor');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.doesNotMatch(document.getText(), /"q3"/, "undo brought the user's body back");
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 1);
    assert.deepEqual(server().tags, ['finance', 'q3']);
    assert.equal(server().title, 'Quarterly report');
  });

  it('the refetch does not re-point {{doc.response.headers.ETag}} for another write nobody rebased', async () => {
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 2);
    assert.deepEqual(server().tags, ['finance', 'q3'], 'the owner change was not sent over the tag change');
    assert.equal(server().owner, 'ana');
  });

  it('after Rebase, Send goes out and the server holds both changes', async () => {
    await vscode.commands.executeCommand('httpConflicts.rebase', document.uri, 1);
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 1);
    assert.deepEqual({ title: server().title, tags: server().tags }, { title: 'Mine', tags: ['finance', 'q3'] });
    assert.equal(ext.panelState().response?.status, 200);
  });
});
