import { strict as assert } from 'node:assert';
import { sendRequest } from '../../../src/core/send/send-request';
import { closeSenderAgents } from '../../../src/core/send/agent-cache';
import { startFaultServer, type FaultServer } from '../../fixtures/fault-server';
import { bodyJson, bodyText, expectFailure, expectResponse, testOptions } from './send-test-options';

const mebibyte = 1024 * 1024;

describe('sendRequest decoding and size cap', () => {
  let server: FaultServer;
  before(async () => (server = await startFaultServer()));
  after(async () => {
    await closeSenderAgents();
    await server.close();
  });

  for (const enc of ['gzip', 'x-gzip', 'deflate', 'deflate-raw', 'br', 'gzip,br', 'deflate,gzip,br']) {
    it(`decodes a body sent with Content-Encoding ${enc}`, async () => {
      const response = expectResponse(
        await sendRequest({ method: 'GET', url: `${server.url}/encoded?enc=${enc}`, headers: [] }, testOptions()),
      );
      assert.deepEqual(bodyJson(response), { id: 7, title: 'current server version', encodings: enc.split(',') });
      assert.ok(
        response.wireBytes > 0 && response.wireBytes !== response.body.byteLength,
        'wire bytes are the encoded size',
      );
    });
  }

  it('decodes a gzipped 409 body, so the conflict view gets JSON', async () => {
    const response = expectResponse(
      await sendRequest(
        { method: 'PUT', url: `${server.url}/encoded?enc=gzip&status=409`, headers: [] },
        testOptions(),
      ),
    );
    assert.equal(response.status, 409);
    assert.equal(bodyJson(response).title, 'current server version');
  });

  it('decodes a Brotli 412 body too', async () => {
    const response = expectResponse(
      await sendRequest({ method: 'PUT', url: `${server.url}/encoded?enc=br&status=412`, headers: [] }, testOptions()),
    );
    assert.equal(response.status, 412);
    assert.equal(bodyJson(response).id, 7);
  });

  it('fails with a plain decode message when the body is not the gzip it claims to be', async () => {
    const failure = expectFailure(
      await sendRequest({ method: 'GET', url: `${server.url}/invalid-gzip`, headers: [] }, testOptions()),
    );
    assert.equal(failure.code, 'decode');
    assert.equal(failure.phase, 'body');
    assert.match(failure.message, /^The server said the body is gzip-compressed but it is not valid gzip/);
    assert.match(failure.cause ?? '', /^Z_/, 'the zlib code is kept for the log');
  });

  it('refuses more than five stacked encodings', async () => {
    const failure = expectFailure(
      await sendRequest(
        { method: 'GET', url: `${server.url}/encoded?enc=gzip,gzip,gzip,gzip,gzip,gzip`, headers: [] },
        testOptions(),
      ),
    );
    assert.equal(failure.code, 'decode');
    assert.match(failure.message, /6 content encodings/);
  });

  it('shows a body in an encoding it cannot decode as received, with a notice', async () => {
    const response = expectResponse(
      await sendRequest(
        { method: 'GET', url: `${server.url}/declared-encoding?ce=compress`, headers: [] },
        testOptions(),
      ),
    );
    assert.equal(bodyText(response), 'raw bytes as sent');
    assert.ok(response.notices.some((n) => n.includes('compress-encoded')));
  });

  it('keeps exactly the first 10 MB of a 50 MB body, marks it truncated and stops reading', async () => {
    const connectionsBefore = server.connections();
    const response = expectResponse(
      await sendRequest(
        { method: 'GET', url: `${server.url}/big?mb=50`, headers: [] },
        testOptions({ maxBodyBytes: 10 * mebibyte }),
      ),
    );
    assert.equal(response.status, 200);
    assert.equal(response.body.byteLength, 10 * mebibyte);
    assert.equal(response.truncated, true);
    assert.ok(response.notices.includes('Response body truncated at 10 MB (the server sent more)'));
    assert.ok(response.wireBytes < 20 * mebibyte, `stopped reading early (read ${response.wireBytes} bytes)`);
    assert.ok(response.body.every((byte) => byte === 0x61));
    // The connection was closed rather than drained, so the next request needs a new one.
    await sendRequest(
      { method: 'GET', url: `${server.url}/echo`, headers: [] },
      testOptions({ maxBodyBytes: 10 * mebibyte }),
    );
    assert.equal(server.connections(), connectionsBefore + 2);
  });

  it('does not mark a body exactly at the cap as truncated', async () => {
    const response = expectResponse(
      await sendRequest(
        { method: 'GET', url: `${server.url}/big?mb=1`, headers: [] },
        testOptions({ maxBodyBytes: mebibyte }),
      ),
    );
    assert.equal(response.body.byteLength, mebibyte);
    assert.equal(response.truncated, false);
    assert.deepEqual(response.notices, []);
  });

  it('applies the cap to decoded bytes, so a small gzip bomb cannot expand without limit', async () => {
    const response = expectResponse(
      await sendRequest(
        { method: 'GET', url: `${server.url}/gzip-bomb?mb=64`, headers: [] },
        testOptions({ maxBodyBytes: 256 * 1024 }),
      ),
    );
    assert.equal(response.body.byteLength, 256 * 1024);
    assert.equal(response.truncated, true);
    assert.ok(response.notices.includes('Response body truncated at 256 KB (the server sent more)'));
    assert.ok(response.wireBytes < 256 * 1024, 'the compressed bytes read are far fewer than the decoded ones');
  });
  it('reads a 100 MB body only up to a 10 MB cap, stopping near the cap instead of reading the body', async () => {
    // The memory this takes is measured by `node bench/memory.mjs`; here, deterministically: the
    // reader stopped near the cap instead of reading the 100 MB.
    const response = expectResponse(
      await sendRequest(
        { method: 'GET', url: `${server.url}/big?mb=100`, headers: [] },
        testOptions({ maxBodyBytes: 10 * mebibyte }),
      ),
    );
    assert.equal(response.body.byteLength, 10 * mebibyte);
    assert.equal(response.truncated, true);
    assert.ok(response.wireBytes < 20 * mebibyte, `read ${response.wireBytes} bytes of 100 MB`);
  });
});
