// The response history's line on the panel, in a real browser (harness in panel-browser.ts):
// above a read of a URL read before, "N fields changed since HH:MM" — marked when something
// changed, quiet when nothing did — with Compare with Previous beside it.
import { strict as assert } from 'node:assert';
import type { PanelState } from '../../src/protocol';
import { usePanelBrowser } from './panel-browser';
import { hostileText, okState } from './panel-fixtures';

// These callbacks run in the page; the Node-side typecheck has no DOM library.
declare const window: any;

function withLine(summary: string, changed: boolean): PanelState {
  return { ...okState, history: { summary, changed } };
}

describe('response panel in a browser: what changed since the previous read', function () {
  this.timeout(30_000);
  const panel = usePanelBrowser();

  it('says "N fields changed since HH:MM" above the response, marked, and Compare with Previous asks the host', async () => {
    await panel.open();
    const summary = '2 fields changed since 10:42 (1 added, 1 changed); status 200 → 203';
    await panel.send(withLine(summary, true));
    const line = panel.page.getByTestId('history-line');
    await line.waitFor();
    assert.equal(await panel.page.getByTestId('history-summary').textContent(), summary);
    assert.match((await line.getAttribute('class')) ?? '', /\bchanged\b/);
    assert.equal(await line.getAttribute('role'), 'status', 'read out when it appears');
    assert.equal(await line.locator('.codicon-diff').count(), 2, 'the diff icon, and on the button');
    // The line comes before the response it speaks of.
    assert.equal(
      await panel.page.evaluate(() => {
        const all = [...window.document.querySelectorAll('[data-testid]')].map((e: any) => e.dataset.testid);
        return all.indexOf('history-line') < all.indexOf('response-body');
      }),
      true,
    );
    await panel.screenshot('panel-history-line');

    await panel.page.getByTestId('action-compareWithPrevious').click();
    const { posted, violations } = await panel.recorded();
    assert.deepEqual(posted.at(-1), { type: 'action', action: 'compareWithPrevious' });
    assert.deepEqual(violations, []);
  });

  it('says "No changes since HH:MM" unmarked, shows a hostile summary as text, and drops the line with the next response', async () => {
    await panel.open();
    await panel.send(withLine('No changes since 10:42', false));
    const line = panel.page.getByTestId('history-line');
    await line.waitFor();
    assert.equal(await panel.page.getByTestId('history-summary').textContent(), 'No changes since 10:42');
    assert.doesNotMatch((await line.getAttribute('class')) ?? '', /\bchanged\b/);
    assert.equal(await line.locator('.codicon-check').count(), 1);

    await panel.send(withLine(hostileText, true));
    await panel.page.getByTestId('history-summary').waitFor();
    assert.equal(await panel.page.getByTestId('history-summary').textContent(), hostileText);
    assert.equal(await panel.page.locator('#root img, #root script').count(), 0);
    assert.equal(await panel.page.evaluate(() => window.__pwned), undefined);

    await panel.send(okState);
    await panel.page.getByTestId('response-body').waitFor();
    assert.equal(await panel.page.getByTestId('history-line').count(), 0);
  });
});
