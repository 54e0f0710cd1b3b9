// Big bodies in a real browser: what the host sends of them (re-indented JSON) and how the
// panel draws it — the first screen in the task that builds the view, the rest in slices,
// all of it in the DOM where Find can see it (harness in panel-browser.ts).
import { strict as assert } from 'node:assert';
import type { HttpResponse } from '../../src/core/send/send-model';
import { responseView } from '../../src/extension/panel-views';
import type { ResponseView } from '../../src/protocol';
import { usePanelBrowser } from './panel-browser';

// These callbacks run in the page; the Node-side typecheck has no DOM library.
declare const window: any;
declare const document: any;

/** A one-line JSON array of about `bytes`, each item with its own id. */
function oneLineJson(bytes: number): string {
  const items: string[] = [];
  let size = 2;
  for (let id = 0; size < bytes; id++) {
    const item = `{"id":${id},"name":"item ${id}","tags":["a","b"],"active":true,"price":12345678901234567890}`;
    items.push(item);
    size += item.length + 1;
  }
  return `[${items.join(',')}]`;
}

/** What the host posts for a 200 application/json response with this body. */
function hostView(body: string): ResponseView {
  const response: HttpResponse = {
    status: 200,
    statusText: 'OK',
    httpVersion: '1.1',
    headers: [['Content-Type', 'application/json']],
    body: Buffer.from(body),
    truncated: false,
    wireBytes: body.length,
    timings: { firstByte: 1, download: 1, total: 2 },
    url: 'http://127.0.0.1/big',
    redirects: [],
    notices: [],
  } as unknown as HttpResponse;
  return responseView(response, []);
}

