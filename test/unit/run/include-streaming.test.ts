// `< ./file` bodies are streamed from disk, whatever their size, and only regular files are
// read: a 200 MB sparse file goes out while memory stays far below its size, and a pipe, a
// folder or a device is refused before anything is opened.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { createFileResolver } from '../../../src/core/run/create-file-resolver';
import { createFileAccess } from '../../../src/core/run/include-files';
import { maxProcessedIncludeBytes, prepareRequest } from '../../../src/core/run/prepare-request';
import { closeSenderAgents } from '../../../src/core/send/agent-cache';
import { sendRequest } from '../../../src/core/send/send-request';
import type { VariableSources } from '../../../src/core/variables/variable-model';
import { bodyJson, expectResponse, testOptions } from '../send/send-test-options';

const mebibyte = 1024 * 1024;

const sources: VariableSources = {
  environment: {},
  secretValues: [],
  dotenv: {},
  processEnv: {},
  prompts: {},
  requests: new Map(),
  allowProcessEnv: true,
  now: () => new Date(0),
  random: () => 0.5,
};

/** Counts request body bytes without keeping them, and answers with the count. */
function startCountingServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let bytes = 0;
    let nonZero = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i += 4096) if (chunk[i] !== 0) nonZero++;
    });
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ bytes, nonZero, contentLength: req.headers['content-length'] ?? null }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe('streaming include files', function () {
  this.timeout(60_000);
  let dir: string;
  let ws: string;
  let counting: { server: Server; url: string };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'include-stream-'));
    ws = join(dir, 'ws');
    mkdirSync(ws);
    counting = await startCountingServer();
  });
  after(async () => {
    await closeSenderAgents();
    await new Promise<void>((resolve) => counting.server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  const access = () => createFileAccess({ httpFile: join(ws, 'req.http'), roots: [ws], allowOutside: false });

  async function prepare(text: string) {
    const file = parseHttpFile(text);
    return prepareRequest(file.requests[0], createFileResolver(file, sources), access());
  }

  it('streams a 200 MB binary include to the server as a stream of its length, never as text', async () => {
    const size = 200 * mebibyte;
    const big = join(ws, 'big.bin');
    writeFileSync(big, '');
    truncateSync(big, size); // sparse: costs no disk, reads as zeros
    const prepared = await prepare(
      `POST ${counting.url}/upload\nContent-Type: application/octet-stream\n\n< ./big.bin`,
    );
    assert.ok(prepared.ok, JSON.stringify(prepared));
    assert.equal(prepared.prepared.request.body?.kind, 'stream');
    assert.equal(prepared.prepared.bodyText, undefined, 'a streamed file is never held as text');

    // Memory is measured by `node bench/memory.mjs`, not asserted here: RSS depends on the
    // machine and on whatever else the process holds. What the test pins is that the file went
    // out as a stream of its exact length, never read into text.
    const response = expectResponse(
      await sendRequest(
        prepared.prepared.request,
        testOptions({ totalTimeoutMs: 50_000, bodyTimeoutMs: 20_000, headersTimeoutMs: 40_000 }),
      ),
    );
    const answer = bodyJson<{ bytes: number; nonZero: number; contentLength: string | null }>(response);
    assert.equal(answer.bytes, size, 'every byte arrived');
    assert.equal(answer.contentLength, String(size), 'sent with its length, not chunked');
    assert.equal(answer.nonZero, 0);
  });

  it(`refuses a "<@" include above ${maxProcessedIncludeBytes / mebibyte} MB, which would be read whole, and says to use "<"`, async () => {
    const big = join(ws, 'huge.json');
    writeFileSync(big, '');
    truncateSync(big, maxProcessedIncludeBytes + 1);
    const refused = await prepare(`POST ${counting.url}/x\n\n<@ ./huge.json`);
    assert.equal(refused.ok, false);
    assert.match(
      !refused.ok ? refused.problems[0] : '',
      /too large to replace variables in .*Write "< \.\/huge\.json"/,
    );
    const streamed = await prepare(`POST ${counting.url}/x\n\n< ./huge.json`);
    assert.ok(streamed.ok);
  });

  it('refuses a folder as a body before the request goes out', async () => {
    mkdirSync(join(ws, 'folder'));
    const result = await prepare(`POST ${counting.url}/x\n\n< ./folder`);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.problems[0] : '', /"\.\/folder" is not a regular file/);
  });

  it('refuses a named pipe instead of hanging on it', async function () {
    const fifo = join(ws, 'pipe');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      this.skip(); // no mkfifo on this system (Windows)
    }
    const result = await prepare(`POST ${counting.url}/x\n\n< ./pipe`);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.problems[0] : '', /not a regular file/);
  });

  it('refuses a link to a device such as /dev/zero even when files outside are allowed', async () => {
    symlinkSync('/dev/zero', join(ws, 'zeros'));
    const open = createFileAccess({ httpFile: join(ws, 'req.http'), roots: [ws], allowOutside: true });
    const file = parseHttpFile(`POST ${counting.url}/x\n\n< ./zeros`);
    const result = await prepareRequest(file.requests[0], createFileResolver(file, sources), open);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.problems[0] : '', /not a regular file/);
  });
});
