import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { sendRequest } from '../../../src/core/send/send-request';
import { closeSenderAgents } from '../../../src/core/send/agent-cache';
import { headerValue } from '../../../src/core/send/send-model';
import { startFaultServer, type FaultServer } from '../../fixtures/fault-server';
import { bodyJson, bodyText, expectFailure, expectResponse, testOptions } from './send-test-options';

interface Echo {
  method: string;
  path: string;
  headers: Array<[string, string]>;
  body: string;
}

function redirectUrl(server: FaultServer, status: number, to: string): string {
  return `${server.url}/redirect?status=${status}&to=${encodeURIComponent(to)}`;
}

describe('sendRequest redirects', () => {
  let server: FaultServer;
  before(async () => (server = await startFaultServer()));
  after(async () => {
    await closeSenderAgents();
    await server.close();
  });

  it('follows a chain of redirects and lists every hop', async () => {
    const response = expectResponse(
      await sendRequest({ method: 'GET', url: `${server.url}/chain?n=3`, headers: [] }, testOptions()),
    );
    assert.equal(bodyText(response), 'end of chain');
    assert.deepEqual(response.redirects, [
      `${server.url}/chain?n=2`,
      `${server.url}/chain?n=1`,
      `${server.url}/chain?n=0`,
    ]);
    assert.equal(response.url, `${server.url}/chain?n=0`);
  });

  it('turns a PUT answered with 303 into a GET without body', async () => {
    const response = expectResponse(
      await sendRequest(
        {
          method: 'PUT',
          url: redirectUrl(server, 303, '/echo'),
          headers: [['Content-Type', 'application/json']],
          body: { kind: 'text', text: '{"a":1}' },
        },
        testOptions(),
      ),
    );
    const echo = bodyJson<Echo>(response);
    assert.equal(echo.method, 'GET');
    assert.equal(echo.body, '');
    assert.equal(headerValue(echo.headers, 'content-type'), undefined);
    assert.equal(headerValue(echo.headers, 'content-length'), undefined);
  });

  it('turns a POST answered with 301 or 302 into a GET', async () => {
    for (const status of [301, 302]) {
      const response = expectResponse(
        await sendRequest(
          { method: 'POST', url: redirectUrl(server, status, '/echo'), headers: [], body: { kind: 'text', text: 'x' } },
          testOptions(),
        ),
      );
      assert.equal(bodyJson<Echo>(response).method, 'GET', String(status));
    }
  });

  it('keeps method and body on 307 and 308, reopening a stream body for the second attempt', async () => {
    for (const status of [307, 308]) {
      let opened = 0;
      const response = expectResponse(
        await sendRequest(
          {
            method: 'PUT',
            url: redirectUrl(server, status, '/echo'),
            headers: [],
            body: {
              kind: 'stream',
              open: () => {
                opened += 1;
                return Readable.from([Buffer.from('{"title":"mine"}')]);
              },
            },
          },
          testOptions(),
        ),
      );
      const echo = bodyJson<Echo>(response);
      assert.deepEqual([echo.method, echo.body], ['PUT', '{"title":"mine"}'], String(status));
      assert.equal(opened, 2);
    }
  });

  it('stops with a clear message when a 307 needs a stream body that cannot be replayed', async () => {
    const once = Readable.from([Buffer.from('only once')]);
    const failure = expectFailure(
      await sendRequest(
        {
          method: 'PUT',
          url: redirectUrl(server, 307, '/echo'),
          headers: [],
          body: { kind: 'stream', open: () => once },
        },
        testOptions(),
      ),
    );
    assert.equal(failure.code, 'body-source');
    assert.match(failure.message, /cannot be replayed/);
  });

  it('stops after the maximum number of redirects', async () => {
    const before = server.requests.length;
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: `${server.url}/chain?n=5`, headers: [] },
        testOptions({ maxRedirects: 3 }),
      ),
    );
    assert.equal(failure.code, 'too-many-redirects');
    assert.match(failure.message, /Stopped after 3 redirects/);
    assert.equal(server.requests.length - before, 4, 'the first request and three followed redirects, no more');
  });

  it('reports a redirect loop', async () => {
    const failure = expectFailure(
      await sendRequest({ method: 'GET', url: `${server.url}/loop-a`, headers: [] }, testOptions()),
    );
    assert.equal(failure.code, 'redirect-loop');
    assert.match(failure.message, /loop-a was already visited/);
  });

  it('drops a header with an ordinary name that holds a private value on a cross-origin redirect, and keeps it same-origin', async () => {
    const secret = 'PRIVATE-tenant-7781';
    const headers: Array<[string, string]> = [
      ['X-Tenant', secret],
      ['X-Trace', 'keep-me'],
    ];
    const cross = expectResponse(
      await sendRequest(
        { method: 'GET', url: redirectUrl(server, 302, `${server.otherUrl}/echo`), headers },
        testOptions(),
        [secret],
      ),
    );
    const other = server.requests.at(-1);
    assert.equal(other?.server, 'other');
    assert.ok(!JSON.stringify(other?.headers).includes(secret), 'the private value must not reach the other origin');
    assert.equal(headerValue(other?.headers ?? [], 'x-trace'), 'keep-me');
    assert.match(cross.notices.join('\n'), /X-Tenant/);
    expectResponse(
      await sendRequest(
        { method: 'GET', url: redirectUrl(server, 302, `${server.url}/echo`), headers },
        testOptions(),
        [secret],
      ),
    );
    assert.equal(
      headerValue(server.requests.at(-1)?.headers ?? [], 'x-tenant'),
      secret,
      "same origin: the header is the user's to send",
    );
  });

  it('refuses to re-send a write body holding a private value to another origin on a 307/308, sending nothing there', async () => {
    const secret = 'PRIVATE-pw-5590';
    for (const status of [307, 308]) {
      const before = server.requests.filter((r) => r.server === 'other').length;
      const result = await sendRequest(
        {
          method: 'PUT',
          url: redirectUrl(server, status, `${server.otherUrl}/echo`),
          headers: [['Content-Type', 'application/json']],
          body: { kind: 'text', text: `{"password":"${secret}"}` },
        },
        testOptions(),
        [secret],
      );
      const failure = expectFailure(result);
      assert.equal(failure.code, 'redirect-refused');
      assert.match(failure.message, /another origin/);
      assert.ok(!failure.message.includes(secret));
      assert.equal(
        server.requests.filter((r) => r.server === 'other').length,
        before,
        `${status}: nothing reached the other origin`,
      );
    }
    // Without a private value in it, a 307 body follows the redirect as HTTP says.
    expectResponse(
      await sendRequest(
        {
          method: 'PUT',
          url: redirectUrl(server, 307, `${server.otherUrl}/echo`),
          headers: [],
          body: { kind: 'text', text: '{"title":"x"}' },
        },
        testOptions(),
        [secret],
      ),
    );
    assert.equal(server.requests.at(-1)?.server, 'other');
  });

  it('drops Authorization, Cookie and key-like headers on a cross-origin redirect, and says so', async () => {
    const response = expectResponse(
      await sendRequest(
        {
          method: 'GET',
          url: redirectUrl(server, 302, `${server.otherUrl}/echo`),
          headers: [
            ['Authorization', 'Bearer secret-1'],
            ['Cookie', 'sid=secret-2'],
            ['X-Api-Key', 'secret-3'],
            ['X-Auth-Token', 'secret-4'],
            ['Proxy-Authorization', 'Basic secret-5'],
            ['Accept', 'application/json'],
            ['X-Trace', 'keep-me'],
          ],
        },
        testOptions(),
      ),
    );
    const received = server.requests.at(-1);
    assert.equal(received?.server, 'other');
    const names = (received?.headers ?? []).map(([n]) => n.toLowerCase());
    for (const dropped of ['authorization', 'cookie', 'x-api-key', 'x-auth-token', 'proxy-authorization']) {
      assert.ok(!names.includes(dropped), `${dropped} must not reach the other origin`);
    }
    assert.ok(!JSON.stringify(received?.headers).includes('secret-'));
    assert.equal(headerValue(received?.headers ?? [], 'x-trace'), 'keep-me');
    assert.equal(headerValue(received?.headers ?? [], 'accept'), 'application/json');
    assert.deepEqual(response.notices, [
      `Not sent to ${server.otherUrl} after the redirect, because it is another origin: Authorization, Cookie, X-Api-Key, X-Auth-Token, Proxy-Authorization`,
    ]);
  });

  it('keeps credentials on a same-origin redirect', async () => {
    const response = expectResponse(
      await sendRequest(
        { method: 'GET', url: redirectUrl(server, 302, '/echo'), headers: [['Authorization', 'Bearer same-origin']] },
        testOptions(),
      ),
    );
    assert.equal(headerValue(bodyJson<Echo>(response).headers, 'authorization'), 'Bearer same-origin');
    assert.deepEqual(response.notices, []);
  });

  it('returns the 3xx itself when redirects are off', async () => {
    const before = server.requests.length;
    const response = expectResponse(
      await sendRequest(
        { method: 'PUT', url: redirectUrl(server, 307, '/echo'), headers: [], body: { kind: 'text', text: 'x' } },
        testOptions({ followRedirects: false }),
      ),
    );
    assert.equal(response.status, 307);
    assert.equal(headerValue(response.headers, 'location'), '/echo');
    assert.equal(bodyText(response), 'moved');
    assert.equal(server.requests.length, before + 1);
  });

  it('refuses to follow a redirect to a non-HTTP scheme', async () => {
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: redirectUrl(server, 302, 'file:///etc/passwd'), headers: [] },
        testOptions(),
      ),
    );
    assert.equal(failure.code, 'invalid-url');
  });
});
