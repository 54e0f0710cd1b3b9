// `npm run test:editor`: runs the in-editor mocha suite (test/editor/) inside a real VS Code
// — the server bundled with code-server, on Node 24 — loaded in headless Chromium. The
// workbench honours the test payload only with --enable-smoke-test-driver, and reports the
// suite's end through window.codeAutomationExit. Two passes, one server each: the suite in a
// trusted folder, then test/editor/restricted/ with workspace trust on and the folder not
// trusted. Writes test-results/editor.json in every case: both passes' counts added up, or
// one failure naming why a pass never reported.
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
const RESTRICTED_INDEX = join(REPO_ROOT, 'out', 'test', 'editor', 'restricted', 'index.js');
const RESTRICTED_RESULTS = join(REPO_ROOT, 'test-results', 'editor-restricted.json');
const RESTRICTED_REPORT = join(REPO_ROOT, 'test-results', 'editor-restricted-report.txt');
// Both passes together; the trusted one alone took about 3 minutes on the loaded 2-core machine.
const TOTAL_TIMEOUT_MS = Number(process.env.HTTP_CONFLICTS_EDITOR_TIMEOUT_MS || 8 * 60_000);
const SERVER_START_TIMEOUT_MS = 60_000;

// Both by default; HTTP_CONFLICTS_EDITOR_PASSES=restricted (or trusted) runs one, when working on it.
const PASS_NAMES = (process.env.HTTP_CONFLICTS_EDITOR_PASSES || 'trusted,restricted').split(',');

const log = (line) => console.error(`[editor-suite] ${line}`);

async function main() {
  const editor = ensureEditor({ log });
  rmSync(RESULTS, { force: true });
  rmSync(REPORT, { force: true });
  rmSync(RESTRICTED_RESULTS, { force: true });
  rmSync(RESTRICTED_REPORT, { force: true });
  rmSync(LOGS, { recursive: true, force: true });
  mkdirSync(LOGS, { recursive: true });

  log('building (extension + test bundles)');
  const build = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) return fail('the build failed');
  for (const index of [TESTS_INDEX, RESTRICTED_INDEX])
    if (!existsSync(index)) return fail(`the build did not produce ${index}`);

  const scratch = mkdtempSync(join(tmpdir(), 'http-conflicts-editor-suite-'));
  // What is running now, for the timeout and signals to end.
  const servers = [];
  const browsers = [];
  const timer = setTimeout(
    () => finish(fail(`the suite did not report within ${TOTAL_TIMEOUT_MS / 1000} s`)),
    TOTAL_TIMEOUT_MS,
  );
  let finished = false;
  async function finish(code) {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    for (const browser of browsers) await browser.close().catch(() => {});
    for (const server of servers) await stopProcessGroup(server);
    rmSync(scratch, { recursive: true, force: true });
    process.exit(code);
  }
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => finish(fail(`interrupted by ${signal}`)));

  try {
    const codes = [];
    for (const name of PASS_NAMES) {
      codes.push(await runPass({ name, editor, scratch, servers, browsers }));
      log(`${name} pass finished with exit code ${codes.at(-1)}`);
    }
    return finish(readCounts(codes));
  } catch (err) {
    return finish(fail(err.message));
  }
}

// The two passes: every test in a trusted folder, then test/editor/restricted/ in an editor
// with workspace trust on and the folder not trusted (Restricted Mode), with user settings
// that keep the trust prompt away. Each pass has its own server, data and workspace copy.
const PASSES = {
  trusted: {
    label: 'trusted',
    index: TESTS_INDEX,
    results: RESULTS,
    report: REPORT,
    serverArgs: ['--disable-workspace-trust'],
    settings: undefined,
  },
  restricted: {
    label: 'Restricted Mode',
    index: RESTRICTED_INDEX,
    results: RESTRICTED_RESULTS,
    report: RESTRICTED_REPORT,
    serverArgs: [],
    settings: {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.emptyWindow': false,
      'security.workspace.trust.banner': 'never',
      'security.workspace.trust.untrustedFiles': 'open',
    },
  },
};

