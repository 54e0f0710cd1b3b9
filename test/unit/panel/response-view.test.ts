import { strict as assert } from 'node:assert';
import type { HttpResponse } from '../../../src/core/send/send-model';
import type { ConflictReport } from '../../../src/core/conflict/conflict-model';
import { conflictView, panelBodyLimit, responseView } from '../../../src/extension/panel-views';

function response(
  body: string,
  headers: Array<[string, string]> = [['Content-Type', 'application/json']],
): HttpResponse {
  return {
    status: 200,
    statusText: 'OK',
    httpVersion: '1.1',
    headers,
    body: Buffer.from(body),
    truncated: false,
    wireBytes: body.length,
    timings: { dns: 0, connect: 0, tls: 0, firstByte: 1, download: 1, total: 2 },
    url: 'http://127.0.0.1/x',
    redirects: [],
    notices: [],
  };
}

describe('what the panel is sent of a response', () => {
  it('sends a body up to the panel limit whole, without a notice', () => {
    const view = responseView(response('<p>a</p>', [['Content-Type', 'text/html']]), []);
    assert.equal(view.body, '<p>a</p>');
    assert.deepEqual(view.notices, []);
  });

  it('sends a JSON body re-indented, tokens as received', () => {
    const view = responseView(response('{"a":1.0,"big":12345678901234567890}'), []);
    assert.equal(view.body, '{\n  "a": 1.0,\n  "big": 12345678901234567890\n}');
    assert.deepEqual(view.notices, []);
  });

  it('sends the start of a 1.6 MB one-line JSON body formatted, not as one long line (issue 14 item 7)', () => {
    const item = '{"id":1234567,"name":"item","tags":["a","b"],"active":true},';
    const body = `[${item.repeat(Math.ceil((1.6 * 1024 * 1024) / item.length))}null]`;
    const view = responseView(response(body), []);
    assert.ok(view.body.length <= panelBodyLimit + 100);
    const lines = view.body.split('\n');
    assert.ok(lines.length > 1_000, `${lines.length} lines`);
    assert.ok(Math.max(...lines.map((l) => l.length)) < 100, 'no long line');
    assert.equal(lines[1], '  {');
    assert.equal(lines[2], '    "id": 1234567,');
    assert.match(view.notices.join(' '), /first \d+ KB \(formatted\) of this 1\.6 MB body: Open in Editor/);
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

  it('keeps the message for a 10 MB JSON body small: a few screens of it, not 256 K characters (issue 21)', () => {
    const item = '{"id":1234567,"name":"item","tags":["a","b"],"active":true}';
    const body = `[${Array.from({ length: Math.ceil(10_000_000 / item.length) }, () => item).join(',')}]`;
    const view = responseView(response(body), []);
    const message = JSON.stringify({ type: 'state', state: { view: 'response', response: view } });
    assert.ok(message.length < 80_000, `${message.length} characters posted`);
    assert.ok(view.body.split('\n').length > 1_000, 'still pages of it to scroll and Find');
    assert.equal(view.sizeBytes, body.length);
    assert.match(view.notices.join(' '), /first \d+ KB \(formatted\) of this 9\.7 MB body: Open in Editor/);
  });

  it('shows a big body from its start the same way whether its first part holds the view or not', () => {
    // 300 K spaces first: the part a big body is read from ends before 64 K characters of view.
    const item = '{"name":"café ☕","n":1}';
    const spaced = `[${' '.repeat(300_000)}${Array.from({ length: 20_000 }, () => item).join(',')}]`;
    const view = responseView(response(spaced), []);
    assert.ok(view.body.startsWith('[\n  {\n    "name": "café ☕",\n    "n": 1\n  },'), view.body.slice(0, 80));
    assert.match(view.notices.join(' '), /\(formatted\) of this/);
    // Multi-byte text cut mid-character where the part ends: never a replacement character.
    const text = '☕'.repeat(200_000);
    const plain = responseView(response(text, [['Content-Type', 'text/plain']]), []);
    assert.equal(plain.body, text.slice(0, panelBodyLimit));
    assert.ok(!plain.body.includes('\uFFFD'));
  });

  it('redacts secrets in headers before anything reaches the webview', () => {
    const view = responseView(response('{}', [['Set-Cookie', 'session=abc123']]), []);
    assert.deepEqual(view.headers, [['Set-Cookie', '•••']]);
  });
});

describe('the 428 view after Add Precondition (issue 14 item 7)', () => {
  const report: ConflictReport = {
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
  const input = { report, step: 'refetched' as const, hasBase: false, decisions: new Map<string, 'ours' | 'theirs'>() };

  it('asks for the precondition while the request has none', () => {
    const view = conflictView(input);
    assert.deepEqual(view.actions.addPrecondition, { enabled: true });
    assert.equal(view.actions.resend?.enabled, false);
  });

  it('offers Resend and marks Add Precondition done once the request carries If-Match', () => {
    const view = conflictView({ ...input, precondition: 'If-Match' });
    assert.deepEqual(view.actions.resend, { enabled: true });
    assert.equal(view.actions.addPrecondition?.enabled, false);
    assert.match(view.actions.addPrecondition?.reason ?? '', /now sends If-Match/);
    assert.match(view.banner, /now sends If-Match/);
    assert.doesNotMatch(JSON.stringify(view.actions), /Rebase onto the current version first/);
  });
});
