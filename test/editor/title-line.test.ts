// Issue 14.4: a `### Title` line names the request below it, so with the cursor there Send
// sends that request, not the one above.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import { activeApi, cursorOn, lineOf, openHttpFile } from './conflict-workspace';

const file = (base: string) => `@base = ${base}

### Read the document
# @name doc
GET {{base}}/etag/documents/42

### Change its title
PUT {{base}}/etag/documents/42
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

{ "id": 42, "title": "From the title line", "tags": ["finance"], "owner": "ana" }
`;

describe('Send from a "### Title" line (issue 14.4)', function () {
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

  it('with the cursor on a "### Title" line, Send sends the request that line names', async () => {
    const document = await openHttpFile('title-line.http', file(api.url));
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    const before = api.requests.length;
    await cursorOn(document, lineOf(document, '### Change its title'));
    await vscode.commands.executeCommand('httpConflicts.send');
    const sent = api.requests.slice(before).map((r) => r.method);
    assert.deepEqual(sent, ['PUT'], `sent: ${sent.join(', ')}`);
    assert.equal((api.state('/etag/documents/42')?.document as { title: string }).title, 'From the title line');
  });
});
