// Failure messages go to notifications, the log, the panel and CI output: whatever goes wrong,
// none of them may carry the request's credentials (URL userinfo, token query values,
// Authorization, Cookie, API keys). Every failure path here runs with all of them set.
import { strict as assert } from 'node:assert';
import { sendRequest } from '../../../src/core/send/send-request';
import { closeSenderAgents } from '../../../src/core/send/agent-cache';
import type { SendFailure } from '../../../src/core/send/send-model';
import { startFaultServer, type FaultServer } from '../../fixtures/fault-server';
import { expectFailure, testOptions } from './send-test-options';

const secrets = ['s3cr3t-A', 's3cr3t-B', 's3cr3t-C', 's3cr3t-D', 's3cr3t-E'];
const headers: Array<[string, string]> = [
  ['Authorization', 'Bearer s3cr3t-A'],
  ['Cookie', 'sid=s3cr3t-B'],
  ['X-Api-Key', 's3cr3t-C'],
];

function assertNoSecret(failure: SendFailure, where: string): void {
  const text = JSON.stringify(failure);
  for (const secret of secrets) assert.ok(!text.includes(secret), `${where}: "${secret}" leaked into ${text}`);
  assert.ok(!text.includes('u5er'), `${where}: the user name leaked into ${text}`);
}

describe('failure messages never carry credentials', () => {
  let server: FaultServer;
  let closedPort: number;
  before(async () => {
    server = await startFaultServer();
    const spare = await startFaultServer();
    closedPort = Number(new URL(spare.url).port);
    await spare.close();
  });
  after(async () => {
    await closeSenderAgents();
    await server.close();
  });

  const withCredentials = (base: string, path: string) => {
    const url = new URL(`${base}${path}`);
    url.username = 'u5er';
    url.password = 's3cr3t-D';
    url.searchParams.set('access_token', 's3cr3t-E');
    return url.href;
  };

  const routes: Array<[string, Partial<Parameters<typeof testOptions>[0]>]> = [
    ['/reset-before-headers', {}],
    ['/reset-after-headers', {}],
    ['/reset-mid-body?kb=4', {}],
    ['/short-content-length', {}],
    ['/truncated-chunked', {}],
    ['/bad-chunk', {}],
    ['/both-lengths', {}],
    ['/not-http', {}],
    ['/huge-header', {}],
    ['/invalid-gzip', {}],
    ['/encoded?enc=gzip,gzip,gzip,gzip,gzip,gzip', {}],
    ['/stall-headers', { headersTimeoutMs: 150 }],
    ['/stall-body', { bodyTimeoutMs: 150 }],
    ['/drip?ms=20&count=200', { totalTimeoutMs: 200 }],
    ['/loop-a', {}],
    ['/chain?n=5', { maxRedirects: 2 }],
    ['/redirect?to=javascript:alert(1)', {}],
    ['/redirect?to=http://[bad', {}],
  ];
  for (const [route, overrides] of routes) {
    it(`keeps them out of the failure for ${route}`, async () => {
      for (const method of ['GET', 'PUT']) {
        const body = method === 'PUT' ? { kind: 'text' as const, text: '{"token":"s3cr3t-A"}' } : undefined;
        const result = await sendRequest(
          { method, url: withCredentials(server.url, route), headers, ...(body ? { body } : {}) },
          testOptions(overrides),
        );
        assertNoSecret(expectFailure(result), `${method} ${route}`);
      }
    });
  }

  it('keeps them out of a refused connection', async () => {
    assertNoSecret(
      expectFailure(
        await sendRequest(
          { method: 'GET', url: withCredentials(`http://127.0.0.1:${closedPort}`, '/x'), headers },
          testOptions(),
        ),
      ),
      'refused',
    );
  });

  it('keeps them out of a cancelled request', async () => {
    // Cancelled once the server holds the request (an event, not a guessed delay).
    const controller = new AbortController();
    server.events.once('request', () => controller.abort());
    const result = await sendRequest(
      { method: 'GET', url: withCredentials(server.url, '/stall-headers'), headers },
      testOptions({ signal: controller.signal }),
    );
    assertNoSecret(expectFailure(result), 'cancel');
  });

  it('keeps them out of the message for a URL that cannot be parsed', async () => {
    for (const url of [
      'http://u5er:s3cr3t-D@exa mple.test/x',
      'http://u5er:s3cr3t-D@[::1/x?access_token=s3cr3t-E',
      'ftp://u5er:s3cr3t-D@127.0.0.1/x',
    ]) {
      assertNoSecret(expectFailure(await sendRequest({ method: 'GET', url, headers }, testOptions())), url);
    }
  });

  it('keeps them out of a header that cannot be sent', async () => {
    const result = await sendRequest(
      {
        method: 'GET',
        url: withCredentials(server.url, '/echo'),
        headers: [...headers, ['X-Bad', 'a\r\nInjected: s3cr3t-C']],
      },
      testOptions(),
    );
    assertNoSecret(expectFailure(result), 'header injection');
  });
});
