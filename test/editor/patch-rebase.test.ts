// Issue 15 in the editor: a JSON Merge Patch rebased after a 412 is one undoable edit that
// moves only the version token; the patch body stays exactly as the user wrote it, nothing of
// the server's document is copied into it, and the resend lands both writers' changes.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { startPatchApi, type PatchApi } from '../fixtures/servers/patch-api-server';
import { activeApi, openHttpFile, sendIntoConflict, type TestApi } from './conflict-workspace';
import { waitUntil } from './extension-under-test';

const DOC = '/docs/1';
const patchBody = `{
  "title":   "Final report",
  "meta": { "lang": "de" }
}`;

describe('Rebase of a PATCH body (issue 15)', function () {
  this.timeout(60_000);
  let api: PatchApi;
  let ext: TestApi;

  before(async () => {
    api = await startPatchApi({
      resources: { [DOC]: { id: 1, title: 'Quarterly report', owner: 'ana', meta: { author: 'ana', lang: 'en' } } },
    });
    ext = await activeApi();
  });
  after(async () => api.close());

  it('moves only the token, as one undoable edit, and leaves the patch as written', async () => {
    const readEtag = api.etag(DOC)!;
    const text = `@base = ${api.url}

### Read
# @name doc
GET {{base}}${DOC}

### My patch
PATCH {{base}}${DOC}
If-Match: ${readEtag}
Content-Type: application/merge-patch+json

${patchBody}
`;
    const document = await openHttpFile('patch-rebase.http', text);
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    await waitUntil(() => ext.panelState().view === 'response', 10_000, 'the read');
    // The other writer, straight to the server: the owner changes.
    const other = await fetch(`${api.url}/__control/other-writer?path=${DOC}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: '{"owner":"ben"}',
    });
    assert.equal(other.ok, true);
    const currentEtag = api.etag(DOC)!;
    assert.notEqual(currentEtag, readEtag);

    await sendIntoConflict(ext, document.uri, 1);
    await vscode.commands.executeCommand('httpConflicts.rebase', document.uri, 1);
    await waitUntil(() => document.getText().includes(currentEtag), 10_000, 'the rebase edit');
    const rebased = document.getText();
    assert.equal(
      rebased,
      text.replace(`If-Match: ${readEtag}`, `If-Match: ${currentEtag}`),
      'only the token moved; the patch is as written',
    );
    assert.ok(
      !rebased.includes('"ben"') && !rebased.includes('"author"'),
      'nothing of the server document was copied into the patch',
    );

    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), text, 'one undo brings back the file as it was');
    await vscode.commands.executeCommand('redo');
    assert.equal(document.getText(), rebased);

    await vscode.commands.executeCommand('httpConflicts.resend', document.uri, 1);
    await waitUntil(() => api.acceptedWrites.length === 1, 10_000, 'the resend');
    assert.deepEqual(
      api.document(DOC),
      { id: 1, title: 'Final report', owner: 'ben', meta: { author: 'ana', lang: 'de' } },
      "both writers' changes",
    );
  });
});
