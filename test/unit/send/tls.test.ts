import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { sendRequest, tlsVerificationOffNotice } from '../../../src/core/send/send-request';
import { closeSenderAgents } from '../../../src/core/send/agent-cache';
import { createTestCertificates, type TestCertificates } from '../../fixtures/send-tls-certificates';
import { startTlsEchoServer, type TlsEchoServer } from '../../fixtures/send-tls-server';
import { startForwardProxy, type ForwardProxy } from '../../fixtures/send-forward-proxy';
import { bodyJson, expectFailure, expectResponse, testOptions } from './send-test-options';

describe('sendRequest over TLS', () => {
  let certificates: TestCertificates;
  const servers: TlsEchoServer[] = [];
  let proxy: ForwardProxy | undefined;

  before(function () {
    this.timeout(20_000);
    // No skip: without openssl these tests must fail, so say why loudly.
    try {
      execFileSync('openssl', ['version'], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(`the TLS tests need the openssl command to make certificates: ${String(error)}`);
    }
    certificates = createTestCertificates();
  });
  after(async () => {
    await closeSenderAgents();
    await proxy?.close();
    await Promise.all(servers.map((server) => server.close()));
  });

  async function serve(cert: string, key: string, clientCa?: string): Promise<TlsEchoServer> {
    const server = await startTlsEchoServer({ cert, key, ...(clientCa ? { clientCa } : {}) });
    servers.push(server);
    return server;
  }

  it('connects when the CA is given, and reports a TLS phase', async () => {
    const server = await serve(certificates.serverCert, certificates.serverKey);
    const response = expectResponse(
      await sendRequest(
        { method: 'GET', url: `${server.url}/hello`, headers: [] },
        testOptions({ tls: { verify: true, ca: certificates.caCert } }),
      ),
    );
    assert.equal(response.status, 200);
    assert.ok((response.timings.tls ?? 0) > 0, 'a fresh TLS connection has a TLS phase');
    assert.deepEqual(response.notices, []);
  });

  it('rejects a self-signed certificate with a tls failure that says so', async () => {
    const server = await serve(certificates.selfSignedCert, certificates.selfSignedKey);
    const failure = expectFailure(await sendRequest({ method: 'GET', url: server.url, headers: [] }, testOptions()));
    assert.equal(failure.code, 'tls');
    assert.equal(failure.phase, 'connect');
    assert.equal(failure.cause, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.match(failure.message, /^The certificate of 127\.0\.0\.1:\d+ is self-signed/);
  });

  it('rejects a certificate from an unknown authority', async () => {
    const server = await serve(certificates.serverCert, certificates.serverKey);
    const failure = expectFailure(await sendRequest({ method: 'GET', url: server.url, headers: [] }, testOptions()));
    assert.equal(failure.code, 'tls');
    assert.match(failure.message, /authority this machine does not know/);
  });

  it('rejects an expired certificate', async () => {
    const server = await serve(certificates.expiredCert, certificates.expiredKey);
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: server.url, headers: [] },
        testOptions({ tls: { verify: true, ca: certificates.caCert } }),
      ),
    );
    assert.equal(failure.code, 'tls');
    assert.equal(failure.cause, 'CERT_HAS_EXPIRED');
    assert.match(failure.message, /has expired/);
  });

  it('rejects a certificate issued for another host name', async () => {
    const server = await serve(certificates.wrongNameCert, certificates.wrongNameKey);
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: server.url, headers: [] },
        testOptions({ tls: { verify: true, ca: certificates.caCert } }),
      ),
    );
    assert.equal(failure.code, 'tls');
    assert.equal(failure.cause, 'ERR_TLS_CERT_ALTNAME_INVALID');
    assert.match(failure.message, /issued for a different host name/);
  });

  it('accepts any certificate when verification is off, and says so on the response', async () => {
    const server = await serve(certificates.selfSignedCert, certificates.selfSignedKey);
    const response = expectResponse(
      await sendRequest({ method: 'GET', url: server.url, headers: [] }, testOptions({ tls: { verify: false } })),
    );
    assert.equal(response.status, 200);
    assert.deepEqual(response.notices, [tlsVerificationOffNotice]);
    assert.equal(tlsVerificationOffNotice, 'TLS certificate verification is OFF for this request');
  });

  it('presents a client certificate whose key is protected by a passphrase', async () => {
    const server = await serve(certificates.serverCert, certificates.serverKey, certificates.caCert);
    const tls = {
      verify: true,
      ca: certificates.caCert,
      cert: certificates.clientCert,
      key: certificates.clientKeyEncrypted,
      passphrase: certificates.clientKeyPassphrase,
    };
    const response = expectResponse(
      await sendRequest({ method: 'GET', url: server.url, headers: [] }, testOptions({ tls })),
    );
    assert.equal(bodyJson(response).clientCertificate, 'client');
  });

  it('tunnels HTTPS through the proxy with CONNECT', async () => {
    proxy = await startForwardProxy();
    const server = await serve(certificates.serverCert, certificates.serverKey);
    const response = expectResponse(
      await sendRequest(
        { method: 'GET', url: `${server.url}/tunnelled`, headers: [] },
        testOptions({ proxy: proxy.url, tls: { verify: true, ca: certificates.caCert } }),
      ),
    );
    assert.equal(bodyJson(response).path, '/tunnelled');
    assert.deepEqual(proxy.tunnels, [`127.0.0.1:${server.port}`]);
  });
});
