import { strict as assert } from 'node:assert';
import { sendRequest } from '../../../src/core/send/send-request';
import { closeSenderAgents } from '../../../src/core/send/agent-cache';
import { headerValue } from '../../../src/core/send/send-model';
import { startFaultServer, type FaultServer } from '../../fixtures/fault-server';
import { startForwardProxy, type ForwardProxy } from '../../fixtures/send-forward-proxy';
import { bodyJson, expectFailure, expectResponse, testOptions } from './send-test-options';

describe('sendRequest through a proxy', () => {
  let server: FaultServer;
  let proxy: ForwardProxy;
  before(async () => {
    server = await startFaultServer();
    proxy = await startForwardProxy();
  });
  after(async () => {
    await closeSenderAgents();
    await proxy.close();
    await server.close();
  });

  it('sends through the proxy given in the options', async () => {
    const before = proxy.relayed.length;
    const response = expectResponse(
      await sendRequest(
        { method: 'GET', url: `${server.url}/echo?via=option`, headers: [] },
        testOptions({ proxy: proxy.url }),
      ),
    );
    assert.equal(response.status, 200);
    assert.deepEqual(proxy.relayed.slice(before), [`${server.url}/echo?via=option`]);
    assert.equal(
      headerValue(bodyJson<{ headers: Array<[string, string]> }>(response).headers, 'via'),
      '1.1 test-proxy',
    );
  });

  it('sends through HTTP_PROXY from the given environment', async () => {
    const before = proxy.relayed.length;
    expectResponse(
      await sendRequest(
        { method: 'GET', url: `${server.url}/echo?via=env`, headers: [] },
        testOptions({ env: { HTTP_PROXY: proxy.url } }),
      ),
    );
    assert.deepEqual(proxy.relayed.slice(before), [`${server.url}/echo?via=env`]);
  });

  it('goes direct when NO_PROXY names the host', async () => {
    const before = proxy.relayed.length;
    const response = expectResponse(
      await sendRequest(
        { method: 'GET', url: `${server.url}/echo?via=none`, headers: [] },
        testOptions({ env: { http_proxy: proxy.url, no_proxy: 'example.com, 127.0.0.1' } }),
      ),
    );
    assert.equal(response.status, 200);
    assert.equal(proxy.relayed.length, before);
  });

  it('goes direct for plain HTTP when only HTTPS_PROXY is set', async () => {
    const before = proxy.relayed.length;
    expectResponse(
      await sendRequest(
        { method: 'GET', url: `${server.url}/echo?via=https-only`, headers: [] },
        testOptions({ env: { HTTPS_PROXY: proxy.url } }),
      ),
    );
    assert.equal(proxy.relayed.length, before);
  });

  it('ignores the process environment when no environment is given', async () => {
    const saved = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = proxy.url;
    try {
      const before = proxy.relayed.length;
      expectResponse(
        await sendRequest(
          { method: 'GET', url: `${server.url}/echo?via=process-env`, headers: [] },
          testOptions({ connectTimeoutMs: 2_111 }),
        ),
      );
      assert.equal(proxy.relayed.length, before);
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
    }
  });

  it('names the proxy when it cannot be reached', async () => {
    const gone = await startForwardProxy();
    await gone.close();
    const failure = expectFailure(
      await sendRequest({ method: 'GET', url: `${server.url}/echo`, headers: [] }, testOptions({ proxy: gone.url })),
    );
    assert.equal(failure.code, 'proxy');
    assert.match(failure.message, new RegExp(`Could not reach the proxy ${gone.url.replace('http://', '')}`));
  });
});
