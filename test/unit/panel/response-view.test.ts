import { strict as assert } from 'node:assert';
import type { HttpResponse } from '../../../src/core/send/send-model';
import { panelBodyLimit, responseView } from '../../../src/extension/panel-views';

function response(body: string, headers: Array<[string, string]> = [['Content-Type', 'application/json']]): HttpResponse {
  return {
    status: 200, statusText: 'OK', httpVersion: '1.1', headers, body: Buffer.from(body), truncated: false, wireBytes: body.length,
    timings: { dns: 0, connect: 0, tls: 0, firstByte: 1, download: 1, total: 2 }, url: 'http://127.0.0.1/x', redirects: [], notices: [],
  };
}

describe('what the panel is sent of a response', () => {
  it('sends a body up to the panel limit whole, without a notice', () => {
    const view = responseView(response('{"a":1}'), []);
    assert.equal(view.body, '{"a":1}');
    assert.deepEqual(view.notices, []);
  });

  it('sends only the first part of a 10 MB body, cut at a line end, and says so', () => {
    const line = `${'x'.repeat(99)}\n`;
    const body = line.repeat(100_000);
    const view = responseView(response(body, [['Content-Type', 'text/plain']]), []);
    assert.ok(view.body.length <= panelBodyLimit);
    assert.ok(view.body.endsWith('\n'));
    assert.ok(body.startsWith(view.body));
    assert.equal(view.sizeBytes, body.length, 'the size is the whole body');
    assert.match(view.notices.join(' '), /first \d+ KB of this 9\.5 MB body: Open in Editor/);
  });

  it('redacts secrets in headers before anything reaches the webview', () => {
    const view = responseView(response('{}', [['Set-Cookie', 'session=abc123']]), []);
    assert.deepEqual(view.headers, [['Set-Cookie', '•••']]);
  });
});
