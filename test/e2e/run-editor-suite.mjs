// `npm run test:editor`: runs the in-editor mocha suite (test/editor/) inside a real VS Code
// — the server bundled with code-server, on Node 24 — loaded in headless Chromium. The
// workbench honours the test payload only with --enable-smoke-test-driver, and reports the
// suite's end through window.codeAutomationExit. Writes test-results/editor.json in every
// case: the suite's own counts, or one failure naming why it never reported.
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, freePort, startProcessGroup, stopProcessGroup, waitForOutput } from './editor-processes.mjs';
import { ensureEditor } from './setup-editor.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS = join(REPO_ROOT, 'test-results', 'editor.json');
const REPORT = join(REPO_ROOT, 'test-results', 'editor-report.txt');
const LOGS = join(REPO_ROOT, 'test-results', 'editor-logs');
const WORKSPACE = join(REPO_ROOT, 'test', 'fixtures', 'workspace');
const TESTS_INDEX = join(REPO_ROOT, 'out', 'test', 'editor', 'index.js');
const TOTAL_TIMEOUT_MS = Number(process.env.HTTP_CONFLICTS_EDITOR_TIMEOUT_MS || 5 * 60_000);
const SERVER_START_TIMEOUT_MS = 60_000;

const log = (line) => console.error(`[editor-suite] ${line}`);

async function main() {
  const editor = ensureEditor({ log });
  rmSync(RESULTS, { force: true });
  rmSync(REPORT, { force: true });
  rmSync(LOGS, { recursive: true, force: true });
  mkdirSync(LOGS, { recursive: true });

  log('building (extension + test bundles)');
  const build = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) return fail('the build failed');
  if (!existsSync(TESTS_INDEX)) return fail(`the build did not produce ${TESTS_INDEX}`);

  const scratch = mkdtempSync(join(tmpdir(), 'http-conflicts-editor-suite-'));
  let server;
  let browser;
  const timer = setTimeout(
    () => finish(fail(`the suite did not report within ${TOTAL_TIMEOUT_MS / 1000} s`)),
    TOTAL_TIMEOUT_MS,
  );
  let finished = false;
  async function finish(code) {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    await browser?.close().catch(() => {});
    await stopProcessGroup(server);
    rmSync(scratch, { recursive: true, force: true });
    process.exit(code);
  }
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => finish(fail(`interrupted by ${signal}`)));

  try {
    // A copy, so a test that edits or creates files leaves the fixture as it was.
    const workspace = join(scratch, 'workspace');
    cpSync(WORKSPACE, workspace, { recursive: true });
    const port = await freePort();
    const dataDir = join(scratch, 'data');
    server = startProcessGroup(
      editor.node,
      [
        editor.serverMain,
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--without-connection-token',
        '--accept-server-license-terms',
        '--enable-smoke-test-driver',
        '--disable-telemetry',
        '--disable-workspace-trust',
        '--user-data-dir',
        dataDir,
        '--server-data-dir',
        dataDir,
        '--extensions-dir',
        join(scratch, 'extensions'),
      ],
      {
        env: { ...process.env, HTTP_CONFLICTS_EDITOR_RESULTS: RESULTS },
        logFile: join(LOGS, 'server.log'),
        scratchDir: scratch,
      },
    );
    await waitForOutput(server, /Extension host agent started\./, SERVER_START_TIMEOUT_MS, 'VS Code server start');
    log(`server on 127.0.0.1:${port}`);

    browser = await chromium.launch({ executablePath: editor.chromium, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const exitCode = new Promise((resolveExit) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    });
    page.on('console', (msg) => void saveConsole(msg));
    page.on('pageerror', (err) => log(`page error: ${err.message}`));

    const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(REPO_ROOT)],
      ['extensionTestsPath', remote(TESTS_INDEX)],
    ];
    await page.goto(
      `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    log('workbench opened; waiting for the suite');

    const code = await exitCode;
    log(`the suite finished with exit code ${code}`);
    return finish(readCounts(code));
  } catch (err) {
    return finish(fail(err.message));
  }
}

// Kept for diagnosis only: mocha's report itself comes from the file the suite writes.
async function saveConsole(msg) {
  const values = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => String(a))));
  const parts = [];
  while (values.length) {
    let v = values.shift();
    if (typeof v === 'string')
      v = v.replace(/%[sdifoOc]/g, (spec) =>
        !values.length ? spec : spec === '%c' ? (values.shift(), '') : String(values.shift()),
      );
    parts.push(typeof v === 'string' ? v : JSON.stringify(v));
  }
  appendFileSync(join(LOGS, 'console.log'), `${parts.join(' ')}\n`);
}

// The suite's own counts; when it wrote none, its exit code still must not pass.
function readCounts(exitCode) {
  let counts;
  try {
    counts = JSON.parse(readFileSync(RESULTS, 'utf8'));
  } catch {
    printReport();
    return fail(`the suite exited with ${exitCode} but wrote no counts to ${RESULTS}`);
  }
  printReport();
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  return exitCode === 0 && counts.failed === 0 && counts.passed > 0 ? 0 : 1;
}

function printReport() {
  if (existsSync(REPORT)) process.stdout.write(readFileSync(REPORT, 'utf8'));
}

function fail(reason) {
  log(`FAILED: ${reason} (logs: ${LOGS})`);
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify({ passed: 0, failed: 1, pending: 0, reason }) + '\n');
  return 1;
}

main().then(
  (code) => process.exit(code ?? 1),
  (err) => {
    fail(err.stack || String(err));
    process.exit(1);
  },
);
