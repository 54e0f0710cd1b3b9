// The conflict view's quick fixes in a narrow panel, and a 428 after Add Precondition, in a
// real browser (harness in panel-browser.ts).
import { strict as assert } from 'node:assert';
import type { ConflictReport } from '../../src/core/conflict/conflict-model';
import { conflictView } from '../../src/extension/panel-views';
import type { ConflictView, PanelState } from '../../src/protocol';
import { usePanelBrowser } from './panel-browser';
import { conflictState, preconditionRequiredState, versionConflict } from './panel-fixtures';

// These callbacks run in the page; the Node-side typecheck has no DOM library.
declare const document: any;

const on = { enabled: true };
const longLine = `{"description": "${'a long merged value without a break '.repeat(12)}"}`;

/** A 428 after the refetch: the eight quick fixes a real one offers, and a merged preview with a long line. */
const eightFixes: PanelState = {
  ...preconditionRequiredState,
  conflict: {
    ...preconditionRequiredState.conflict!,
    step: 'refetched',
    theirsChanges: versionConflict.theirsChanges,
    merged: longLine,
    actions: {
      addPrecondition: on,
      refetch: on,
      rebase: on,
      resend: { enabled: false, reason: 'Rebase onto the current version first.' },
      resolve: on,
      compare: on,
      takeTheirs: on,
      overwrite: on,
    },
  },
};

/** A line-merge fallback: the merged text keeps conflict markers around long lines. */
const lineMerge: PanelState = {
  ...conflictState,
  conflict: {
    ...versionConflict,
    merged: `<<<<<<< yours\n${longLine}\n=======\n${longLine.replace('long', 'other')}\n>>>>>>> current`,
  },
};

describe('response panel in a browser: quick fixes', function () {
  this.timeout(30_000);
  const panel = usePanelBrowser();

  const assertFits = async (what: string): Promise<void> => {
    const fit = await panel.page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const buttons = [...document.querySelectorAll('#quick-fixes .toolbar button')];
      return {
        width,
        page: document.documentElement.scrollWidth,
        buttons: buttons.length,
        outside: buttons
          .filter((b: any) => b.getBoundingClientRect().right > width + 0.5)
          .map((b: any) => b.textContent),
        clipped: buttons.filter((b: any) => b.scrollWidth > b.clientWidth + 0.5).map((b: any) => b.textContent),
        rows: new Set(buttons.map((b: any) => Math.round(b.getBoundingClientRect().top))).size,
      };
    });
    assert.ok(fit.page <= fit.width, `${what}: the page is ${fit.page} px wide in a ${fit.width} px view`);
    assert.deepEqual(fit.outside, [], `${what}: buttons past the right edge`);
    assert.deepEqual(fit.clipped, [], `${what}: buttons with clipped text`);
    assert.ok(fit.rows > 1, `${what}: the bar wraps onto more rows`);
  };

  it('wraps eight quick fixes of a 428 in a narrow view: nothing runs off the side, nothing is clipped, Tab reaches each', async () => {
    await panel.open();
    await panel.page.setViewportSize({ width: 428, height: 900 });
    await panel.send(eightFixes);
    await panel.page.locator('#quick-fixes').waitFor();
    await assertFits('428');
    await panel.screenshot('panel-428-wrapped-buttons', true);
    // Keyboard: Tab walks the enabled buttons in their order.
    const enabled: string[] = await panel.page.evaluate(() =>
      [...document.querySelectorAll('#quick-fixes .toolbar button:not(:disabled)')].map((b: any) => b.dataset.testid),
    );
    await panel.page.locator(`[data-testid="${enabled[0]}"]`).focus();
    for (const id of enabled.slice(1)) {
      await panel.page.keyboard.press('Tab');
      assert.equal(await panel.page.evaluate(() => document.activeElement?.dataset?.testid), id);
    }
  });

  it('wraps the quick fixes of a line-merge fallback with long lines', async () => {
    await panel.open();
    await panel.page.setViewportSize({ width: 428, height: 900 });
    await panel.send(lineMerge);
    await panel.page.locator('#quick-fixes').waitFor();
    await assertFits('line merge');
    await panel.screenshot('panel-conflict-view', true);
  });

  it('offers Resend, and no stale hint, once a 428 request carries If-Match (issue 14 item 7)', async () => {
    const report = {
      kind: 'precondition-required',
      status: 428,
      dialectId: 'etag',
      dialectLabel: 'HTTP validators (ETag + If-Match)',
      confidence: 0.9,
      evidence: ['Response status 428'],
      staleTokens: [],
      currentTokens: [],
      summary: 'The server requires If-Match on this write.',
    } as unknown as ConflictReport;
    const view = (precondition?: string): ConflictView =>
      conflictView({ report, step: 'refetched', hasBase: false, decisions: new Map(), precondition });
    await panel.open();
    await panel.send({ ...preconditionRequiredState, conflict: view() });
    await panel.page.getByTestId('action-addPrecondition').waitFor();
    assert.equal(await panel.page.getByTestId('action-resend').isDisabled(), true);
    // The host re-sends the view once the request has the header (what Add Precondition writes).
    await panel.send({ ...preconditionRequiredState, conflict: view('If-Match') });
    await panel.page.waitForFunction(
      () => document.querySelector('[data-testid="action-addPrecondition"]')?.disabled === true,
    );
    assert.equal(await panel.page.getByTestId('action-resend').isEnabled(), true);
    const reasons = await panel.page.getByTestId('action-reasons').innerText();
    assert.match(reasons, /Add Precondition: Done: the request now sends If-Match\./);
    assert.doesNotMatch(reasons, /Rebase onto the current version first/);
    assert.match(await panel.page.locator('#conflict-banner').innerText(), /now sends If-Match/);
    await panel.page.getByTestId('action-resend').click();
    const posted = await panel.page.evaluate(() => (globalThis as any).__posted.slice(-1)[0]);
    assert.deepEqual(posted, { type: 'action', action: 'resend' });
  });
});
