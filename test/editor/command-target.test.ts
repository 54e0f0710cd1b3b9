// Issue 14.3: conflict commands act on the request under the cursor. With no conflict there
// they never edit or send another file without naming it: they offer a pick that names file
// and request, and show the picked file.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import type { TestApi } from './conflict-workspace';
import {
  activeApi,
  cursorOn,
  lineOf,
  openHttpFile,
  runAnsweringPicks,
  sendIntoConflict,
  writes,
} from './conflict-workspace';

const etagFile = (base: string, title: string) => `@base = ${base}

### Read the document
# @name doc
GET {{base}}/etag/documents/42

### Change its title
PUT {{base}}/etag/documents/42
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

{
  "id": 42,
  "title": "${title}",
  "tags": ["finance"],
  "owner": "ana"
}
`;

const versionedFile = (base: string) => `@base = ${base}

### Read
# @name item
GET {{base}}/versioned/documents/42

### Change the owner
PUT {{base}}/versioned/documents/42
Content-Type: application/json

{
  "id": 42,
  "title": "Quarterly report",
  "tags": ["finance"],
  "owner": "bo",
  "version": 5
}
`;

describe('Conflict commands act on the request under the cursor (issue 14.3)', function () {
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

  /** A conflict in `elsewhere.http` (then closed), and `here.http` open with no conflict. */
  async function conflictElsewhere(): Promise<{ elsewhere: vscode.TextDocument; here: vscode.TextDocument }> {
    const elsewhere = await openHttpFile('elsewhere.http', versionedFile(api.url));
    await vscode.commands.executeCommand('httpConflicts.send', elsewhere.uri, 0);
    api.otherWriter('/versioned/documents/42', { tags: ['finance', 'q3'] });
    await sendIntoConflict(ext, elsewhere.uri, 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const here = await openHttpFile('here.http', etagFile(api.url, 'Here'));
    await cursorOn(here, lineOf(here, 'PUT '));
    return { elsewhere, here };
  }

  it("the palette's Rebase and Resend with no conflict under the cursor leave another file alone", async () => {
    const { elsewhere } = await conflictElsewhere();
    const before = elsewhere.getText();
    const onDisk = Buffer.from(await vscode.workspace.fs.readFile(elsewhere.uri)).toString('utf8');
    const sent = writes(api).length;

    await runAnsweringPicks('httpConflicts.rebase', 'workbench.action.closeQuickOpen');
    await runAnsweringPicks('httpConflicts.resend', 'workbench.action.closeQuickOpen');
    await runAnsweringPicks('httpConflicts.takeTheirs', 'workbench.action.closeQuickOpen');

    assert.equal(elsewhere.getText(), before, 'the other file was not edited');
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(elsewhere.uri)).toString('utf8'), onDisk, 'nor saved');
    assert.equal(writes(api).length, sent, 'nothing was sent');
    assert.equal((api.state('/versioned/documents/42')?.document as { owner: string }).owner, 'ana');
  });

  it('picking a conflict from the list names it, shows its file and acts on it', async () => {
    const { elsewhere } = await conflictElsewhere();
    await runAnsweringPicks('httpConflicts.rebase', 'workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(
      vscode.window.activeTextEditor?.document.uri.toString(),
      elsewhere.uri.toString(),
      'the edited file is shown',
    );
    assert.match(elsewhere.getText(), /"q3"/, 'the picked conflict was rebased');
  });

  it('with two conflicts, Rebase and Resend from the keyboard act on the one under the cursor, not the latest', async () => {
    const here = await openHttpFile('mine-first.http', etagFile(api.url, 'Mine first'));
    await vscode.commands.executeCommand('httpConflicts.send', here.uri, 0);
    api.otherWriter('/etag/documents/42', { tags: ['finance', 'audited'] });
    await sendIntoConflict(ext, here.uri, 1);
    const later = await openHttpFile('later.http', versionedFile(api.url));
    await vscode.commands.executeCommand('httpConflicts.send', later.uri, 0);
    api.otherWriter('/versioned/documents/42', { tags: ['finance', 'q3'] });
    await sendIntoConflict(ext, later.uri, 1);
    const laterText = later.getText();

    await cursorOn(here, lineOf(here, '  "title"'));
    await runAnsweringPicks('httpConflicts.rebase', 'workbench.action.closeQuickOpen');
    assert.match(here.getText(), /"audited"/, "the cursor's request was rebased");
    assert.equal(later.getText(), laterText, 'the latest conflict was left alone');

    await cursorOn(here, lineOf(here, 'PUT '));
    await runAnsweringPicks('httpConflicts.resend', 'workbench.action.closeQuickOpen');
    assert.equal((api.state('/etag/documents/42')?.document as { title: string }).title, 'Mine first');
    assert.equal((api.state('/versioned/documents/42')?.document as { owner: string }).owner, 'ana');
  });
});
