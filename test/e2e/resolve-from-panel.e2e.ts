// Resolving conflicts with the response panel's own buttons: a body-version 409 rebased and
// resent (with an undo in between), and a merge where both writers changed the same field,
// which must be decided before anything is resent.
import { strict as assert } from 'node:assert';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { GeneratedWorkspace } from '../fixtures/e2e-workspaces';
import { lineStartingWith, writeWorkspace } from '../fixtures/e2e-workspaces';
import type { Editor } from './harness';
import { startEditor, vsixUnderTest, waitUntil } from './harness';

const versionedPath = '/versioned/documents/42';
const etagPath = '/etag/documents/42';

const versionedBody = `{
  "id": 42,
  "title": "Quarterly report (final)",
  "tags": ["finance"],
  "owner": "ana",
  "version": 5
}`;

function versionedHttp(base: string): string {
  return `@base = ${base}

### Read the document
# @name vdoc
GET {{base}}${versionedPath}

### Change its title
PUT {{base}}${versionedPath}
Content-Type: application/json

${versionedBody}
`;
}

function handoverHttp(base: string): string {
  return `@base = ${base}

### Read the page
# @name page
GET {{base}}${etagPath}

### Retitle the page and hand it to Bo
PUT {{base}}${etagPath}
If-Match: {{page.response.headers.ETag}}
Content-Type: application/json

{
  "id": 42,
  "title": "Q3 report",
  "tags": ["finance"],
  "owner": "bo"
}
`;
}