/** Runs one pass to its end; resolves with the exit code its suite reported. */
async function runPass({ name, editor, scratch, servers, browsers }) {
  const pass = PASSES[name];
  const root = join(scratch, name);
  // A copy, so a test that edits or creates files leaves the fixture as it was.
  const workspace = join(root, 'workspace');
  cpSync(WORKSPACE, workspace, { recursive: true });
  const port = await freePort();
  const dataDir = join(root, 'data');
  if (pass.settings) {
    mkdirSync(join(dataDir, 'User'), { recursive: true });
    writeFileSync(join(dataDir, 'User', 'settings.json'), JSON.stringify(pass.settings, null, 2));
  }
  const server = startProcessGroup(
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
      ...pass.serverArgs,
      '--user-data-dir',
      dataDir,
      '--server-data-dir',
      dataDir,
      '--extensions-dir',
      join(root, 'extensions'),
    ],
    {
      env: { ...process.env, HTTP_CONFLICTS_EDITOR_RESULTS: pass.results },
      logFile: join(LOGS, `${name}-server.log`),
      scratchDir: scratch,
    },
  );
  servers.push(server);
  try {
    await waitForOutput(server, /Extension host agent started\./, SERVER_START_TIMEOUT_MS, 'VS Code server start');
    log(`${name} pass: server on 127.0.0.1:${port}`);

    const browser = await chromium.launch({ executablePath: editor.chromium, args: CHROMIUM_ARGS });
    browsers.push(browser);
    const page = await browser.newPage();
    const exitCode = new Promise((resolveExit) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    });
    page.on('console', (msg) => void saveConsole(msg, name));
    page.on('pageerror', (err) => log(`page error: ${err.message}`));

    const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(REPO_ROOT)],
      ['extensionTestsPath', remote(pass.index)],
    ];
    await page.goto(
      `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    log(`${name} pass: workbench opened; waiting for the suite`);
    return await exitCode;
  } finally {
    await browsers
      .pop()
      ?.close()
      .catch(() => {});
    await stopProcessGroup(servers.pop());
  }
}

// Kept for diagnosis only: mocha's report itself comes from the file the suite writes.
async function saveConsole(msg, pass) {
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
  appendFileSync(join(LOGS, `${pass}-console.log`), `${parts.join(' ')}\n`);
}

// The suite's own counts: both passes added up into editor.json (what .ci/run and
// sum-results.mjs read). A pass that wrote none counts as a failure, and so does its exit code.
function readCounts(exitCodes) {
  const total = { passed: 0, failed: 0, pending: 0 };
  const missing = [];
  for (const { results: file, report, label } of PASS_NAMES.map((name) => PASSES[name])) {
    if (existsSync(report)) process.stdout.write(readFileSync(report, 'utf8'));
    try {
      const counts = JSON.parse(readFileSync(file, 'utf8'));
      log(`${label} pass: ${counts.passed} passed, ${counts.failed} failed`);
      for (const key of Object.keys(total)) total[key] += counts[key] ?? 0;
    } catch {
      missing.push(`the ${label} pass wrote no counts to ${file}`);
    }
  }
  if (missing.length) {
    fail(missing.join('; '), total);
    console.log(`${total.passed} passed, ${total.failed + missing.length} failed`);
    return 1;
  }
  writeFileSync(RESULTS, JSON.stringify(total) + '\n');
  console.log(`${total.passed} passed, ${total.failed} failed`);
  return exitCodes.every((code) => code === 0) && total.failed === 0 && total.passed > 0 ? 0 : 1;
}

// One failure naming why, added to what the passes that did report counted.
function fail(reason, counted = { passed: 0, failed: 0, pending: 0 }) {
  log(`FAILED: ${reason} (logs: ${LOGS})`);
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify({ ...counted, failed: counted.failed + 1, reason }) + '\n');
  return 1;
}

main().then(
  (code) => process.exit(code ?? 1),
  (err) => {
    fail(err.stack || String(err));
    process.exit(1);
  },
);
