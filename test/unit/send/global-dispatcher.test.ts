import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { getGlobalDispatcher } from 'undici';
import { sendRequest } from '../../../src/core/send/send-request';
import { closeSenderAgents, dispatcherFor } from '../../../src/core/send/agent-cache';
import { readProxySettings } from '../../../src/core/send/proxy-settings';
import { readGlobalDispatcherSlots } from '../../../src/core/send/undici-global-slots';
import { startFaultServer, type FaultServer } from '../../fixtures/fault-server';
import { startForwardProxy, type ForwardProxy } from '../../fixtures/send-forward-proxy';
import { expectResponse, testOptions } from './send-test-options';

const repoRoot = process.cwd();
const senderDir = path.join(repoRoot, 'src/core/send');

describe('sendRequest and the process-wide dispatcher', () => {
  let server: FaultServer;
  let proxy: ForwardProxy;
  before(async () => {
    assert.ok(existsSync(senderDir), `tests run from the repository root (cwd is ${repoRoot})`);
    server = await startFaultServer();
    proxy = await startForwardProxy();
  });
  after(async () => {
    await closeSenderAgents();
    await proxy.close();
    await server.close();
  });

  it('leaves both global dispatcher slots as they were while sending with several option sets', async () => {
    const before = readGlobalDispatcherSlots();
    const optionSets = [
      testOptions(),
      testOptions({ proxy: proxy.url }),
      testOptions({ env: { HTTP_PROXY: proxy.url } }),
      testOptions({ tls: { verify: false } }),
    ];
    for (const options of optionSets) {
      expectResponse(await sendRequest({ method: 'GET', url: `${server.url}/echo`, headers: [] }, options));
      const ours = dispatcherFor({
        connectTimeoutMs: options.connectTimeoutMs,
        tls: options.tls,
        proxy: readProxySettings(options.proxy, options.env),
      });
      assert.notEqual(getGlobalDispatcher(), ours);
      for (const value of readGlobalDispatcherSlots()) assert.notEqual(value, ours);
    }
    assert.deepEqual(readGlobalDispatcherSlots(), before);
  });

  it('installs no global dispatcher when the bundled sender loads and sends in a fresh process', function () {
    this.timeout(20_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'send-global-'));
    try {
      const entry = path.join(dir, 'probe.ts');
      writeFileSync(
        entry,
        `
const slots = [Symbol.for('undici.globalDispatcher.1'), Symbol.for('undici.globalDispatcher.2')];
const read = () => slots.map((slot) => (globalThis as any)[slot] === undefined ? 'empty' : 'set');
const before = read();
// require, not import: the probe must look at the slots before the sender (and undici) load.
const { sendRequest } = require(${JSON.stringify(path.join(senderDir, 'send-request.ts'))});
const { closeSenderAgents } = require(${JSON.stringify(path.join(senderDir, 'agent-cache.ts'))});
const afterLoad = read();
const { createServer } = require('node:http');
const server = createServer((_req: any, res: any) => res.end('ok')).listen(0, '127.0.0.1', async () => {
  const result = await sendRequest(
    { method: 'GET', url: 'http://127.0.0.1:' + server.address().port + '/', headers: [] },
    { connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000, totalTimeoutMs: 5000, followRedirects: true, maxRedirects: 5, maxBodyBytes: 1000, tls: { verify: true } },
  );
  const afterSend = read();
  await closeSenderAgents();
  server.close();
  process.stdout.write(JSON.stringify({ before, afterLoad, afterSend, ok: result.ok }));
});
`,
      );
      const bundle = path.join(dir, 'probe.js');
      // undici is bundled in, as it is in the extension, so the probe needs no node_modules.
      buildSync({
        entryPoints: [entry],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        outfile: bundle,
        logLevel: 'silent',
        nodePaths: [path.join(repoRoot, 'node_modules')],
      });
      const output = JSON.parse(
        execFileSync(process.execPath, [bundle], { encoding: 'utf8', timeout: 15_000 }),
      ) as Record<string, unknown>;
      assert.deepEqual(output, {
        before: ['empty', 'empty'],
        afterLoad: ['empty', 'empty'],
        afterSend: ['empty', 'empty'],
        ok: true,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never calls setGlobalDispatcher anywhere in the sender', () => {
    for (const file of readdirSync(senderDir)) {
      assert.doesNotMatch(readFileSync(path.join(senderDir, file), 'utf8'), /setGlobalDispatcher\s*\(/, file);
    }
  });
});
