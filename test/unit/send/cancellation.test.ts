import { strict as assert } from 'node:assert';
import { sendRequest } from '../../../src/core/send/send-request';
import { closeSenderAgents } from '../../../src/core/send/agent-cache';
import { startFaultServer, type FaultServer } from '../../fixtures/fault-server';
import { expectFailure, testOptions } from './send-test-options';

function abortAfter(ms: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

describe('sendRequest cancellation', () => {
  let server: FaultServer;
  before(async () => (server = await startFaultServer()));
  after(async () => {
    await closeSenderAgents();
    await server.close();
  });

  it('is quiet about a request cancelled before it started, and sends nothing', async () => {
    const before = server.requests.length;
    const failure = expectFailure(
      await sendRequest({ method: 'GET', url: `${server.url}/echo`, headers: [] }, testOptions({ signal: AbortSignal.abort() })),
    );
    assert.deepEqual([failure.code, failure.phase, failure.message], ['aborted', 'prepare', 'Request cancelled']);
    assert.equal(server.requests.length, before);
  });

  it('cancels while connecting', async () => {
    const failure = expectFailure(
      await sendRequest({ method: 'GET', url: `https://127.0.0.1:${server.silentPort}/`, headers: [] }, testOptions({ signal: abortAfter(100) })),
    );
    assert.deepEqual([failure.code, failure.phase, failure.message], ['aborted', 'connect', 'Request cancelled']);
  });

  it('cancels while waiting for headers, and says a PUT may have arrived', async () => {
    const failure = expectFailure(
      await sendRequest(
        { method: 'PUT', url: `${server.url}/stall-headers`, headers: [], body: { kind: 'text', text: 'x' } },
        testOptions({ signal: abortAfter(100) }),
      ),
    );
    assert.deepEqual([failure.code, failure.phase, failure.message], ['aborted', 'headers', 'Request cancelled']);
    assert.equal(failure.mayHaveReachedServer, true);
  });

  it('cancels while the body is arriving', async () => {
    const failure = expectFailure(
      await sendRequest({ method: 'GET', url: `${server.url}/stall-body`, headers: [] }, testOptions({ signal: abortAfter(100) })),
    );
    assert.deepEqual([failure.code, failure.phase, failure.message], ['aborted', 'body', 'Request cancelled']);
  });

  it('calls a cancel a cancel even when a deadline was also set', async () => {
    const failure = expectFailure(
      await sendRequest({ method: 'GET', url: `${server.url}/drip?ms=50&count=100`, headers: [] }, testOptions({ signal: abortAfter(100), totalTimeoutMs: 5_000 })),
    );
    assert.equal(failure.code, 'aborted');
  });
});
