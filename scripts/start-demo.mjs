// `npm start`: builds the VSIX, installs it into a real VS Code (code-server, installed on
// first use into the editor cache), starts the sample API that produces conflicts, and opens
// the sample workspace. Stop everything with Ctrl+C.
//   HTTP_CONFLICTS_DEMO_PORT  editor port (default 8080); the API takes the next free port.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import {
  freePort,
  runToEnd,
  startProcessGroup,
  stopProcessGroup,
  waitForOutput,
} from '../test/e2e/editor-processes.mjs';
import { packageVsix, REPO_ROOT } from '../test/e2e/package-vsix.mjs';
import { ensureEditor } from '../test/e2e/setup-editor.mjs';

const log = (line) => console.log(`[demo] ${line}`);
const editor = ensureEditor({ log });
const vsix = packageVsix({ outDir: join(REPO_ROOT, 'dist-vsix'), log });

const demo = join(REPO_ROOT, '.cache', 'demo');
rmSync(demo, { recursive: true, force: true });
const workspace = join(demo, 'workspace');
cpSync(join(REPO_ROOT, 'demo', 'workspace'), workspace, { recursive: true });

const apiBundle = join(demo, 'conflict-api.js');
await esbuild.build({
  entryPoints: [join(REPO_ROOT, 'test/fixtures/servers/conflict-api-server.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: apiBundle,
  logLevel: 'warning',
});
const apiPort = await freePort();
const api = startProcessGroup(process.execPath, [apiBundle, '--port', String(apiPort)], { scratchDir: demo });
await waitForOutput(api, /listening on/, 20_000, 'the sample API');
writeFileSync(
  join(workspace, 'http-client.env.json'),
  JSON.stringify({ local: { host: `http://127.0.0.1:${apiPort}` } }, null, 2) + '\n',
);

const data = join(demo, 'data');
mkdirSync(join(data, 'User'), { recursive: true });
writeFileSync(
  join(data, 'User', 'settings.json'),
  JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': true }, null, 2),
);
writeFileSync(join(demo, 'config.yaml'), 'auth: none\n');
const common = [
  '--config',
  join(demo, 'config.yaml'),
  '--extensions-dir',
  join(demo, 'extensions'),
  '--user-data-dir',
  data,
];
const install = await runToEnd(editor.node, [editor.codeServer, ...common, '--install-extension', vsix]);
if (install.code !== 0) throw new Error(`installing the VSIX failed:\n${install.output}`);

const port = Number(process.env.HTTP_CONFLICTS_DEMO_PORT || 8080);
const server = startProcessGroup(
  editor.node,
  [
    editor.codeServer,
    ...common,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--ignore-last-opened',
    workspace,
  ],
  { scratchDir: demo },
);
await waitForOutput(server, /HTTP server listening on/, 60_000, 'code-server');

log(`sample API:  http://127.0.0.1:${apiPort}  (GET /etag/documents/42, POST /__control/other-writer?path=…)`);
log(`editor:      http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
log('Open the editor URL in a browser, trust the folder, open 1-etag-conflict.http and follow its comments.');
log(`VS Code desktop: code --install-extension ${vsix}`);
log('Ctrl+C stops the editor and the API.');

const stop = async () => {
  await Promise.all([stopProcessGroup(server), stopProcessGroup(api)]);
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
if (process.env.HTTP_CONFLICTS_DEMO_SMOKE) {
  // CI's check that the first README command works: start everything, then stop.
  const answer = (url) =>
    fetch(url).then(
      (r) => r.status,
      (e) => String(e),
    );
  const [editorStatus, apiStatus] = [
    await answer(`http://127.0.0.1:${port}/healthz`),
    await answer(`http://127.0.0.1:${apiPort}/etag/documents/42`),
  ];
  log(`smoke check: editor answered ${editorStatus}, sample API answered ${apiStatus}`);
  await Promise.all([stopProcessGroup(server), stopProcessGroup(api)]);
  process.exit(editorStatus === 200 && apiStatus === 200 ? 0 : 1);
}
