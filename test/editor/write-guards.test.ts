// Prevention in the editor: after a read returned an ETag, a write without a precondition to
// the same resource gets the `unguarded-write` hint; its quick fix inserts the header as one
// undoable edit, and the next send carries it.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import { extensionUnderTest, waitUntil } from './extension-under-test';

describe('Unguarded writes in the editor', function () {
  this.timeout(60_000);
  let api: ConflictApi;
  let document: vscode.TextDocument;

  before(async () => {
    api = await startConflictApi();
    await extensionUnderTest().activate();
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'unguarded.http');
    const text = `@base = ${api.url}\n\n### Read\n# @name doc\nGET {{base}}/etag/documents/42\n\n### Write without a precondition\nPUT {{base}}/etag/documents/42\nContent-Type: application/json\n\n{ "id": 42, "title": "Guarded now", "tags": ["finance"], "owner": "ana" }\n`;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.close();
  });

  const hint = () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'unguarded-write');

  it('hints nothing before a read has returned a version token', async () => {
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(hint(), undefined);
  });

  it('hints the write once the read returned an ETag', async () => {
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    await waitUntil(() => hint() !== undefined, 10_000, 'the unguarded-write hint');
    assert.equal(document.lineAt(hint()!.range.start.line).text.startsWith('PUT'), true);
    assert.match(hint()!.message, /overwrite someone else's change/);
  });

  it('adds If-Match from the named read as one undoable edit, and the next send carries it', async () => {
    const diagnostic = hint()!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title.startsWith('Add precondition'));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    const versionBefore = document.version;
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.version, versionBefore + 1, 'one edit');
    assert.match(document.getText(), /^If-Match: \{\{doc\.response\.headers\.ETag\}\}$/m);

    const before = api.requests.length;
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 1);
    const put = api.requests.slice(before).find((r) => r.method === 'PUT');
    assert.ok(put, 'the write was sent');
    assert.match(String(put.headers['if-match']), /^"/, 'the write carried the ETag');
    assert.equal(put.status, 200);
    await waitUntil(() => hint() === undefined, 10_000, 'the hint to go away');
  });
});

describe('A misspelt precondition in the editor (issue 14.9)', function () {
  this.timeout(60_000);
  let api: ConflictApi;

  before(async () => {
    api = await startConflictApi();
    await extensionUnderTest().activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.close();
  });

  it('the If-Macth quick fix renames the header in place as one edit, keeping its value', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'misspelt-if-match.http');
    const text = `@base = ${api.url}\n\n### Read\n# @name doc\nGET {{base}}/etag/documents/42\n\n### Write\nPUT {{base}}/etag/documents/42\nIf-Macth: {{doc.response.headers.ETag}}\nContent-Type: application/json\n\n{ "id": 42, "title": "Spelt right", "tags": ["finance"], "owner": "ana" }\n`;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const hint = () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'unguarded-write');
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    await waitUntil(() => hint() !== undefined, 10_000, 'the unguarded-write hint');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      hint()!.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => /If-Macth/.test(a.title));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    assert.equal(fix.title, 'Fix precondition: rename If-Macth to If-Match');
    const versionBefore = document.version;
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.version, versionBefore + 1, 'one edit');
    assert.equal(
      document.getText(),
      text.replace('If-Macth:', 'If-Match:'),
      'renamed where it stood, value kept, no second header',
    );
    await waitUntil(() => hint() === undefined, 10_000, 'the hint to go away');
  });
});
