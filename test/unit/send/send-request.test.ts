import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { sendRequest } from '../../../src/core/send/send-request';
import { MockAgent } from 'undici';
import { closeSenderAgents, senderAgentCount } from '../../../src/core/send/agent-cache';
import { headerValue } from '../../../src/core/send/send-model';
import { startFaultServer, type FaultServer } from '../../fixtures/fault-server';
import { bodyJson, expectFailure, expectResponse, testOptions } from './send-test-options';

interface Echo {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body: string;
  bodyLength: number;
}

describe('sendRequest basics', () => {
  let server: FaultServer;
  before(async () => (server = await startFaultServer()));
  after(async () => {
    await closeSenderAgents();
    await server.close();
  });

  it('sends a GET and returns status, raw headers, body and the final URL', async () => {
    const response = expectResponse(
      await sendRequest({ method: 'GET', url: `${server.url}/echo?x=1`, headers: [['X-Trace', 'abc']] }, testOptions()),
    );
    assert.equal(response.status, 200);
    assert.equal(response.statusText, 'OK');
    assert.equal(response.httpVersion, '1.1');
    assert.equal(headerValue(response.headers, 'content-type'), 'application/json');
    const echo = bodyJson<Echo>(response);
    assert.equal(echo.method, 'GET');
    assert.equal(echo.path, '/echo?x=1');
    assert.deepEqual(
      echo.headers.find(([n]) => n === 'X-Trace'),
      ['X-Trace', 'abc'],
    );
    assert.equal(response.url, `${server.url}/echo?x=1`);
    assert.deepEqual(response.redirects, []);
    assert.deepEqual(response.notices, []);
    assert.equal(response.truncated, false);
    assert.equal(response.wireBytes, response.body.byteLength);
  });

  it('returns a 409 as a response, not a failure', async () => {
    const response = expectResponse(
      await sendRequest({ method: 'PUT', url: `${server.url}/status?code=409`, headers: [] }, testOptions()),
    );
    assert.equal(response.status, 409);
    assert.equal(response.statusText, 'Conflict');
  });

  it('sends a text body with its byte length as Content-Length', async () => {
    const text = 'naïve café ☕';
    const response = expectResponse(
      await sendRequest(
        { method: 'POST', url: `${server.url}/echo`, headers: [['Content-Length', '1']], body: { kind: 'text', text } },
        testOptions(),
      ),
    );
    const echo = bodyJson<Echo>(response);
    assert.equal(echo.body, text);
    assert.deepEqual(
      echo.headers.filter(([n]) => n.toLowerCase() === 'content-length').map(([, v]) => v),
      [String(Buffer.byteLength(text))],
    );
  });

  it('sends a bytes body unchanged', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await sendRequest(
      { method: 'POST', url: `${server.url}/echo`, headers: [], body: { kind: 'bytes', bytes } },
      testOptions(),
    );
    const recorded = server.requests.at(-1);
    assert.deepEqual([...(recorded?.body ?? [])], [0, 1, 2, 250, 255]);
    assert.equal(headerValue(recorded?.headers ?? [], 'content-length'), '5');
  });

  it('streams a body of unknown length chunked, and one of known length with Content-Length', async () => {
    const chunked = expectResponse(
      await sendRequest(
        {
          method: 'POST',
          url: `${server.url}/echo`,
          headers: [],
          body: { kind: 'stream', open: () => Readable.from([Buffer.from('part1,'), Buffer.from('part2')]) },
        },
        testOptions(),
      ),
    );
    const chunkedEcho = bodyJson<Echo>(chunked);
    assert.equal(chunkedEcho.body, 'part1,part2');
    assert.equal(headerValue(chunkedEcho.headers, 'transfer-encoding'), 'chunked');

    const sized = expectResponse(
      await sendRequest(
        {
          method: 'POST',
          url: `${server.url}/echo`,
          headers: [],
          body: { kind: 'stream', open: () => Readable.from([Buffer.from('12345')]), length: 5 },
        },
        testOptions(),
      ),
    );
    assert.equal(headerValue(bodyJson<Echo>(sized).headers, 'content-length'), '5');
  });

  it('reports a body stream that fails to open as a body-source failure, before any network', async () => {
    const before = server.requests.length;
    const failure = expectFailure(
      await sendRequest(
        {
          method: 'POST',
          url: `${server.url}/echo`,
          headers: [],
          body: {
            kind: 'stream',
            open: () => {
              throw new Error('ENOENT: no such file, open "payload.json"');
            },
          },
        },
        testOptions(),
      ),
    );
    assert.equal(failure.code, 'body-source');
    assert.match(failure.message, /payload\.json/);
    assert.equal(server.requests.length, before);
  });

  it('reports a body stream that errors while sending as a body-source failure', async () => {
    const failing = new Readable({
      read() {
        this.destroy(Object.assign(new Error('disk read failed'), { code: 'EIO' }));
      },
    });
    const failure = expectFailure(
      await sendRequest(
        { method: 'POST', url: `${server.url}/echo`, headers: [], body: { kind: 'stream', open: () => failing } },
        testOptions(),
      ),
    );
    assert.equal(failure.code, 'body-source');
    assert.match(failure.message, /disk read failed/);
  });

  it('refuses an invalid URL before any network', async () => {
    const failure = expectFailure(
      await sendRequest({ method: 'GET', url: 'http//missing-colon', headers: [] }, testOptions()),
    );
    assert.equal(failure.code, 'invalid-url');
    assert.equal(failure.phase, 'prepare');
    assert.equal(failure.mayHaveReachedServer, false);
  });

  it('refuses schemes other than http and https', async () => {
    for (const url of ['ftp://127.0.0.1/file', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const failure = expectFailure(await sendRequest({ method: 'GET', url, headers: [] }, testOptions()));
      assert.equal(failure.code, 'invalid-url', url);
    }
  });

  it('refuses a header value with a line break instead of letting it inject headers', async () => {
    const before = server.requests.length;
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: `${server.url}/echo`, headers: [['If-Match', '"v1"\r\nX-Injected: yes']] },
        testOptions(),
      ),
    );
    assert.equal(failure.phase, 'prepare');
    assert.match(failure.message, /If-Match/);
    assert.equal(server.requests.length, before);
  });

  it('reports connection refused with the host and port', async () => {
    const closed = await startFaultServer();
    const port = new URL(closed.url).port;
    await closed.close();
    const failure = expectFailure(
      await sendRequest({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: [] }, testOptions()),
    );
    assert.equal(failure.code, 'refused');
    assert.equal(failure.phase, 'connect');
    assert.equal(failure.cause, 'ECONNREFUSED');
    assert.equal(failure.message, `Connection refused by 127.0.0.1:${port} — is the server running?`);
    assert.equal(failure.mayHaveReachedServer, false);
  });

  it('reuses the kept-alive connection and reports zero connect phases for it', async () => {
    const options = testOptions({ connectTimeoutMs: 2_345 });
    const first = expectResponse(
      await sendRequest({ method: 'GET', url: `${server.url}/echo?first`, headers: [] }, options),
    );
    const firstConnection = server.requests.at(-1)?.connection;
    // undici marks the connection free again a tick after the body ends.
    await new Promise((resolve) => setImmediate(resolve));
    const second = expectResponse(
      await sendRequest({ method: 'GET', url: `${server.url}/echo?second`, headers: [] }, options),
    );
    assert.equal(server.requests.at(-1)?.connection, firstConnection, 'second request went over the same connection');
    assert.ok(first.timings.connect > 0, 'a fresh connection has a connect phase');
    assert.equal(second.timings.connect, 0);
    for (const timings of [first.timings, second.timings]) {
      assert.equal(timings.tls, undefined, 'plain http has no TLS phase to show, reused or not');
      assert.equal(timings.dns, undefined, 'an IP address has no lookup to show');
    }
    assert.ok(second.timings.total >= second.timings.firstByte);
  });

  it('reports a DNS phase when the host is a name that is looked up', async () => {
    const port = new URL(server.url).port;
    const response = expectResponse(
      await sendRequest(
        { method: 'GET', url: `http://localhost:${port}/echo`, headers: [] },
        testOptions({ connectTimeoutMs: 2_346 }),
      ),
    );
    assert.equal(response.status, 200);
    assert.ok((response.timings.dns ?? 0) > 0, `dns phase present (was ${response.timings.dns})`);
    assert.equal(response.timings.tls, undefined, 'plain http has no TLS phase');
  });

  it('uses an injected dispatcher as is, without creating one of its own', async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock
      .get('http://mocked.test')
      .intercept({ path: '/doc', method: 'GET' })
      .reply(200, 'from the injected dispatcher', { headers: { etag: '"m1"' } });
    const agentsBefore = senderAgentCount();
    try {
      const response = expectResponse(
        await sendRequest(
          { method: 'GET', url: 'http://mocked.test/doc', headers: [] },
          testOptions({ dispatcher: mock, connectTimeoutMs: 1_234 }),
        ),
      );
      assert.equal(Buffer.from(response.body).toString('utf8'), 'from the injected dispatcher');
      assert.equal(headerValue(response.headers, 'etag'), '"m1"');
      assert.equal(senderAgentCount(), agentsBefore);
      mock.assertNoPendingInterceptors();
    } finally {
      await mock.close();
    }
  });
});
