// Hostile server content in a real browser under the panel's real CSP: javascript: URLs,
// style sheets and remote loads, control and bidi characters, and a 5 MB single line. All of
// it must arrive as text, load nothing, run nothing, and leave the panel responsive.
import { strict as assert } from 'node:assert';
import type { Request } from 'playwright-core';
import { usePanelBrowser } from './panel-browser';
import { jsonResponse, sentPut } from './panel-fixtures';

// These callbacks run in the page; the Node-side typecheck has no DOM library.
declare const window: any;
declare const document: any;

const beacon = 'http://127.0.0.1:9/beacon';

const hostileMarkup = [
  `<a href="javascript:window.__pwned=1">click me</a>`,
  `<iframe src="javascript:parent.__pwned=2"></iframe>`,
  `<form action="javascript:window.__pwned=3"><button>go</button></form>`,
  `<style>@import url(${beacon}.css); body { background: url(${beacon}.png) } #root { display: none }</style>`,
  `<link rel="stylesheet" href="${beacon}.css"><img src="${beacon}.gif" onerror="window.__pwned=4">`,
  `<svg><script>window.__pwned=5</script><animate onbegin="window.__pwned=6"/></svg>`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=7"><base href="${beacon}/">`,
  `</script><script>window.__pwned=8</script><!--`,
  `<div style="position:fixed;inset:0;background:url(${beacon}.jpg)" onmouseover="window.__pwned=9">x</div>`,
].join('\n');

const controlText = `A\u0000B\u0007C\u0008D\u001bE[31mred\u001b[0m\u007fF\u0085G\r\nH\tI\u000bJ\u000cK`;
const bidiText = `safe.txt\u202Egnp.exe \u2066isolated\u2069 \u200Bzero\u200Dwidth \u061Carabic-mark \uFEFFbom \uD800lone`;

