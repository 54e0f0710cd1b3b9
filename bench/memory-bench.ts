// The memory figures the unit tests used to assert (process RSS depends on the machine and on
// everything else in the process, so an assertion on it was flaky): how far the sender's RSS
// grows while it (1) reads a 100 MB response with a 10 MB cap and (2) streams a 200 MB file as
// a request body. Figures only, never a pass/fail. Run with `node bench/memory.mjs`.
import { createReadStream, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeSenderAgents } from '../src/core/send/agent-cache';
import { defaultSendOptions } from '../src/core/send/send-model';
import { sendRequest } from '../src/core/send/send-request';

const mebibyte = 1024 * 1024;

function startServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/big') {
      const total = 100 * mebibyte;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(total) });
      const chunk = Buffer.alloc(64 * 1024, 1);
      let sent = 0;
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (sent = total));
      pump();
      return;
    }
    let bytes = 0;
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('end', () => res.end(JSON.stringify({ bytes })));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

async function peakGrowth(run: () => Promise<unknown>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, process.memoryUsage().rss) - start;
}

async function main(): Promise<void> {
  const { server, url } = await startServer();
  const dir = mkdtempSync(join(tmpdir(), 'memory-bench-'));
  try {
    const options = { ...defaultSendOptions, maxBodyBytes: 10 * mebibyte, totalTimeoutMs: 60_000 };
    const read = await peakGrowth(() => sendRequest({ method: 'GET', url: `${url}/big`, headers: [] }, options));
    const big = join(dir, 'big.bin');
    writeFileSync(big, '');
    truncateSync(big, 200 * mebibyte);
    const upload = await peakGrowth(() =>
      sendRequest(
        {
          method: 'POST',
          url: `${url}/upload`,
          headers: [],
          body: { kind: 'stream', open: () => createReadStream(big), length: 200 * mebibyte },
        },
        options,
      ),
    );
    console.log('| case | RSS growth |\n| --- | --- |');
    console.log(`| read a 100 MB response, 10 MB cap | ${Math.round(read / mebibyte)} MB |`);
    console.log(`| stream a 200 MB file as the body | ${Math.round(upload / mebibyte)} MB |`);
  } finally {
    await closeSenderAgents();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
