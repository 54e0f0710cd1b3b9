// The user's loop against an API with ETag/If-Match: read a document, lose a race to another
// writer, see the 412 explained with the version diff, and resolve it from the command palette.
import { strict as assert } from 'node:assert';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { GeneratedWorkspace } from '../fixtures/e2e-workspaces';
import { lineStartingWith, writeWorkspace } from '../fixtures/e2e-workspaces';
import type { Editor } from './harness';
import { startEditor, vsixUnderTest, waitUntil } from './harness';

const path = '/etag/documents/42';

function documentsHttp(base: string): string {
  return `@base = ${base}

### Read the document
# @name doc
GET {{base}}${path}

### Change its title
PUT {{base}}${path}
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

{
  "id": 42,
  "title": "Quarterly report (final)",
  "tags": ["finance"],
  "owner": "ana"
}
`;
}

describe('A stale write to an ETag resource, resolved from the command palette', function () {
  this.timeout(180_000);
  let api: ConflictApi;
  let workspace: GeneratedWorkspace;
  let editor: Editor;
  let putLine: number;
  let staleTag: string;

  before(async () => {
    api = await startConflictApi();
    const text = documentsHttp(api.url);
    putLine = lineStartingWith(text, 'PUT ');
    workspace = writeWorkspace('etag-palette', { 'documents.http': text });
    editor = await startEditor({ workspace: workspace.dir, vsix: vsixUnderTest() });
    await editor.openFile('documents.http');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await editor?.screenshot(`failed-${this.currentTest.fullTitle()}`).catch(() => undefined);
  });

  after(async () => {
    await editor?.stop();
    await api?.close();
    workspace?.remove();
  });

  it('shows status 200 and the document when "Send Request" above the GET is clicked', async () => {
    await editor.clickCodeLens('Send Request', 0);
    await editor.waitForPanelText('"title": "Quarterly report",');
    assert.equal(await (await editor.panelTestId('status-code')).textContent(), '200');
    assert.match(await (await editor.panelTestId('response-body')).innerText(), /"title": "Quarterly report"/);
    assert.deepEqual(
      api.requests.map((r) => `${r.method} ${r.url} ${r.status}`),
      [`GET ${path} 200`],
    );
    await editor.waitForNoNotification(/^Sending /);
    await editor.screenshot('panel-response');
  });

  it('shows the conflict view — banner, dialect, version diff — when the PUT is stale', async () => {
    staleTag = api.state(path)!.version;
    api.otherWriter(path, { tags: ['finance', 'audited'] });
    const currentTag = api.state(path)!.version;
    await editor.clickCodeLens('Send Request', 1);

    // Section titles are upper-cased by CSS, and innerText reports them so.
    await editor.waitForPanelText('Version conflict');
    // The extension refetches the current version at once, so the diff fills in.
    const text = await editor.waitForPanelText(/merged result/i);
    assert.match(text, /what changed on the server/i);
    assert.match(text, /your changes/i);
    assert.match(await (await editor.panelTestId('conflict-dialect')).innerText(), /HTTP validators/);
    const tokens = await (await editor.panelTestId('conflict-tokens')).innerText();
    assert.ok(tokens.includes(staleTag) && tokens.includes(currentTag), `tokens: ${tokens}`);
    const diff = await (await editor.panelFrame()).locator('#version-diff').innerText();
    assert.match(diff, /tags/, 'the server-side change (tags) is listed');
    assert.match(diff, /title/, "the user's change (title) is listed");
    assert.ok(await editor.panelHasTestId('action-rebase'), 'Rebase is offered');

    const puts = api.requests.filter((r) => r.method === 'PUT');
    assert.deepEqual(
      puts.map((r) => r.status),
      [412],
    );
    assert.equal(puts[0].headers['if-match'], staleTag);
    await editor.page.locator('.codelens-decoration a', { hasText: '412 Conflict — Resolve' }).first().waitFor();
    await editor.waitForNoNotification(/^(Sending |Refetching )/);
    await editor.screenshot('panel-conflict');
  });

  it("stores both writers' changes after Refetch → Rebase → Resend from the palette", async () => {
    const readsBefore = api.requests.filter((r) => r.method === 'GET').length;
    await editor.gotoLine(putLine);
    await editor.runCommand('HTTP: Refetch Current Version');
    await waitUntil(
      'the refetch to reach the server',
      () => api.requests.filter((r) => r.method === 'GET').length > readsBefore || undefined,
    );

    await editor.gotoLine(putLine);
    await editor.runCommand('HTTP: Rebase Body on Current Version');
    const rebased = await editor.waitForEditorText('audited');
    assert.match(rebased, /"title": "Quarterly report \(final\)"/, "the user's title survives the rebase");
    assert.match(
      rebased,
      /If-Match: \{\{doc\.response\.headers\.ETag\}\}/,
      'the placeholder stays: it resolves to the refreshed read',
    );

    await editor.gotoLine(putLine);
    await editor.runCommand('HTTP: Resend Request');
    await waitUntil(
      'a PUT that succeeds',
      () => api.requests.some((r) => r.method === 'PUT' && r.status === 200) || undefined,
    );
    await waitUntil('the panel to show 200 without a conflict', async () =>
      (await editor.panelHasTestId('conflict-banner'))
        ? undefined
        : (await (await editor.panelTestId('status-code')).textContent().catch(() => null)) === '200' || undefined,
    );

    const stored = api.state(path)!.document as Record<string, unknown>;
    assert.deepEqual(stored, { id: 42, title: 'Quarterly report (final)', tags: ['finance', 'audited'], owner: 'ana' });
    assert.deepEqual(
      api.requests.filter((r) => r.method === 'PUT').map((r) => r.status),
      [412, 200],
    );
  });
});
