// Issue 14.6: what the editor shows stays true as the loop moves on — after Take Theirs,
// after the refetch, after the resend went through, and after a request that cannot be sent.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import { waitUntil } from './extension-under-test';
import type { TestApi } from './conflict-workspace';
import { activeApi, openHttpFile, sendIntoConflict } from './conflict-workspace';

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
`;

describe('The view stays truthful (issue 14.6)', function () {
  this.timeout(60_000);
  let api: ConflictApi;
  let ext: TestApi;
  let document: vscode.TextDocument;
  const conflictDiagnostic = () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'conflict');

  beforeEach(async function () {
    api = await startConflictApi();
    ext = await activeApi();
    document = await openHttpFile(
      `truthful-${this.currentTest!.title.replace(/\W+/g, '-').slice(0, 30)}.http`,
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

  it('after the refetch, the diagnostic names the current version instead of asking for a refetch', async () => {
    const current = api.state(path)!.version;
    await waitUntil(
      () => conflictDiagnostic()?.message.includes(current) === true,
      5_000,
      `the diagnostic to name ${current}: ${conflictDiagnostic()?.message}`,
    );
    assert.doesNotMatch(conflictDiagnostic()!.message, /refetch to see/);
  });

  it('after Take Theirs, the panel says so and offers nothing left to resolve; the editor drops the conflict marks', async () => {
    await vscode.commands.executeCommand('httpConflicts.takeTheirs', document.uri, 1);
    const conflict = ext.panelState().conflict!;
    assert.match(conflict.banner, /took the current version/);
    assert.deepEqual(conflict.conflicts, []);
    for (const action of ['rebase', 'resend', 'resolve', 'takeTheirs', 'overwrite'] as const) {
      assert.equal(conflict.actions[action]?.enabled, false, action);
    }
    assert.equal(conflict.actions.compare?.enabled, true);
    await waitUntil(() => conflictDiagnostic() === undefined, 5_000, 'the conflict diagnostic to go');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      document.uri,
    );
    assert.ok(!lenses.some((l) => /Conflict — Resolve/.test(l.command?.title ?? '')));
  });

  it('a resend that goes through closes the loop: "Resolved: merged 1 change from the server"', async () => {
    await vscode.commands.executeCommand('httpConflicts.rebase', document.uri, 1);
    await vscode.commands.executeCommand('httpConflicts.resend', document.uri, 1);
    const state = ext.panelState();
    assert.equal(state.response?.status, 200);
    assert.equal(state.conflict, undefined, 'the conflict view is gone');
    assert.equal(state.response?.notices[0], 'Resolved: merged 1 change from the server.');
    assert.equal(conflictDiagnostic(), undefined);
  });

  it('a request that cannot be sent replaces the previous result in the panel', async () => {
    const broken = await openHttpFile(
      'truthful-broken.http',
      `GET ${api.url}/etag/{{missingThing}}\n\n###\n\nGET ${api.url}${path}\nThis line is no header\n`,
    );
    await vscode.commands.executeCommand('httpConflicts.send', broken.uri, 0);
    assert.match(ext.panelState().failure?.message ?? '', /missingThing/);
    await vscode.commands.executeCommand('httpConflicts.send', broken.uri, 1);
    const failure = ext.panelState().failure?.message ?? '';
    assert.doesNotMatch(failure, /missingThing/, "the previous request's error is gone");
    assert.match(failure, /line 6/);
  });
});
