// What a server says is shown, never obeyed: markup in a body stays text, and a 409 that is
// not about versions is explained in the server's words without offering a rebase.
import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { GeneratedWorkspace } from '../fixtures/e2e-workspaces';
import { writeWorkspace } from '../fixtures/e2e-workspaces';
import type { Editor } from './harness';
import { startEditor, vsixUnderTest, waitUntil } from './harness';

// Each payload would leave a mark on the panel's document if it ever ran.
const hostileBody = [
  '<!doctype html>',
  '<html><body>',
  '<h1>Welcome</h1>',
  '<script>document.documentElement.dataset.pwned = "script"; alert("script ran")</script>',
  "<img src=x onerror=\"document.documentElement.dataset.pwned = 'img'; alert('img ran')\">",
  '</body></html>',
].join('\n');

function workspaceHttp(base: string, hostile: string): string {
  return `@base = ${base}
@hostile = ${hostile}

### A page with markup in it
GET {{hostile}}/welcome

### Sign Ana up again
POST {{base}}/problems/users
Content-Type: application/json

{ "email": "ana@example.com", "name": "Ana again" }
`;
}

async function startHostileServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(hostileBody),
    });
    response.end(hostileBody);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('Responses that must be shown, not obeyed', function () {
  this.timeout(180_000);
  let api: ConflictApi;
  let hostile: { server: Server; url: string };
  let workspace: GeneratedWorkspace;
  let editor: Editor;
  const dialogs: string[] = [];

  before(async () => {
    api = await startConflictApi();
    hostile = await startHostileServer();
    workspace = writeWorkspace('untrusted', { 'responses.http': workspaceHttp(api.url, hostile.url) });
    editor = await startEditor({ workspace: workspace.dir, vsix: vsixUnderTest() });
    editor.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss().catch(() => undefined);
    });
    await editor.openFile('responses.http');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await editor?.screenshot(`failed-${this.currentTest.fullTitle()}`).catch(() => undefined);
  });

  after(async () => {
    await editor?.stop();
    await api?.close();
    if (hostile) await new Promise<void>((resolve) => hostile.server.close(() => resolve()));
    workspace?.remove();
  });

  it('shows a body with <script> and <img onerror> as text, and none of it runs', async () => {
    await editor.clickCodeLens('Send Request', 0);
    await editor.waitForPanelText('<script>');
    const body = await (await editor.panelTestId('response-body')).textContent();
    assert.equal(body, hostileBody, 'the body is shown exactly as received, as text');

    const frame = await editor.panelFrame();
    const inPanel = (await frame.evaluate(`({
      images: document.querySelectorAll('img').length,
      scriptsInRoot: document.querySelectorAll('#root script').length,
      headings: document.querySelectorAll('#root h1:not(.empty h1)').length,
      pwned: document.documentElement.dataset.pwned ?? null,
    })`)) as { images: number; scriptsInRoot: number; headings: number; pwned: string | null };
    assert.deepEqual(inPanel, { images: 0, scriptsInRoot: 0, headings: 0, pwned: null });
    const pwnedAnywhere = await Promise.all(
      editor.page.frames().map((f) => f.evaluate('document.documentElement.dataset.pwned ?? null').catch(() => null)),
    );
    assert.deepEqual(
      pwnedAnywhere.filter((p) => p !== null),
      [],
      'no frame of the workbench was touched',
    );
    assert.deepEqual(dialogs, [], 'no dialog was opened');
    await editor.waitForNoNotification(/^Sending /);
    await editor.screenshot('panel-hostile-body');
  });

  it("explains a non-version 409 in the server's words, without offering a rebase", async () => {
    await editor.clickCodeLens('Send Request', 1);
    const text = await editor.waitForPanelText('Not a version conflict');
    assert.ok(await editor.panelHasTestId('not-a-version-conflict'), 'the explanation is shown');
    const said = await (await editor.panelTestId('server-message')).innerText();
    assert.match(said, /A user with email ana@example\.com already exists\./);
    for (const action of ['rebase', 'resend', 'resolve', 'takeTheirs', 'overwrite']) {
      assert.equal(await editor.panelHasTestId(`action-${action}`), false, `no ${action} button`);
    }
    const frame = await editor.panelFrame();
    assert.equal(
      await frame.getByRole('button', { name: /^(Rebase|Resend|Resolve)$/ }).count(),
      0,
      'no rebase offer by any name',
    );
    assert.match(text, /Duplicate email/);
    assert.equal(await frame.locator('#version-diff').count(), 0, 'no version diff');

    // Nothing is refetched for it, and the editor offers no "409 Conflict — Resolve".
    await waitUntil(
      'the POST to be recorded',
      () => api.requests.some((r) => r.method === 'POST' && r.status === 409) || undefined,
    );
    assert.deepEqual(
      api.requests.map((r) => `${r.method} ${r.url} ${r.status}`),
      ['POST /problems/users 409'],
    );
    assert.equal(await editor.page.locator('.codelens-decoration a', { hasText: 'Conflict — Resolve' }).count(), 0);
    assert.deepEqual(api.state('/problems/users')!.document, [{ id: 1, email: 'ana@example.com', name: 'Ana' }]);
    // The request is over: its progress toast must not linger over the panel.
    await editor.waitForNoNotification(/^Sending /);
    await editor.screenshot('panel-not-a-version-conflict');
  });
});
