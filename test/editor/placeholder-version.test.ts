// Issue 14.2 (and the placeholder half of 14.5): a rebase never writes a body that no longer
// parses, and a version placeholder that resolves to the current version after the rebase
// stays a placeholder — bare (`"version": {{item…}}`, the shipped demo) or quoted (CouchDB).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import type { TestApi } from './conflict-workspace';
import { activeApi, openHttpFile, parsesWithPlaceholders, sendIntoConflict } from './conflict-workspace';

const versioned = (base: string) => `@base = ${base}

### Read
# @name item
GET {{base}}/versioned/documents/42

### Your change, based on the version you read
PUT {{base}}/versioned/documents/42
Content-Type: application/json

{
  "id": 42,
  "title": "My title",
  "tags": ["finance"],
  "owner": "ana",
  "version": {{item.response.body.$.version}}
}
`;

const couch = (base: string) => `@base = ${base}

### Read
# @name book
GET {{base}}/couch/db/doc42
Accept: application/json

### Your write with the _rev you read
PUT {{base}}/couch/db/doc42
Content-Type: application/json

{
  "_id": "doc42",
  "_rev": "{{book.response.body.$._rev}}",
  "title": "A Better Title",
  "tags": ["finance"],
  "owner": "ana"
}
`;

function bodyOf(document: vscode.TextDocument): string {
  const text = document.getText();
  return text.slice(text.indexOf('\n{', text.indexOf('PUT ')) + 1).trimEnd();
}

describe('Rebase keeps version placeholders and never breaks the body (issue 14.2)', function () {
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

  it('rebases onto an unquoted placeholder version field: the body parses, the placeholder stays, and Resend lands both changes', async () => {
    const document = await openHttpFile('bare-version.http', versioned(api.url));
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    api.otherWriter('/versioned/documents/42', { tags: ['finance', 'q3'] });
    await sendIntoConflict(ext, document.uri, 1);

    await vscode.commands.executeCommand('httpConflicts.rebase', document.uri, 1);
    const body = bodyOf(document);
    assert.doesNotThrow(() => parsesWithPlaceholders(body), `the rebased body parses:\n${body}`);
    assert.match(body, /"version": \{\{item\.response\.body\.\$\.version\}\}\n\}$/, body);
    assert.match(body, /"q3"/);

    await vscode.commands.executeCommand('httpConflicts.resend', document.uri, 1);
    const doc = api.state('/versioned/documents/42')?.document as { title: string; tags: string[]; version: number };
    assert.deepEqual(
      { title: doc.title, tags: doc.tags, version: doc.version },
      { title: 'My title', tags: ['finance', 'q3'], version: 7 },
    );
    assert.match(bodyOf(document), /\{\{item\.response\.body\.\$\.version\}\}/, 'still a placeholder after the resend');
  });

  it('keeps a quoted CouchDB _rev placeholder through the rebase, and the resend is accepted', async () => {
    const document = await openHttpFile('couch-rev.http', couch(api.url));
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    api.otherWriter('/couch/db/doc42', { pages: 320 });
    await sendIntoConflict(ext, document.uri, 1);

    await vscode.commands.executeCommand('httpConflicts.rebase', document.uri, 1);
    const body = bodyOf(document);
    assert.match(body, /"_rev": "\{\{book\.response\.body\.\$\._rev\}\}"/, body);
    assert.match(body, /"pages": 320/);

    await vscode.commands.executeCommand('httpConflicts.resend', document.uri, 1);
    const doc = api.state('/couch/db/doc42')?.document as { title: string; pages: number; _rev: string };
    assert.equal(doc.title, 'A Better Title');
    assert.equal(doc.pages, 320);
    assert.match(doc._rev, /^3-/);
  });
});