describe('response panel in a browser: big bodies', function () {
  this.timeout(60_000);
  const panel = usePanelBrowser();
  const waitDrawn = async (): Promise<void> => {
    await panel.page.waitForFunction(
      () => document.querySelector('[data-testid="response-body"]')?.getAttribute('aria-busy') === 'false',
    );
  };

  it('pretty-prints a 1.6 MB one-line JSON body: the part shown is formatted and highlighted, and the notice says so', async () => {
    const response = hostView(oneLineJson(1.6 * 1024 * 1024));
    await panel.open();
    await panel.send({ view: 'response', response });
    await waitDrawn();
    const body = panel.page.getByTestId('response-body');
    const text: string = await body.evaluate((el: { textContent: string }) => el.textContent);
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(0, 4), ['[', '  {', '    "id": 0,', '    "name": "item 0",']);
    // The host sends 64 K characters of it (panel-views.ts): thousands of lines, not one.
    assert.ok(lines.length > 2_000, `${lines.length} lines`);
    assert.ok(
      await body.evaluate((el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth <= el.clientWidth),
      'no line runs off to the side',
    );
    assert.ok(text.includes('"price": 12345678901234567890'), 'numbers exactly as the server sent them');
    assert.ok((await body.locator('.tok-key').count()) > 1_000, 'highlighted');
    assert.match(
      await panel.page.getByTestId('notices').innerText(),
      /\(formatted\) of this 1\.6 MB body: Open in Editor/,
    );
    await panel.screenshot('panel-pretty-printed-1.6mb');
  });

  it('draws the first screen with the view and the rest in slices, all of it where Find can see it', async () => {
    const response = hostView(oneLineJson(10 * 1024 * 1024));
    await panel.open();
    // The first time the body is in the DOM (a microtask after the task that built the view),
    // before any later slice could run.
    await panel.page.evaluate(() => {
      new window.MutationObserver((_: unknown, observer: { disconnect(): void }) => {
        const body = document.querySelector('[data-testid="response-body"]');
        if (!body) return;
        window.__firstDrawn = body.textContent.length;
        observer.disconnect();
      }).observe(document.getElementById('root'), { childList: true, subtree: true });
    });
    await panel.send({ view: 'response', response });
    await waitDrawn();
    const first: number = await panel.page.evaluate(() => window.__firstDrawn);
    // About one screen (~75 lines), not more: the frame that shows the response styles and lays out all of it.
    assert.ok(first > 0 && first <= 3_000, `the first screen: ${first} characters`);
    assert.ok(response.body.slice(0, first).split('\n').length >= 40, 'at least a screenful of lines before any slice');
    const body = panel.page.getByTestId('response-body');
    assert.equal(
      await body.evaluate((el: { textContent: string }) => el.textContent),
      response.body,
      'everything the host sent is drawn, nothing twice',
    );
    const sizes: number[] = await body
      .locator('.body-slice')
      .evaluateAll((els: { textContent: string }[]) => els.map((e) => e.textContent.length));
    // 64 K characters in steps of at most 4 K: the first screen and more than ten slices.
    assert.ok(sizes.length > 10, `${sizes.length} slices`);
    assert.ok(
      sizes.slice(1).every((n) => n <= 4_000),
      'no slice bigger than one step',
    );
    // Find (the webview's find widget is the browser's find-in-page) reaches the last line drawn.
    const lastId = [...response.body.matchAll(/"id": (\d+)/g)].pop()?.[1];
    assert.ok(lastId);
    assert.equal(await panel.page.evaluate((needle: string) => window.find(needle), `"id": ${lastId},`), true);
    assert.match(await panel.page.getByTestId('notices').innerText(), /Open in Editor/);
  });

  it('keeps the drawn body when the next state only adds the "changed since" line (issue 21)', async () => {
    const response = hostView(oneLineJson(10 * 1024 * 1024));
    const request = { method: 'GET', url: 'http://127.0.0.1/big', headers: [] };
    await panel.open();
    await panel.send({ view: 'response', request, response });
    await waitDrawn();
    await panel.page.evaluate(() => (document.querySelector('[data-testid="response-body"]').__drawnBefore = true));
    await panel.send({
      view: 'response',
      request,
      response,
      history: { summary: '1 field changed since 10:42', changed: true },
    });
    await panel.page.getByTestId('history-line').waitFor();
    const body = panel.page.getByTestId('response-body');
    assert.equal(
      await body.evaluate((el: { __drawnBefore?: boolean }) => el.__drawnBefore === true),
      true,
      'the very body drawn before, not drawn again',
    );
    assert.equal(await body.evaluate((el: { textContent: string }) => el.textContent), response.body);

    // Another body is drawn anew.
    const other = hostView(oneLineJson(200 * 1024).replace('"item 0"', '"item zero"'));
    await panel.send({ view: 'response', request, response: other });
    // The history line leaves with the state that replaces it: the new state is on screen.
    await panel.page.getByTestId('history-line').waitFor({ state: 'detached' });
    await waitDrawn();
    assert.equal(await body.evaluate((el: { __drawnBefore?: boolean }) => el.__drawnBefore === true), false);
    assert.equal(await body.evaluate((el: { textContent: string }) => el.textContent), other.body);
  });

  it('leaves the response view in the document when the next state shows the same response (issue 21)', async () => {
    const response = hostView(oneLineJson(10 * 1024 * 1024));
    const request = { method: 'GET', url: 'http://127.0.0.1/big', headers: [] };
    await panel.open();
    await panel.send({ view: 'response', request, response });
    await waitDrawn();
    // Taking the drawn view out of the document and putting it back made the browser style
    // and lay out every drawn line again, in one task on the editor's thread.
    await panel.page.evaluate(() => {
      window.__removed = [];
      new window.MutationObserver((records: { removedNodes: ArrayLike<{ id?: string }> }[]) => {
        for (const record of records)
          for (const node of Array.from(record.removedNodes)) window.__removed.push(node.id || '(other)');
      }).observe(document.getElementById('root'), { childList: true, subtree: true });
    });
    await panel.send({
      view: 'response',
      request,
      response,
      history: { summary: '1 field changed since 10:42', changed: true },
    });
    await panel.page.getByTestId('history-line').waitFor();
    const removed: string[] = await panel.page.evaluate(() => window.__removed);
    assert.deepEqual(removed, [], 'nothing of the response view left the document');
    assert.equal(
      await panel.page.evaluate(() => document.getElementById('root').lastElementChild.id),
      'response',
      'the history line went in above it',
    );

    // A response that differs only in its headers is a new view.
    const renamed = { ...response, headers: [...response.headers, ['X-Trace', '1']] } as ResponseView;
    await panel.send({ view: 'response', request, response: renamed });
    await panel.page.getByTestId('history-line').waitFor({ state: 'detached' });
    assert.ok(
      (await panel.page.evaluate(() => window.__removed)).includes('response'),
      'the old response view was replaced',
    );
    assert.equal(await panel.page.locator('#tab-headers .badge').innerText(), '2', 'the new headers counted');
  });

  it('finishes drawing a body that left the screen for a moment and came back', async () => {
    const response = hostView(oneLineJson(10 * 1024 * 1024));
    await panel.open();
    // Three states in one task: the body's drawing has only its first screen when it leaves.
    await panel.page.evaluate((view: unknown) => {
      for (const state of [
        { view: 'response', response: view },
        { view: 'sending' },
        { view: 'response', response: view },
      ])
        window.postMessage({ type: 'state', state }, '*');
    }, response);
    await waitDrawn();
    assert.equal(
      await panel.page.getByTestId('response-body').evaluate((el: { textContent: string }) => el.textContent),
      response.body,
    );
  });
});