describe('Resolving conflicts from the response panel', function () {
  this.timeout(180_000);
  let api: ConflictApi;
  let workspace: GeneratedWorkspace;
  let editor: Editor;
  const puts = (path: string) => api.requests.filter((r) => r.method === 'PUT' && r.url === path);

  /** The panel shows a plain 200 response: the conflict view is gone. */
  async function panelShowsSuccess(): Promise<void> {
    await waitUntil('the panel to show 200 without a conflict', async () =>
      (await editor.panelHasTestId('conflict-banner'))
        ? undefined
        : (await (await editor.panelTestId('status-code')).textContent().catch(() => null)) === '200' || undefined,
    );
  }

  before(async () => {
    api = await startConflictApi();
    workspace = writeWorkspace('panel-buttons', {
      'versioned.http': versionedHttp(api.url),
      'handover.http': handoverHttp(api.url),
    });
    editor = await startEditor({ workspace: workspace.dir, vsix: vsixUnderTest() });
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

  describe('a stale body version (409)', () => {
    it('shows the 409 conflict view with the merge ready', async () => {
      await editor.openFile('versioned.http');
      await editor.clickCodeLens('Send Request', 0);
      await editor.waitForPanelText('"title": "Quarterly report",');
      api.otherWriter(versionedPath, { tags: ['finance', 'audited'] });
      await editor.clickCodeLens('Send Request', 1);

      await editor.waitForPanelText('Version conflict');
      await editor.waitForPanelText(/merged result/i);
      assert.deepEqual(
        puts(versionedPath).map((r) => r.status),
        [409],
      );
      await editor.page.locator('.codelens-decoration a', { hasText: '409 Conflict — Resolve' }).first().waitFor();
    });

    it('writes the merged body into the document when Rebase is clicked', async () => {
      await editor.clickTestId('action-rebase');
      const text = await editor.waitForEditorText('"audited"');
      assert.match(text, /"title": "Quarterly report \(final\)"/, "the user's title survives");
      assert.match(text, /"version": 6/, 'the version token is the current one');
      assert.equal(puts(versionedPath).length, 1, 'a rebase sends nothing');
    });

    it("restores the user's body on Ctrl+Z after the rebase", async () => {
      await editor.focusEditor('versioned.http');
      await editor.pressKeys('Control+Z');
      const text = await editor.waitForEditorText('"version": 5');
      assert.ok(text.includes(versionedBody), `the body as the user wrote it is back:\n${text}`);
      assert.doesNotMatch(text, /audited/);
    });

    it("stores both writers' changes after Rebase and Resend are clicked", async () => {
      await editor.clickTestId('action-rebase');
      await editor.waitForEditorText('"version": 6');
      await editor.clickTestId('action-resend');
      await waitUntil('a PUT that succeeds', () => puts(versionedPath).some((r) => r.status === 200) || undefined);
      await panelShowsSuccess();
      assert.deepEqual(
        puts(versionedPath).map((r) => r.status),
        [409, 200],
      );
      assert.deepEqual(api.state(versionedPath)!.document, {
        id: 42,
        title: 'Quarterly report (final)',
        tags: ['finance', 'audited'],
        owner: 'ana',
        version: 7,
      });
    });
  });

  describe('both writers changed the title', () => {
    let putLine: number;

    it('shows the conflict card and refuses to resend until it is decided', async () => {
      await editor.openFile('handover.http');
      putLine = lineStartingWith(handoverHttp(api.url), 'PUT ');
      await editor.clickCodeLens('Send Request', 0);
      // The panel still shows the last response ("Quarterly report (final)"): wait for this read's.
      await waitUntil(
        'the GET to reach the server',
        () => api.requests.some((r) => r.method === 'GET' && r.url === etagPath) || undefined,
      );
      await editor.waitForPanelText('"title": "Quarterly report",');
      api.otherWriter(etagPath, { title: 'Board report', tags: ['finance', 'audited'] });
      await editor.clickCodeLens('Send Request', 1);

      await editor.waitForPanelText(/conflicts to decide/i);
      const card = await (await editor.panelTestId('conflict-0')).innerText();
      assert.match(card, /Q3 report/);
      assert.match(card, /Board report/);
      assert.equal(await editor.panelHasTestId('conflict-1'), false, 'only the title conflicts');
      assert.ok(await (await editor.panelTestId('action-resend')).isDisabled(), 'Resend is disabled');

      // Rebasing does not decide the conflict: Resend stays refused, from the panel and the palette.
      await editor.clickTestId('action-rebase');
      await editor.waitForPanelText(/1 conflict\(s\) still need a decision/);
      // The clean part is merged in; the conflicting title keeps the user's value until decided.
      const rebased = await editor.waitForEditorText('"audited"');
      assert.match(rebased, /"title": "Q3 report"/);
      assert.ok(
        await (await editor.panelTestId('action-resend')).isDisabled(),
        'Resend is still disabled after the rebase',
      );
      await editor.gotoLine(putLine);
      await editor.runCommand('HTTP: Resend Request');
      const refusal = await editor.waitForNotification('Not resent');
      assert.match(refusal, /conflict/);
      assert.deepEqual(
        puts(etagPath).map((r) => r.status),
        [412],
        'no PUT reached the server after the conflict',
      );
    });

    it('stores both writers\' changes after "Take theirs", Rebase and Resend', async () => {
      await editor.clickTestId('take-theirs-0');
      // Decided, the card shows the choice and the merged result takes the server's title.
      await waitUntil(
        'the decision to reach the merged result',
        async () =>
          (/Taking theirs/.test(await (await editor.panelTestId('conflict-0')).innerText().catch(() => '')) &&
            /"title": "Board report"/.test(
              await (await editor.panelTestId('merged-text')).innerText().catch(() => ''),
            )) ||
          undefined,
      );
      await editor.clickTestId('action-rebase');
      const text = await editor.waitForEditorText('"Board report"');
      assert.match(text, /"owner": "bo"/, "the user's other change survives");
      await editor.clickTestId('action-resend');
      await waitUntil('a PUT that succeeds', () => puts(etagPath).some((r) => r.status === 200) || undefined);
      await panelShowsSuccess();
      assert.deepEqual(
        puts(etagPath).map((r) => r.status),
        [412, 200],
      );
      assert.deepEqual(api.state(etagPath)!.document, {
        id: 42,
        title: 'Board report',
        tags: ['finance', 'audited'],
        owner: 'bo',
      });
    });
  });
});
