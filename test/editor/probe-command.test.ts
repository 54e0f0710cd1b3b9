// The lost-update probe runs from its command in the editor with its code in dist/probe.js,
// required on first use (src/extension/lazy-probe.ts): the command must find that file in the
// extension, load it and answer — here, that a read is not a write it can test.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { openHttpFile } from './conflict-workspace';
import { extensionUnderTest } from './extension-under-test';

interface ProbeTestApi {
  reportedErrors(): readonly string[];
}

describe('The lost-update probe command', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('loads dist/probe.js on its first run and refuses a read without an error', async () => {
    const extension = extensionUnderTest();
    const api = (await extension.activate()) as ProbeTestApi;
    // Port 9 (discard): nothing is sent to it — the probe refuses a GET before any request.
    const document = await openHttpFile('probe-a-read.http', 'GET http://127.0.0.1:9/items/1\n');
    const errorsBefore = api.reportedErrors().length;
    await vscode.commands.executeCommand('httpConflicts.probe', document.uri, 0);
    assert.deepEqual(api.reportedErrors().slice(errorsBefore), [], 'the command ran without an error');
    const probeBundle = join(extension.extensionPath, 'dist', 'probe.js');
    assert.ok(require.cache[probeBundle], 'the probe came from dist/probe.js');
  });
});
