// The line under a drawn body says what the panel holds: all of a body, or the start of a big
// one the host cut — how much of how much, and that Open in Editor shows the rest.
import { strict as assert } from 'node:assert';
import type { HttpResponse } from '../../src/core/send/send-model';
import { responseView } from '../../src/extension/panel-views';
import type { ResponseView } from '../../src/protocol';
import { usePanelBrowser } from './panel-browser';

declare const document: any;

/** What the host posts for a 200 application/json response with this body. */
function hostView(body: string): ResponseView {
  const response = {
    status: 200,
    statusText: 'OK',
    httpVersion: '1.1',
    headers: [['Content-Type', 'application/json']],
    body: Buffer.from(body),
    truncated: false,
    wireBytes: body.length,
    timings: { total: 2 },
    url: 'http://127.0.0.1/big',
    redirects: [],
    notices: [],
  } as unknown as HttpResponse;
  return responseView(response, []);
}

const oneLineArray = (items: number): string =>
  `[${Array.from({ length: items }, (_, id) => `{"id":${id},"name":"item ${id}"}`).join(',')}]`;

describe('response panel in a browser: the line under a drawn body', function () {
  this.timeout(60_000);
  const panel = usePanelBrowser();
  const drawn = async (): Promise<void> => {
    await panel.page.waitForFunction(
      () => document.querySelector('[data-testid="response-body"]')?.getAttribute('aria-busy') === 'false',
    );
  };

  it('says how much of how big a body the host cut, and that Open in Editor shows all of it', async () => {
    const response = hostView(oneLineArray(120_000));
    assert.ok(response.cut && response.sizeBytes > 3_000_000);
    await panel.open();
    await panel.send({ view: 'response', response });
    await drawn();
    const line = panel.page.getByTestId('response-body-progress');
    assert.ok(await line.isVisible(), 'the line stays on screen');
    assert.match(
      await line.innerText(),
      /^Showing the first 6\d KB of this 3\.\d MB body; Open in Editor shows all of it\.$/,
    );
    assert.equal(await panel.page.getByTestId('response-body-open-in-editor').isVisible(), true);
  });

  it('names the size of the body shown, when another body began with the very same text', async () => {
    const smaller = hostView(oneLineArray(120_000));
    const bigger = hostView(oneLineArray(150_000));
    assert.equal(bigger.body, smaller.body, 'the host sends the same start of both');
    await panel.open();
    await panel.send({ view: 'response', response: smaller });
    await drawn();
    await panel.send({ view: 'response', response: bigger });
    await drawn();
    assert.match(await panel.page.getByTestId('response-body-progress').innerText(), /of this 4\.8 MB body/);
    await panel.send({ view: 'response', response: { ...smaller } });
    await drawn();
    assert.match(await panel.page.getByTestId('response-body-progress').innerText(), /of this 3\.8 MB body/);
  });

  it('says it shows all of a body drawn whole', async () => {
    const response = hostView(oneLineArray(200));
    assert.ok(!response.cut);
    await panel.open();
    await panel.send({ view: 'response', response });
    await drawn();
    const line = panel.page.getByTestId('response-body-progress');
    assert.match(await line.evaluate((el: { textContent: string }) => el.textContent), /^Showing all \d+(\.\d)? KB\.$/);
    assert.equal(await line.isVisible(), false, 'nothing left to offer: no line');
  });
});
