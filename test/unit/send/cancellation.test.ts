import { strict as assert } from 'node:assert';
import diagnosticsChannel from 'node:diagnostics_channel';
import type { EventEmitter } from 'node:events';
import { sendRequest } from '../../../src/core/send/send-request';
import { closeSenderAgents } from '../../../src/core/send/agent-cache';
import { startFaultServer, type FaultServer, type RecordedRequest } from '../../fixtures/fault-server';
import { Readable } from 'node:stream';
import { Agent } from 'undici';
import { expectFailure, testOptions } from './send-test-options';

// Each cancel comes at a known point of the exchange — an event the server or undici reports —
// never after a guessed delay, which on a busy machine could fire before the request even
// reached the phase under test (or, for "at once", after a timeout).
function abortOn(emitter: EventEmitter, event: string, when: (...args: any[]) => boolean = () => true): AbortSignal {
  const controller = new AbortController();
  const listener = (...args: any[]) => {
    if (!when(...args)) return;
    emitter.off(event, listener);
    controller.abort();
  };
  emitter.on(event, listener);
  return controller.signal;
}

/** Aborts once undici has the response headers: the exchange is then reading the body. */
function abortWhenHeadersArrive(): AbortSignal {
  const controller = new AbortController();
  const channel = diagnosticsChannel.channel('undici:request:headers');
  const listener = () => {
    channel.unsubscribe(listener);
    // After the sender's own subscriber has recorded the response for this publish.
    setImmediate(() => controller.abort());
  };
  channel.subscribe(listener);
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
      await sendRequest(
        { method: 'GET', url: `${server.url}/echo`, headers: [] },
        testOptions({ signal: AbortSignal.abort() }),
      ),
    );
    assert.deepEqual([failure.code, failure.phase, failure.message], ['aborted', 'prepare', 'Request cancelled']);
    assert.equal(server.requests.length, before);
  });

  it('cancels while connecting', async () => {
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: `https://127.0.0.1:${server.silentPort}/`, headers: [] },
        testOptions({ signal: abortOn(server.events, 'silent-connection') }),
      ),
    );
    assert.deepEqual([failure.code, failure.phase, failure.message], ['aborted', 'connect', 'Request cancelled']);
  });

  it('cancels while waiting for headers, and says a PUT may have arrived', async () => {
    const failure = expectFailure(
      await sendRequest(
        { method: 'PUT', url: `${server.url}/stall-headers`, headers: [], body: { kind: 'text', text: 'x' } },
        testOptions({ signal: abortOn(server.events, 'request', (r: RecordedRequest) => r.path === '/stall-headers') }),
      ),
    );
    assert.deepEqual([failure.code, failure.phase, failure.message], ['aborted', 'headers', 'Request cancelled']);
    assert.equal(failure.mayHaveReachedServer, true);
  });

  it('cancels while the body is arriving', async () => {
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: `${server.url}/stall-body`, headers: [] },
        testOptions({ signal: abortWhenHeadersArrive() }),
      ),
    );
    assert.deepEqual([failure.code, failure.phase, failure.message], ['aborted', 'body', 'Request cancelled']);
  });

  it('calls a cancel a cancel even when a deadline was also set', async () => {
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: `${server.url}/drip?ms=50&count=100`, headers: [] },
        testOptions({ signal: abortWhenHeadersArrive(), totalTimeoutMs: 5_000 }),
      ),
    );
    assert.equal(failure.code, 'aborted');
  });
  it('cancels while the request body is still being uploaded, and says the write may have arrived', async () => {
    let reads = 0;
    // A body that sends one chunk and then never ends: the upload is in progress when the cancel comes.
    const endless = new Readable({
      read() {
        if (reads++ === 0) this.push('{"partial":');
      },
    });
    const failure = expectFailure(
      await sendRequest(
        { method: 'PUT', url: `${server.url}/echo`, headers: [], body: { kind: 'stream', open: () => endless } },
        testOptions({ signal: abortOn(server.events, 'request-data', (path: string) => path === '/echo') }),
      ),
    );
    assert.equal(failure.code, 'aborted');
    assert.equal(failure.message, 'Request cancelled');
    assert.equal(failure.phase, 'request');
    assert.equal(failure.mayHaveReachedServer, true);
    assert.ok(endless.destroyed, 'the body stream is released');
  });

  it('cancels in the middle of a redirect chain', async () => {
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: `${server.url}/redirect?to=/stall-headers`, headers: [] },
        testOptions({ signal: abortOn(server.events, 'request', (r: RecordedRequest) => r.path === '/stall-headers') }),
      ),
    );
    assert.deepEqual([failure.code, failure.message], ['aborted', 'Request cancelled']);
  });

  it('closes the connection on cancel, so the server sees the request go away', async () => {
    const before = server.openSockets();
    const dispatcher = new Agent({ keepAliveTimeout: 1_000 });
    try {
      const failure = expectFailure(
        await sendRequest(
          { method: 'GET', url: `${server.url}/stall-headers`, headers: [] },
          testOptions({
            dispatcher,
            signal: abortOn(server.events, 'request', (r: RecordedRequest) => r.path === '/stall-headers'),
          }),
        ),
      );
      assert.equal(failure.code, 'aborted');
      for (let i = 0; i < 100 && server.openSockets() > before; i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(server.openSockets() <= before, 'the stalled socket was closed by the cancel');
    } finally {
      await dispatcher.close();
    }
  });

  it('changes nothing when the cancel comes after the response was read', async () => {
    const controller = new AbortController();
    const result = await sendRequest(
      { method: 'GET', url: `${server.url}/echo`, headers: [] },
      testOptions({ signal: controller.signal }),
    );
    controller.abort();
    assert.equal(result.ok, true);
  });
  it('cancels a stalled TLS handshake at once, without waiting for the connect timeout', async function () {
    // The connect timeout is far beyond this test's own timeout: only the cancel can end it in time.
    this.timeout(8_000);
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: `https://127.0.0.1:${server.silentPort}/`, headers: [] },
        testOptions({
          connectTimeoutMs: 60_000,
          headersTimeoutMs: 60_000,
          totalTimeoutMs: 0,
          signal: abortOn(server.events, 'silent-connection'),
        }),
      ),
    );
    assert.deepEqual([failure.code, failure.phase, failure.message], ['aborted', 'connect', 'Request cancelled']);
  });

  it('ends a stalled TLS handshake with the overall deadline, not the longer connect timeout', async function () {
    this.timeout(8_000);
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: `https://127.0.0.1:${server.silentPort}/`, headers: [] },
        testOptions({ connectTimeoutMs: 60_000, headersTimeoutMs: 60_000, totalTimeoutMs: 300 }),
      ),
    );
    assert.equal(failure.code, 'timeout');
    assert.equal(failure.phase, 'connect');
    assert.match(failure.message, /^No response from 127\.0\.0\.1:\d+ within 0\.3 s\.$/);
  });
});
