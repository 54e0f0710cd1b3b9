// Timings show only the phases an exchange can have (issue 14.9): no TLS row for plain
// http://, no DNS row when the socket goes to an IP address.
import { strict as assert } from 'node:assert';
import type { ExchangeTrace } from '../../../src/core/send/exchange-trace';
import { attemptTimings } from '../../../src/core/send/timings';

const trace = (): ExchangeTrace => ({
  startedAt: 100,
  connection: { startedAt: 100, lookupAt: 105, tcpAt: 110, secureAt: 130 },
  headersWrittenAt: 131,
  responseAt: 150,
  endedAt: 160,
});

const phases = (url: string, proxy?: string) =>
  Object.keys(attemptTimings(trace(), 100, { url: new URL(url), ...(proxy ? { proxy: new URL(proxy) } : {}) })).sort();

describe('the phases of an attempt', () => {
  it('has DNS, connect and TLS for https:// to a host name', () => {
    const timings = attemptTimings(trace(), 100, { url: new URL('https://example.test/doc') });
    assert.deepEqual({ dns: timings.dns, connect: timings.connect, tls: timings.tls }, { dns: 5, connect: 5, tls: 20 });
  });

  it('has no TLS phase for plain http://', () => {
    assert.deepEqual(phases('http://example.test/doc'), ['connect', 'dns', 'download', 'firstByte', 'total']);
  });

  it('has no DNS phase for an IPv4 or IPv6 address', () => {
    assert.deepEqual(phases('http://127.0.0.1:3000/doc'), ['connect', 'download', 'firstByte', 'total']);
    assert.deepEqual(phases('https://[::1]:3000/doc'), ['connect', 'download', 'firstByte', 'tls', 'total']);
  });

  it('judges by the proxy the socket went to: a TLS proxy speaks TLS, a named proxy is looked up', () => {
    assert.deepEqual(phases('http://127.0.0.1/doc', 'https://proxy.test:8443'), [
      'connect',
      'dns',
      'download',
      'firstByte',
      'tls',
      'total',
    ]);
    assert.deepEqual(phases('http://example.test/doc', 'http://127.0.0.1:8080'), [
      'connect',
      'download',
      'firstByte',
      'total',
    ]);
  });
});
