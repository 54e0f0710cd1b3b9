// The lost-update probe's result and the 428 quick fix, in a real browser (harness in
// panel-browser.ts).
import { strict as assert } from 'node:assert';
import type { PanelState } from '../../src/protocol';
import { usePanelBrowser } from './panel-browser';
import { hostileText, lostUpdatesProbe, preconditionRequiredState, protectedProbe, sentPut } from './panel-fixtures';

// These callbacks run in the page; the Node-side typecheck has no DOM library.
declare const window: any;

describe('response panel in a browser: lost-update probe and precondition', function () {
  this.timeout(30_000);
  const panel = usePanelBrowser();

  it('shows a protected API as protected, with what was probed and one row per write', async () => {
    await panel.open();
    await panel.send({ view: 'probe', request: sentPut, probe: protectedProbe });
    const verdict = panel.page.locator('#probe-verdict');
    await verdict.waitFor();
    assert.match(await verdict.innerText(), /Protected/);
    assert.match(await verdict.innerText(), /no change was silently lost/);
    assert.match((await verdict.getAttribute('class')) ?? '', /banner-probe-protected/);
    assert.match(
      await panel.page.getByTestId('probe-target').innerText(),
      /^PUT\s+http:\/\/localhost:3000\/documents\/42$/,
    );
    assert.equal(await panel.page.getByTestId('probe-summary').innerText(), protectedProbe.summary);
    assert.equal(await panel.page.getByTestId('probe-dialect').innerText(), 'HTTP validators (ETag + If-Match)');
    assert.equal(await panel.page.getByTestId('probe-requires-precondition').innerText(), 'yes');
    assert.equal(await panel.page.locator('[data-testid^="probe-row-"]').count(), 4);
    const cells = async (i: number) => panel.page.getByTestId(`probe-row-${i}`).locator('th, td').allInnerTexts();
    assert.deepEqual(await cells(0), ['Write 1 (If-Match "v5")', '200 OK', 'accepted', 'New ETag "v6".']);
    assert.deepEqual(await cells(2), ['Write 3 (If-Match "v5")', '412 Precondition Failed', 'refused', '']);
    assert.deepEqual(await cells(3), [
      'Without If-Match',
      '428 Precondition Required',
      'refused',
      'The API insists on a precondition.',
    ]);
    await panel.screenshot('panel-probe', true);
    assert.deepEqual((await panel.recorded()).violations, []);
  });

  it('warns about lost updates and keeps hostile text in the summary, label and detail as text', async () => {
    await panel.open();
    await panel.send({ view: 'probe', probe: lostUpdatesProbe });
    const verdict = panel.page.locator('#probe-verdict');
    await verdict.waitFor();
    assert.match(await verdict.innerText(), /Lost updates/);
    assert.match((await verdict.getAttribute('class')) ?? '', /banner-probe-lost-updates/);
    assert.equal(await panel.page.getByTestId('probe-summary').textContent(), hostileText);
    assert.equal(await panel.page.getByTestId('probe-row-0').locator('td').nth(2).textContent(), hostileText);
    assert.equal(await panel.page.getByTestId('probe-row-1').locator('th').textContent(), hostileText);
    assert.deepEqual(await panel.page.getByTestId('probe-row-2').locator('td').allInnerTexts(), [
      'no response',
      'no response',
      'Connection reset.',
    ]);
    assert.equal(await panel.page.getByTestId('probe-requires-precondition').innerText(), 'not tested');
    assert.equal(await panel.page.getByTestId('probe-dialect').innerText(), 'none recognised');
    assert.equal(await panel.page.locator('#root img, #root script').count(), 0);
    assert.equal(await panel.page.evaluate(() => window.__pwned), undefined);
    const { dialogs, violations } = await panel.recorded();
    assert.equal(dialogs, 0);
    assert.deepEqual(violations, [], 'nothing even tried to run inline');
    await panel.screenshot('panel-probe-lost-updates', true);
  });

  it('calls an inconclusive probe inconclusive and says when the precondition was not required', async () => {
    await panel.open();
    await panel.send({
      view: 'probe',
      probe: { ...protectedProbe, verdict: 'inconclusive', requiresPrecondition: false, writes: [] },
    });
    const verdict = panel.page.locator('#probe-verdict');
    await verdict.waitFor();
    assert.match(await verdict.innerText(), /Inconclusive/);
    assert.equal(await panel.page.getByTestId('probe-requires-precondition').innerText(), 'no');
    assert.equal(await panel.page.getByTestId('probe-writes').innerText(), 'No writes were sent.');
  });

  it('keeps the Cancel button above a probe that is still running', async () => {
    await panel.open();
    const running: PanelState = {
      view: 'probe',
      busy: 'Probing PUT /documents/42…',
      probe: { ...protectedProbe, verdict: 'inconclusive' },
    };
    await panel.send(running);
    await panel.page.getByTestId('cancel').click();
    assert.deepEqual((await panel.recorded()).posted.slice(1), [{ type: 'action', action: 'cancel' }]);
  });

  it('offers Add Precondition first for a 428 and posts it', async () => {
    await panel.open();
    await panel.send(preconditionRequiredState);
    const add = panel.page.getByTestId('action-addPrecondition');
    await add.waitFor();
    assert.equal(await add.innerText(), 'Add Precondition');
    assert.equal(await add.isDisabled(), false);
    assert.match((await add.getAttribute('class')) ?? '', /\bprimary\b/);
    assert.equal(
      await panel.page.locator('#quick-fixes button').count(),
      2,
      'only what the host offered: Add Precondition and Refetch',
    );
    assert.match(await panel.page.locator('#conflict-banner').innerText(), /requires a version check/);
    assert.equal(await panel.page.locator('#version-diff').count(), 0, 'nothing fetched yet, so no empty diff');
    await add.click();
    assert.deepEqual((await panel.recorded()).posted.slice(1), [{ type: 'action', action: 'addPrecondition' }]);
    await panel.screenshot('panel-precondition-required', true);
  });

  it("shows Add Precondition disabled with the host's reason", async () => {
    await panel.open();
    const reason = 'The server named no version token to send.';
    await panel.send({
      ...preconditionRequiredState,
      conflict: {
        ...preconditionRequiredState.conflict!,
        actions: { addPrecondition: { enabled: false, reason }, refetch: { enabled: true } },
      },
    });
    const add = panel.page.getByTestId('action-addPrecondition');
    await add.waitFor();
    assert.equal(await add.isDisabled(), true);
    assert.equal(await add.getAttribute('title'), reason);
    assert.match(
      await panel.page.getByTestId('action-reasons').innerText(),
      /Add Precondition: The server named no version token/,
    );
    assert.match((await panel.page.getByTestId('action-refetch').getAttribute('class')) ?? '', /\bprimary\b/);
  });

  it('shows the version diff for a 428 once the host refetched and merged', async () => {
    await panel.open();
    await panel.send({
      ...preconditionRequiredState,
      conflict: {
        ...preconditionRequiredState.conflict!,
        step: 'refetched',
        hasBase: true,
        theirsChanges: [{ at: '/title', kind: 'changed', before: '"a"', after: '"b"' }],
      },
    });
    await panel.page.locator('#version-diff').waitFor();
    assert.match(await panel.page.locator('#version-diff').innerText(), /\/title/);
  });
});
