// The response panel in a real browser: empty, response, conflict, keyboard, webview state,
// in-flight and failure views (harness in panel-browser.ts).
import { strict as assert } from 'node:assert';
import { usePanelBrowser } from './panel-browser';
import { conflictState, duplicateKeyState, hostileText, jsonResponse, okState, sentPut } from './panel-fixtures';

// These callbacks run in the page; the Node-side typecheck has no DOM library.
declare const window: any;
declare const document: any;

describe('response panel in a browser', function () {
  this.timeout(30_000);
  const panel = usePanelBrowser();
  const openPanel = (saved?: unknown) => panel.open(saved);
  const send = panel.send;
  const recorded = panel.recorded;

  it('says ready first and explains how to send a request', async () => {
    await openPanel();
    assert.deepEqual((await recorded()).posted[0], { type: 'ready' });
    await send({ view: 'empty' });
    const text = await panel.page.locator('#empty-state').innerText();
    assert.match(text, /CodeLens/);
    assert.match(text, /Ctrl\+Alt\+R/);
    assert.match(text, /HTTP: Send Request/);
    await panel.screenshot('panel-empty');
    assert.deepEqual((await recorded()).violations, []);
  });

  it('shows hostile markup in a body, header and status as text and runs none of it', async () => {
    await openPanel();
    await send({
      view: 'response',
      request: sentPut,
      response: jsonResponse(hostileText, {
        contentType: 'text/html',
        statusText: hostileText,
        headers: [['X-Evil', hostileText]],
        notices: [hostileText],
      }),
    });
    const body = panel.page.getByTestId('response-body');
    await body.waitFor();
    assert.equal(await body.textContent(), hostileText);
    assert.equal(await panel.page.getByTestId('status-text').textContent(), hostileText);
    await panel.page.getByTestId('tab-headers').click();
    assert.match(await panel.page.getByTestId('response-headers').innerText(), /<img src=x onerror=/);
    assert.equal(await panel.page.locator('#root img, #root script').count(), 0);
    assert.equal(await panel.page.evaluate(() => window.__pwned), undefined);
    const { dialogs: opened, violations } = await recorded();
    assert.equal(opened, 0);
    assert.deepEqual(violations, [], 'nothing even tried to run inline');
  });

  it('pretty-prints and highlights a JSON body, and keeps the status, headers, request and timings reachable', async () => {
    await openPanel();
    await send(okState);
    const body = panel.page.getByTestId('response-body');
    await body.waitFor();
    assert.equal(await body.textContent(), JSON.stringify(JSON.parse(okState.response!.body), null, 2));
    assert.deepEqual(
      await body
        .locator('.tok-key')
        .evaluateAll((els: { textContent: string }[]) => els.slice(0, 3).map((e) => e.textContent)),
      ['"id"', '"title"', '"version"'],
    );
    assert.ok((await body.locator('.tok-number').count()) > 0);
    assert.ok((await body.locator('.tok-literal').count()) >= 2);
    assert.match(await panel.page.locator('#status-line').innerText(), /200\s+OK[\s\S]*84 ms/);
    await panel.screenshot('panel-response', true);

    await panel.page.getByTestId('tab-request').click();
    assert.match(
      await panel.page.getByTestId('sent-request').innerText(),
      /GET\s+http:\/\/localhost:3000\/documents\/42/,
    );
    await panel.page.getByTestId('tab-timings').click();
    assert.match(await panel.page.getByTestId('timings').innerText(), /Waiting for first byte\s+71 ms/);

    await panel.page.getByRole('button', { name: 'Copy as cURL' }).click();
    await panel.page.getByRole('button', { name: 'Open in Editor' }).click();
    const { posted } = await recorded();
    assert.deepEqual(posted.slice(1), [
      { type: 'action', action: 'copyAsCurl' },
      { type: 'action', action: 'openBody' },
    ]);
  });

  it('draws one batch of a 10 MB body in slices, then offers Show more for the next', async function () {
    // The webview formats and draws two 300 K batches of a 10 MB body it was handed whole (the
    // host itself never sends more than 64 K characters): about 20 s in headless Chromium on a
    // quiet 2-core machine, which the suite's 30 s left no room for under load.
    this.timeout(120_000);
    await openPanel();
    await panel.page.evaluate(() => {
      const item = '{"id":1234567,"name":"item","tags":["a","b"],"active":true},';
      const body = `[${item.repeat(Math.ceil((10 * 1024 * 1024) / item.length))}null]`;
      const response = {
        status: 200,
        statusText: 'OK',
        httpVersion: '1.1',
        headers: [],
        contentType: 'application/json',
        body,
        binary: false,
        sizeBytes: body.length,
        truncated: false,
        durationMs: 900,
        timings: {},
        notices: [],
      };
      window.postMessage({ type: 'state', state: { view: 'response', response } }, '*');
    });
    const body = panel.page.getByTestId('response-body');
    await body.waitFor({ timeout: 100_000 });
    await panel.page.waitForFunction(
      () => document.querySelector('[data-testid="response-body"]').getAttribute('aria-busy') === 'false',
      undefined,
      { timeout: 100_000 },
    );
    const firstLength = await body.evaluate((el: { textContent: string }) => el.textContent.length);
    assert.ok(firstLength > 250_000 && firstLength <= 300_000, `first batch has ${firstLength} characters`);
    assert.ok((await body.locator('.tok-key').count()) > 0, 'the drawn part is highlighted');
    assert.match(await panel.page.getByTestId('response-body-progress').innerText(), /of 10 MB/);
    await panel.page.getByTestId('response-body-show-more').click();
    await panel.page.waitForFunction(
      () => document.querySelector('[data-testid="response-body"]').getAttribute('aria-busy') === 'false',
      undefined,
      { timeout: 100_000 },
    );
    const secondLength = await body.evaluate((el: { textContent: string }) => el.textContent.length);
    assert.ok(secondLength > firstLength && secondLength <= 600_000, `after Show more: ${secondLength}`);
    assert.ok((await panel.page.getByRole('button', { name: 'Open in Editor' }).count()) >= 1);
  });

  it('shows the conflict: banner, dialect, evidence, tokens, server message, diff and decisions', async () => {
    await openPanel();
    await send(conflictState);
    const banner = panel.page.locator('#conflict-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), /your version "v5", current "v6"/);
    assert.equal(await panel.page.getByTestId('conflict-dialect').innerText(), 'HTTP validators (ETag + If-Match)');
    assert.match(await panel.page.getByTestId('conflict-details').innerText(), /high confidence \(95%\)/);
    assert.equal(await panel.page.getByTestId('conflict-evidence').locator('li').count(), 3);
    assert.match(await panel.page.getByTestId('conflict-tokens').innerText(), /"v5"[\s\S]*"v6"/);
    assert.match(await panel.page.getByTestId('server-message').innerText(), /modified by another user/);
    for (const title of [
      'What changed on the server (base → current)',
      'Your changes (base → yours)',
      'Merged result',
    ]) {
      assert.equal(await panel.page.getByRole('button', { name: title }).count(), 1, title);
    }
    assert.match(await panel.page.getByTestId('merged-text').innerText(), /"tags": \["draft", "reviewed"\]/);
    assert.match(await panel.page.getByTestId('conflict-0').innerText(), /Q3 report/);
    assert.match(await panel.page.getByTestId('conflict-1').innerText(), /\(absent\)/);
    assert.match(await panel.page.locator('#response-details').innerText(), /412\s+Precondition Failed/);

    await panel.screenshot('panel-conflict', true);

    await panel.page.getByTestId('conflict-0').getByRole('button', { name: 'Take theirs' }).click();
    await panel.page.getByTestId('conflict-1').getByRole('button', { name: 'Keep mine' }).click();
    await panel.page.getByRole('button', { name: 'Refetch' }).click();
    const { posted, violations } = await recorded();
    assert.deepEqual(posted.slice(1), [
      { type: 'decideConflict', conflictId: '/title', choice: 'theirs' },
      { type: 'decideConflict', conflictId: '/summary', choice: 'ours' },
      { type: 'action', action: 'refetch' },
    ]);
    assert.deepEqual(violations, []);
  });

  it('shows a decision the host recorded and keeps the keyboard focus through the update', async () => {
    await openPanel();
    await send(conflictState);
    const take = panel.page.getByTestId('take-theirs-0');
    await take.focus();
    await panel.page.keyboard.press('Enter');
    assert.deepEqual((await recorded()).posted.slice(1), [
      { type: 'decideConflict', conflictId: '/title', choice: 'theirs' },
    ]);
    await send({ ...conflictState, conflict: { ...conflictState.conflict!, decisions: { '/title': 'theirs' } } });
    await panel.page.waitForFunction(
      () => document.querySelector('[data-testid="take-theirs-0"]')?.getAttribute('aria-pressed') === 'true',
    );
    assert.equal(await panel.page.getByTestId('keep-mine-0').getAttribute('aria-pressed'), 'false');
    assert.match(await panel.page.getByTestId('conflict-0').innerText(), /Taking theirs/);
    assert.equal(await panel.page.evaluate(() => document.activeElement?.dataset.testid), 'take-theirs-0');
  });

  it('counts only the conflicts still undecided in the badges and the merged-result note', async () => {
    await openPanel();
    await send(conflictState);
    const mergedToggle = panel.page.getByTestId('merged-result-toggle');
    await mergedToggle.waitFor();
    assert.match(await mergedToggle.innerText(), /2 to decide/);
    await send({ ...conflictState, conflict: { ...conflictState.conflict!, decisions: { '/title': 'theirs' } } });
    await panel.page.waitForFunction(() =>
      /1 to decide/.test(document.querySelector('[data-testid="merged-result-toggle"]')?.textContent ?? ''),
    );
    assert.match(await panel.page.getByTestId('conflicts-toggle').innerText(), /conflicts to decide\s*1$/i);
    await send({
      ...conflictState,
      conflict: { ...conflictState.conflict!, decisions: { '/title': 'theirs', '/summary': 'ours' } },
    });
    await panel.page.waitForFunction(() =>
      /all decided/.test(document.querySelector('[data-testid="merged-result-toggle"]')?.textContent ?? ''),
    );
    assert.match(await panel.page.locator('#merged-result').innerText(), /The merge is clean/);
    assert.equal(
      await panel.page
        .getByTestId('conflict-1')
        .getByRole('button', { name: 'Keep mine' })
        .getAttribute('aria-pressed'),
      'true',
      'the decided cards stay, choice pressed',
    );
  });

  it('disables the quick fixes that do not apply and says why', async () => {
    await openPanel();
    await send(conflictState);
    const resend = panel.page.getByRole('button', { name: 'Resend' });
    await resend.waitFor();
    assert.equal(await resend.isDisabled(), true);
    assert.equal(await resend.getAttribute('title'), '2 conflicts remain — decide them first.');
    assert.equal(await panel.page.getByRole('button', { name: 'Resolve' }).isDisabled(), true);
    assert.equal(await panel.page.getByRole('button', { name: 'Rebase' }).isDisabled(), false);
    assert.match(await panel.page.getByTestId('action-reasons').innerText(), /Resend: 2 conflicts remain/);
    assert.equal(await panel.page.getByRole('button', { name: 'Overwrite…' }).isDisabled(), false);
  });

  it('explains a 409 that is not a version conflict and offers no rebase', async () => {
    await openPanel();
    await send(duplicateKeyState);
    await panel.page.locator('#conflict-banner').waitFor();
    assert.match(await panel.page.getByTestId('not-a-version-conflict').innerText(), /Rebasing would not help/);
    assert.match(await panel.page.getByTestId('server-message').innerText(), /already exists/);
    for (const name of ['Rebase', 'Resolve', 'Resend']) {
      assert.equal(await panel.page.getByRole('button', { name, exact: true }).count(), 0, name);
    }
    assert.equal(await panel.page.locator('#version-diff').count(), 0);
    await panel.screenshot('panel-not-a-version-conflict', true);
  });

  it('reaches every action with the keyboard and shows where the focus is', async () => {
    await openPanel();
    await send(conflictState);
    await panel.page.locator('#conflict-banner').waitFor();
    const reached = new Set<string>();
    let outline = '';
    for (let i = 0; i < 60; i++) {
      await panel.page.keyboard.press('Tab');
      const focused = await panel.page.evaluate(() => {
        const el = document.activeElement;
        return { tag: el.tagName, text: el.innerText ?? '', outline: window.getComputedStyle(el).outlineStyle };
      });
      if (focused.tag === 'BUTTON') {
        reached.add(focused.text.trim());
        if (focused.text.trim() === 'Take theirs') outline = focused.outline;
      }
    }
    for (const name of [
      'Refetch',
      'Rebase',
      'Compare Versions',
      'Keep mine',
      'Take theirs',
      'Copy Body',
      'Open in Editor',
    ]) {
      assert.ok(reached.has(name), `Tab reaches "${name}" (reached: ${[...reached].join(', ')})`);
    }
    assert.equal(reached.has('Resend'), false, 'a disabled action is skipped');
    assert.equal(outline, 'solid');
  });

  it('keeps only the arrangement in webview state and restores it after a reload', async () => {
    await openPanel();
    await send(okState);
    await panel.page.getByTestId('tab-headers').click();
    const { stored } = await recorded();
    assert.deepEqual(stored[stored.length - 1], { tab: 'headers', collapsed: [], scrollY: 0 });
    const saved = JSON.stringify(stored);
    assert.doesNotMatch(saved, /Quarterly report|ETag|localhost/, 'no body, header or URL in webview state');
    await panel.close();

    await openPanel({ tab: 'headers', collapsed: ['response-details'], scrollY: 0 });
    await send(okState);
    await panel.page.getByTestId('response-headers').waitFor();
    assert.equal(await panel.page.getByTestId('tab-headers').getAttribute('aria-selected'), 'true');
  });

  it('shows a request in flight with Cancel, and a failure in plain words with its code', async () => {
    await openPanel();
    await send({ view: 'sending', busy: 'Sending PUT /documents/42…', request: sentPut });
    await panel.page.getByTestId('cancel').click();
    assert.deepEqual((await recorded()).posted.slice(1), [{ type: 'action', action: 'cancel' }]);
    await send({
      view: 'failure',
      request: sentPut,
      failure: { code: 'ECONNREFUSED', message: 'Nothing is listening on localhost:3000.' },
    });
    assert.match(
      await panel.page.getByTestId('sent-request').innerText(),
      /PUT\s+http:\/\/localhost:3000\/documents\/42/,
    );
    assert.equal(
      await panel.page.getByTestId('failure-message').innerText(),
      'Nothing is listening on localhost:3000.',
    );
    assert.equal(await panel.page.getByTestId('failure-code').innerText(), 'ECONNREFUSED');
  });

  it('shows a cancelled request as cancelled, not as a red failure (issue 14.9)', async () => {
    await openPanel();
    await send({ view: 'failure', request: sentPut, failure: { code: 'aborted', message: 'Request cancelled.' } });
    const cancelled = panel.page.getByTestId('cancelled');
    await cancelled.waitFor();
    assert.equal(await cancelled.getAttribute('role'), 'status', 'announced politely, not as an alert');
    assert.equal(await panel.page.getByTestId('cancelled-message').innerText(), 'Request cancelled.');
    assert.equal(await panel.page.locator('[role="alert"], .failure, [data-testid="failure-code"]').count(), 0);
    assert.doesNotMatch(await panel.page.locator('#root').innerText(), /failed|error code/i);
    assert.match(
      await panel.page.getByTestId('sent-request').innerText(),
      /PUT\s+http:\/\/localhost:3000\/documents\/42/,
      'the request stays reachable',
    );
    await panel.screenshot('panel-cancelled');
  });
});
