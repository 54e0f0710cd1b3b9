// A command that fails unexpectedly, inside a real extension host: the command settles
// (no unhandled rejection, no generic toast from VS Code) and the error boundary reports
// exactly one plain sentence, naming the command by its title.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { extensionUnderTest } from './extension-under-test';

interface Api {
  reportedErrors(): readonly string[];
}

describe('Unexpected errors in commands', function () {
  this.timeout(30_000);

  it('become one plain sentence from the boundary, and the command does not reject', async () => {
    const api = (await extensionUnderTest().activate()) as Api;
    const before = api.reportedErrors().length;
    // A CodeLens-style target naming a file that does not exist: opening it throws.
    const missing = vscode.Uri.file('/nonexistent-folder-for-the-error-test/requests.http');
    await vscode.commands.executeCommand('httpConflicts.send', missing, 0);
    const added = api.reportedErrors().slice(before);
    assert.equal(added.length, 1, `one report, got ${JSON.stringify(added)}`);
    assert.match(added[0], /^Send Request failed: /);
    assert.doesNotMatch(added[0], /\n/, 'one sentence, not a stack');
  });
});
