// Issue 13 item 3 through the editor: a server whose "current version" carries CR/LF and a
// whole request after it never gets that text into the user's .http file, and the write is
// never sent with it. The core refuses such a token (token-safety.ts); this proves the
// editor's Send → Refetch → Rebase → Resend path takes that refusal.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { startHostileApi, type HostileApi } from '../fixtures/servers/hostile-api-server';
import { activeApi, openHttpFile, runAnsweringPicks, type TestApi } from './conflict-workspace';
import { waitUntil } from './extension-under-test';

describe('A hostile current version with line breaks (issue 13.3)', function () {
  this.timeout(60_000);
  let api: HostileApi;
  let ext: TestApi;

  before(async () => {
    api = await startHostileApi();
    ext = await activeApi();
  });
  after(async () => api.close());

  it('is never written into the file nor sent', async () => {
    const text = `PUT ${api.url}/tokens/doc
Content-Type: application/json

{ "id": 7, "title": "Mine", "version": 7 }
`;
    const document = await openHttpFile('hostile-token.http', text);
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    await waitUntil(() => ext.panelState().conflict !== undefined, 10_000, 'the 409 as a conflict');
    // Give the automatic refetch its time, then try everything that could write or send the token.
    await waitUntil(
      () => api.requests.some((r) => r.method === 'GET' && r.path === '/tokens/doc'),
      10_000,
      'the refetch',
    );
    await new Promise((r) => setTimeout(r, 300));
    for (const command of ['httpConflicts.rebase', 'httpConflicts.resend', 'httpConflicts.resolve']) {
      await runAnsweringPicks(command, 'workbench.action.closeQuickOpen', document.uri, 0);
    }
    const now = document.getText();
    assert.ok(!now.includes('evil.invalid'), `the file gained the hostile text:\n${now}`);
    assert.ok(!now.includes('AWS_SECRET_ACCESS_KEY'));
    assert.equal(document.lineCount, text.split('\n').length, 'no line was added');
    // A command may send the request again as the user wrote it (with their own version 7,
    // which the server refuses again) — never with the hostile "current version".
    const sent = api.writes('/tokens/doc');
    assert.ok(sent.length >= 1);
    for (const write of sent) {
      assert.equal(
        write.bodyText,
        '{ "id": 7, "title": "Mine", "version": 7 }',
        "the body as written, with the user's own version",
      );
      assert.ok(!JSON.stringify(write.headers).includes('evil'), 'no hostile text in any header');
    }
    assert.ok(!api.requests.some((r) => r.path === '/steal'));
  });
});