describe('response panel with hostile content', function () {
  this.timeout(60_000);
  const panel = usePanelBrowser();

  /** Every request the page issues after it loaded; CSP-blocked loads never get here. */
  function watchRequests(): Request[] {
    const seen: Request[] = [];
    panel.page.on('request', (request) => seen.push(request));
    return seen;
  }

  async function assertNothingRan(seen: Request[]): Promise<void> {
    assert.equal(await panel.page.evaluate(() => window.__pwned), undefined, 'no payload ran');
    assert.equal(
      await panel.page
        .locator(
          '#root a, #root iframe, #root form, #root style, #root link, #root img, #root svg, #root meta, #root base, #root script',
        )
        .count(),
      0,
    );
    const { dialogs, violations } = await panel.recorded();
    assert.equal(dialogs, 0);
    assert.deepEqual(violations, [], 'nothing even tried to load or run');
    // The codicon font loads lazily from the panel's own dist/; nothing else may be fetched.
    const origin = new URL(panel.page.url()).origin;
    assert.deepEqual(
      seen.map((r) => r.url()).filter((url) => !url.startsWith(`${origin}/dist/`)),
      [],
      'no request left the panel',
    );
    assert.equal(new URL(panel.page.url()).pathname, '/', 'the page did not navigate');
  }

  it('shows javascript: URLs, style sheets, forms and remote loads in a body as text', async () => {
    await panel.open();
    const seen = watchRequests();
    await panel.send({
      view: 'response',
      request: sentPut,
      response: jsonResponse(hostileMarkup, { contentType: 'text/plain', headers: [['Content-Type', 'text/plain']] }),
    });
    const body = panel.page.getByTestId('response-body');
    await body.waitFor();
    assert.equal(await body.textContent(), hostileMarkup);
    assert.ok(await panel.page.locator('#root').isVisible(), 'a <style> in the body did not hide the panel');
    await assertNothingRan(seen);
  });

  it('does the same for an HTML body, which is highlighted but never parsed', async () => {
    await panel.open();
    const seen = watchRequests();
    await panel.send({
      view: 'response',
      request: sentPut,
      response: jsonResponse(hostileMarkup, { contentType: 'text/html', headers: [['Content-Type', 'text/html']] }),
    });
    const body = panel.page.getByTestId('response-body');
    await body.waitFor();
    const shown = (await body.textContent()) ?? '';
    for (const piece of [
      'javascript:window.__pwned=1',
      '@import url(',
      'onerror="window.__pwned=4"',
      '</script><script>',
    ])
      assert.ok(shown.includes(piece), piece);
    await body.click(); // a click on the text follows no link and submits no form
    await assertNothingRan(seen);
  });

  it('shows hostile headers, status text, notices and failure messages as text', async () => {
    await panel.open();
    const seen = watchRequests();
    await panel.send({
      view: 'response',
      request: {
        ...sentPut,
        url: 'javascript:window.__pwned=10',
        headers: [['X-Link', '<a href="javascript:alert(1)">x</a>']],
      },
      response: jsonResponse('{}', {
        statusText: `<style>#root{display:none}</style>${bidiText}`,
        headers: [
          ['Link', `<javascript:window.__pwned=11>; rel="preload"`],
          [`X-\u202Eevil`, 'value after a bidi override'],
          ['Refresh', '0;url=javascript:window.__pwned=12'],
        ],
        notices: [`<img src="${beacon}.gif">`],
      }),
    });
    await panel.page.getByTestId('response-body').waitFor();
    assert.match(
      (await panel.page.getByTestId('status-text').textContent()) ?? '',
      /^<style>#root\{display:none\}<\/style>safe\.txt\u202E/,
    );
    await panel.page.getByTestId('tab-headers').click();
    const cells = await panel.page
      .getByTestId('response-headers')
      .locator('tr', { hasText: 'value after a bidi override' })
      .locator('td')
      .allTextContents();
    assert.deepEqual(
      cells,
      ['X-\u202Eevil', 'value after a bidi override'],
      'name and value stay in cells of their own, so the override cannot move the value',
    );
    await panel.page.getByTestId('tab-request').click();
    assert.match(await panel.page.getByTestId('sent-request').innerText(), /javascript:window\.__pwned=10/);
    await panel.send({
      view: 'failure',
      request: sentPut,
      failure: {
        code: '<b>x</b>',
        message: `<img src="${beacon}.gif" onerror="window.__pwned=13"> javascript:window.__pwned=14 ${bidiText}`,
      },
    });
    assert.match(await panel.page.getByTestId('failure-message').innerText(), /^<img src=/);
    assert.equal(await panel.page.getByTestId('failure-code').innerText(), '<b>x</b>');
    await assertNothingRan(seen);
  });

  it('keeps control characters, bidi overrides and lone surrogates as the exact text that arrived', async () => {
    await panel.open();
    const text = `${controlText}\n${bidiText}`;
    await panel.send({
      view: 'response',
      request: sentPut,
      response: jsonResponse(text, { contentType: 'text/plain', headers: [['Content-Type', 'text/plain']] }),
    });
    const body = panel.page.getByTestId('response-body');
    await body.waitFor();
    // The browser keeps a lone surrogate in a text node as it is; everything else must be exact too.
    assert.equal(await body.evaluate((el: { textContent: string }) => el.textContent), text);
    assert.equal(
      await body
        .locator('*')
        .evaluateAll(
          (els: unknown[]) =>
            els.filter(
              (e: any) =>
                !e.className.startsWith('tok-') && !e.className.startsWith('body-slice') && e.tagName !== 'CODE',
            ).length,
        ),
      0,
      'no element made from the text',
    );
    await assertNothingRan([]);
  });

  it('renders a 5 MB body on a single line in slices and stays responsive', async () => {
    await panel.open();
    await panel.page.evaluate(() => {
      const line = `<script>window.__pwned=15</script>${'A\u202E'.repeat(5 * 512 * 1024)}`;
      window.__lineLength = line.length;
      const response = {
        status: 200,
        statusText: 'OK',
        httpVersion: '1.1',
        headers: [],
        contentType: 'text/plain',
        body: line,
        binary: false,
        sizeBytes: line.length,
        truncated: false,
        durationMs: 10,
        timings: {},
        notices: [],
      };
      window.postMessage({ type: 'state', state: { view: 'response', response } }, '*');
    });
    const body = panel.page.getByTestId('response-body');
    await body.waitFor();
    await panel.page.waitForFunction(
      () => document.querySelector('[data-testid="response-body"]').getAttribute('aria-busy') === 'false',
    );
    const shown = await body.evaluate((el: { textContent: string }) => el.textContent.length);
    assert.ok(shown > 0 && shown <= 300_000, `first batch of a single 5 MB line: ${shown} characters`);
    assert.equal(await body.locator('.body-lines').count(), 0, 'one line stays one line: no slice of it is a block');
    assert.ok(
      (await body.evaluate((el: { textContent: string }) => el.textContent)).startsWith(
        '<script>window.__pwned=15</script>A\u202E',
      ),
    );
    assert.match(await panel.page.getByTestId('response-body-progress').innerText(), /of 5(\.0)? MB/);
    // Responsive: the page answers a script call and a click right after the render.
    assert.equal(await panel.page.evaluate(() => 1 + 1), 2);
    await panel.page.getByTestId('response-body-show-more').click();
    await panel.page.waitForFunction(
      () => document.querySelector('[data-testid="response-body"]').getAttribute('aria-busy') === 'false',
    );
    const more = await body.evaluate((el: { textContent: string }) => el.textContent.length);
    assert.ok(more > shown && more <= 600_000, `after Show more: ${more}`);
    await assertNothingRan([]);
  });
});
