import { strict as assert } from 'node:assert';
import { sendRequest } from '../../../src/core/send/send-request';
import { closeSenderAgents } from '../../../src/core/send/agent-cache';
import { startFaultServer, type FaultServer } from '../../fixtures/fault-server';
import { Agent } from 'undici';
import { bodyJson, bodyText, expectFailure, expectResponse, testOptions } from './send-test-options';

/** Polls a condition a bounded number of times (a socket close reaches the server a moment later). */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('sendRequest transport faults', () => {
  let server: FaultServer;
  before(async () => (server = await startFaultServer()));
  after(async () => {
    await closeSenderAgents();
    await server.close();
  });

  it('reports a PUT whose connection was reset before any response as "may have reached the server"', async () => {
    const before = server.requests.filter((r) => r.path === '/reset-before-headers').length;
    const failure = expectFailure(
      await sendRequest(
        {
          method: 'PUT',
          url: `${server.url}/reset-before-headers`,
          headers: [],
          body: { kind: 'text', text: '{"a":1}' },
        },
        testOptions(),
      ),
    );
    assert.equal(failure.code, 'reset');
    assert.equal(failure.phase, 'headers');
    assert.equal(failure.mayHaveReachedServer, true);
    assert.match(failure.message, /PUT may have reached the server/);
    assert.equal(
      server.requests.filter((r) => r.path === '/reset-before-headers').length,
      before + 1,
      'sent exactly once, never retried',
    );
  });

  it('does not claim a GET reset before any response may have changed anything', async () => {
    const failure = expectFailure(
      await sendRequest({ method: 'GET', url: `${server.url}/reset-before-headers`, headers: [] }, testOptions()),
    );
    assert.equal(failure.code, 'reset');
    assert.equal(failure.mayHaveReachedServer, false);
  });

  it('reports a reset in the middle of the body with how much arrived', async () => {
    const failure = expectFailure(
      await sendRequest({ method: 'GET', url: `${server.url}/reset-mid-body?kb=12`, headers: [] }, testOptions()),
    );
    assert.equal(failure.code, 'reset');
    assert.equal(failure.phase, 'body');
    assert.match(failure.message, /^The connection was reset after 12 KB of 48 KB of the body arrived/);
  });

  it('reports a body shorter than its Content-Length as incomplete, with the counts', async () => {
    const failure = expectFailure(
      await sendRequest({ method: 'GET', url: `${server.url}/short-content-length`, headers: [] }, testOptions()),
    );
    assert.equal(failure.code, 'reset');
    assert.equal(failure.phase, 'body');
    assert.match(failure.message, /400 B of 1000 B of the body arrived; the response is incomplete/);
  });

  it('reports chunked encoding cut off before its last chunk as incomplete', async () => {
    const failure = expectFailure(
      await sendRequest({ method: 'GET', url: `${server.url}/truncated-chunked`, headers: [] }, testOptions()),
    );
    assert.equal(failure.phase, 'body');
    assert.ok(['reset', 'protocol'].includes(failure.code), failure.code);
    assert.match(failure.message, /incomplete/);
  });

  it('reports an invalid chunk size as a protocol error with the parser code', async () => {
    const failure = expectFailure(
      await sendRequest({ method: 'GET', url: `${server.url}/bad-chunk`, headers: [] }, testOptions()),
    );
    assert.equal(failure.code, 'protocol');
    assert.match(failure.cause ?? '', /^(HPE_|HTTPParserError)/);
    assert.match(failure.message, /not valid HTTP/);
  });

  it('times out a server that never sends headers, after the configured headers timeout', async () => {
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: `${server.url}/stall-headers`, headers: [] },
        testOptions({ headersTimeoutMs: 200 }),
      ),
    );
    assert.equal(failure.code, 'timeout');
    assert.equal(failure.phase, 'headers');
    assert.equal(failure.cause, 'UND_ERR_HEADERS_TIMEOUT');
    assert.match(failure.message, /^No response from 127\.0\.0\.1:\d+ within 0\.2 s\./);
  });

  it('times out a body that stops arriving, after the configured body timeout', async () => {
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: `${server.url}/stall-body`, headers: [] },
        testOptions({ bodyTimeoutMs: 200 }),
      ),
    );
    assert.equal(failure.code, 'timeout');
    assert.equal(failure.phase, 'body');
    assert.equal(failure.cause, 'UND_ERR_BODY_TIMEOUT');
    assert.match(failure.message, /stopped sending the body for 0\.2 s after 11 B of 1000 B arrived/);
  });

  it('stops a slow drip with the overall deadline although every chunk beats the body timeout', async () => {
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: `${server.url}/drip?ms=50&count=200`, headers: [] },
        testOptions({ bodyTimeoutMs: 5_000, totalTimeoutMs: 500 }),
      ),
    );
    assert.equal(failure.code, 'timeout');
    assert.equal(failure.phase, 'body');
    assert.match(failure.message, /did not finish within 0\.5 s/);
  });

  it('stops a server that never answers with the overall deadline, naming host and port', async () => {
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: `${server.url}/stall-headers`, headers: [] },
        testOptions({ headersTimeoutMs: 5_000, totalTimeoutMs: 300 }),
      ),
    );
    assert.equal(failure.code, 'timeout');
    assert.equal(failure.phase, 'headers');
    assert.match(failure.message, /^No response from 127\.0\.0\.1:\d+ within 0\.3 s/);
  });

  it('reads a slow drip completely when it ends within the deadline', async () => {
    const response = expectResponse(
      await sendRequest({ method: 'GET', url: `${server.url}/drip?ms=5&count=10`, headers: [] }, testOptions()),
    );
    assert.equal(bodyText(response), '..........');
  });

  it('times out a TLS handshake that never completes as a connect timeout', async () => {
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: `https://127.0.0.1:${server.silentPort}/`, headers: [] },
        testOptions({ connectTimeoutMs: 200 }),
      ),
    );
    assert.equal(failure.code, 'timeout');
    assert.equal(failure.phase, 'connect');
    assert.equal(failure.cause, 'UND_ERR_CONNECT_TIMEOUT');
    assert.match(failure.message, /^Could not connect to 127\.0\.0\.1:\d+ within 0\.2 s/);
  });
  it('reports a reset right after the headers, before any body byte, as an incomplete response', async () => {
    const failure = expectFailure(
      await sendRequest({ method: 'GET', url: `${server.url}/reset-after-headers`, headers: [] }, testOptions()),
    );
    assert.equal(failure.code, 'reset');
    assert.equal(failure.phase, 'body');
    assert.match(failure.message, /reset after 0 B of 4\.9 KB of the body arrived; the response is incomplete/);
  });

  it('reports a server that closes without a byte as closed before a response, and a PUT as maybe applied', async () => {
    const get = expectFailure(
      await sendRequest({ method: 'GET', url: `${server.url}/empty-reply`, headers: [] }, testOptions()),
    );
    assert.equal(get.code, 'reset');
    assert.match(get.message, /was closed before a response arrived\. Try again\./);
    const put = expectFailure(
      await sendRequest(
        { method: 'PUT', url: `${server.url}/empty-reply`, headers: [], body: { kind: 'text', text: '{}' } },
        testOptions(),
      ),
    );
    assert.equal(put.mayHaveReachedServer, true);
    assert.match(put.message, /PUT may have reached the server: refetch to check/);
  });

  // Malformed framing, each written byte for byte by the fault server: never a response, always a named failure.
  const malformed: Array<[route: string, what: string, code: string, words: RegExp]> = [
    [
      '/both-lengths',
      'Content-Length together with Transfer-Encoding',
      'protocol',
      /does not match its Content-Length.*incomplete/,
    ],
    [
      '/bad-content-length',
      'a Content-Length that is not a number',
      'protocol',
      /does not match its Content-Length.*incomplete/,
    ],
    [
      '/two-content-lengths',
      'two different Content-Length headers',
      'protocol',
      /does not match its Content-Length.*incomplete/,
    ],
    ['/chunk-overrun', 'a chunk longer than its declared size', 'protocol', /not valid HTTP/],
    ['/bad-status-line', 'a status line without a number', 'protocol', /not valid HTTP/],
    ['/not-http', 'a reply that is not HTTP at all', 'protocol', /not valid HTTP/],
    ['/nul-in-header', 'a NUL byte inside a header', 'protocol', /not valid HTTP/],
    ['/huge-header', 'a 64 KB Set-Cookie header', 'protocol', /headers .* are too large to read/],
  ];
  for (const [route, what, code, words] of malformed) {
    it(`fails with a plain message, never a response, for ${what}`, async () => {
      const failure = expectFailure(
        await sendRequest({ method: 'GET', url: `${server.url}${route}`, headers: [] }, testOptions()),
      );
      assert.equal(failure.code, code);
      assert.match(failure.message, words);
      assert.ok(failure.cause, 'the underlying code is kept for the log');
    });
  }

  it('tells the user a PUT answered with garbage may still have been applied', async () => {
    const failure = expectFailure(
      await sendRequest(
        { method: 'PUT', url: `${server.url}/not-http`, headers: [], body: { kind: 'text', text: '{}' } },
        testOptions(),
      ),
    );
    assert.equal(failure.code, 'protocol');
    assert.equal(failure.mayHaveReachedServer, true);
    assert.match(failure.message, /not valid HTTP .*PUT may have reached the server: refetch to check/);
  });

  it('keeps exactly the announced bytes when a server sends more than its Content-Length', async () => {
    const response = expectResponse(
      await sendRequest({ method: 'GET', url: `${server.url}/long-content`, headers: [] }, testOptions()),
    );
    assert.equal(bodyText(response), 'hello');
    assert.equal(response.truncated, false);
  });

  it('completes 200 concurrent sends and leaves no socket open afterwards', async function () {
    this.timeout(30_000);
    const dispatcher = new Agent({ connections: 32, keepAliveTimeout: 1_000 });
    const opened = server.connections();
    // Earlier tests may still hold kept-alive sockets from the shared agents; count only ours.
    const openBefore = server.openSockets();
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          sendRequest(
            {
              method: 'POST',
              url: `${server.url}/echo?n=${i}`,
              headers: [],
              body: { kind: 'text', text: `request ${i}` },
            },
            testOptions({ dispatcher }),
          ),
        ),
      );
      results.forEach((result, i) =>
        assert.equal(bodyJson<{ body: string }>(expectResponse(result)).body, `request ${i}`),
      );
      assert.ok(
        server.connections() - opened <= 32,
        `at most the pool size of new connections (${server.connections() - opened})`,
      );
    } finally {
      await dispatcher.close();
    }
    // Closing the agent ends every kept-alive connection; the server then holds none of ours.
    await waitUntil(() => server.openSockets() <= openBefore);
    assert.ok(server.openSockets() <= openBefore, `${server.openSockets() - openBefore} sockets left open`);
  });
});
