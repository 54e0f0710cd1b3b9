// Undici-style wire fuzzing (security.md T-NET-07): a raw server writes a response split at
// random byte boundaries, cut short, or followed by junk. The sender returns exactly the body
// that was sent, or a typed failure — never a wrong body, never an untyped error, never a hang.
import { strict as assert } from 'node:assert';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { Agent } from 'undici';
import { sendRequest } from '../../../src/core/send/send-request';
import type { FailureCode } from '../../../src/core/send/send-model';
import { fuzzRuns } from '../../support/fuzz-runs';
import { testOptions } from './send-test-options';

const knownCodes: readonly FailureCode[] = [
  'invalid-url',
  'dns',
  'refused',
  'reset',
  'timeout',
  'tls',
  'aborted',
  'redirect-loop',
  'too-many-redirects',
  'decode',
  'protocol',
  'proxy',
  'body-source',
  'unknown',
];

interface Script {
  readonly pieces: readonly Buffer[];
  readonly body: Buffer;
  readonly damage: 'none' | 'truncate' | 'junk';
}

function encode(body: Buffer, chunked: boolean, chunkSizes: readonly number[]): Buffer {
  const head = `HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n${chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`}\r\n\r\n`;
  if (!chunked) return Buffer.concat([Buffer.from(head), body]);
  const parts: Buffer[] = [Buffer.from(head)];
  let at = 0;
  for (let i = 0; at < body.length; i++) {
    const size = Math.max(1, Math.min(body.length - at, chunkSizes[i % chunkSizes.length] ?? 1));
    parts.push(Buffer.from(`${size.toString(16)}\r\n`), body.subarray(at, at + size), Buffer.from('\r\n'));
    at += size;
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

function split(wire: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (wire.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const point of points) {
    pieces.push(wire.subarray(from, point));
    from = point;
  }
  pieces.push(wire.subarray(from));
  return pieces.filter((p) => p.length > 0);
}

const scripts = fc
  .record({
    body: fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)),
    chunked: fc.boolean(),
    chunkSizes: fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 }),
    cuts: fc.array(fc.nat(), { maxLength: 8 }),
    damage: fc.oneof(
      fc.constant({ kind: 'none' as const }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('junk' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
    ),
  })
  .map(({ body, chunked, chunkSizes, cuts, damage }): Script => {
    let wire = encode(body, chunked, chunkSizes);
    if (damage.kind === 'truncate') wire = wire.subarray(0, damage.at % wire.length);
    else if (damage.kind === 'junk') wire = Buffer.concat([wire, Buffer.from(damage.bytes)]);
    return { pieces: split(wire, cuts), body, damage: damage.kind };
  });

describe('sender against a response split, cut or followed by junk at random', function () {
  this.timeout(60_000);
  let server: net.Server;
  let port: number;
  let current: Script | undefined;
  const sockets = new Set<net.Socket>();

  before(async () => {
    server = net.createServer((socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      let seen = '';
      socket.on('data', (data: Buffer) => {
        if (seen.includes('\r\n\r\n')) return;
        seen += data.toString('latin1');
        if (!seen.includes('\r\n\r\n')) return;
        const pieces = [...(current?.pieces ?? [])];
        const next = (): void => {
          const piece = pieces.shift();
          if (piece === undefined || socket.destroyed) return void socket.end();
          socket.write(piece, () => setImmediate(next));
        };
        next();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('returns the exact body or a typed failure, for every split, cut and junk tail', async () => {
    const dispatcher = new Agent({ keepAliveTimeout: 10, pipelining: 0 });
    try {
      await fc.assert(
        fc.asyncProperty(scripts, async (script) => {
          current = script;
          const result = await sendRequest(
            { method: 'GET', url: `http://127.0.0.1:${port}/fuzz`, headers: [] },
            testOptions({ dispatcher, totalTimeoutMs: 5_000 }),
          );
          if (script.damage === 'none')
            assert.ok(
              result.ok,
              `an intact response split anywhere must arrive: ${result.ok ? '' : result.failure.message}`,
            );
          if (result.ok) {
            // A cut or junk-tailed response may pass only when the body it carries is whole.
            assert.ok(
              Buffer.from(result.response.body).equals(script.body),
              `${script.damage}: the body must be exactly the one sent (${result.response.body.length} vs ${script.body.length} bytes)`,
            );
          } else {
            assert.ok(knownCodes.includes(result.failure.code), result.failure.code);
            assert.ok(result.failure.message.length > 0);
            assert.notEqual(
              result.failure.code,
              'timeout',
              `the closed connection must end the exchange, not the deadline: ${result.failure.message}`,
            );
          }
        }),
        { numRuns: fuzzRuns(60) },
      );
    } finally {
      await dispatcher.close();
    }
  });
});
