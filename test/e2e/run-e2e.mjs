// `npm run test:e2e`: packages the VSIX, bundles the scenarios (test/e2e/**/*.e2e.ts) and
// runs them with mocha, one editor at a time. Writes test-results/e2e.json in every case:
// mocha's counts, or one failure naming why the run produced none.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { startProcessGroup, stopProcessGroup } from './editor-processes.mjs';
import { packageVsix } from './package-vsix.mjs';
import { ensureEditor } from './setup-editor.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS = join(REPO_ROOT, 'test-results', 'e2e.json');
const OUT = join(REPO_ROOT, 'out', 'test', 'e2e');
const TOTAL_TIMEOUT_MS = Number(process.env.HTTP_CONFLICTS_E2E_TIMEOUT_MS || 15 * 60_000);

const log = (line) => console.error(`[e2e] ${line}`);

async function main() {
  rmSync(RESULTS, { force: true });
  rmSync(join(REPO_ROOT, 'test-results', 'screenshots'), { recursive: true, force: true });
  rmSync(join(REPO_ROOT, 'test-results', 'e2e-logs'), { recursive: true, force: true });
  ensureEditor({ log });
  const vsix = packageVsix({ log });
  log(`packaged ${relative(REPO_ROOT, vsix)}`);

  const scenarios = findScenarios(join(REPO_ROOT, 'test', 'e2e'));
  if (scenarios.length === 0) return fail('no scenario files (test/e2e/**/*.e2e.ts)');
  rmSync(OUT, { recursive: true, force: true });
  // ES modules out, so the bundled setup code keeps its import.meta; packages stay external.
  await esbuild.build({
    entryPoints: scenarios,
    outbase: join(REPO_ROOT, 'test', 'e2e'),
    outdir: OUT,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });

  const mocha = startProcessGroup(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'),
      '--reporter',
      join(REPO_ROOT, 'test', 'support', 'count-reporter.cjs'),
      '--reporter-option',
      `out=${RESULTS}`,
      '--timeout',
      '180000',
      '--enable-source-maps',
      '--exit',
      ...scenarios.map((s) => join(OUT, relative(join(REPO_ROOT, 'test', 'e2e'), s)).replace(/\.ts$/, '.mjs')),
    ],
    { cwd: REPO_ROOT, env: { ...process.env, HTTP_CONFLICTS_VSIX: vsix, HTTP_CONFLICTS_REPO_ROOT: REPO_ROOT } },
  );
  mocha.stdout.pipe(process.stdout);
  mocha.stderr.pipe(process.stderr);

  const timer = setTimeout(() => {
    log(`no end within ${TOTAL_TIMEOUT_MS / 1000} s; stopping mocha`);
    void stopProcessGroup(mocha, 5000);
  }, TOTAL_TIMEOUT_MS);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void stopProcessGroup(mocha, 5000));
  const code = await new Promise((resolveExit) =>
    mocha.once('exit', (c, signal) => resolveExit(c ?? (signal ? 1 : 0))),
  );
  clearTimeout(timer);

  if (!existsSync(RESULTS)) return fail(`mocha exited with ${code} and wrote no counts`);
  const counts = JSON.parse(readFileSync(RESULTS, 'utf8'));
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  return code === 0 && counts.failed === 0 && counts.passed > 0 ? 0 : 1;
}

function findScenarios(dir) {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return findScenarios(path);
      return /\.e2e\.ts$/.test(name) ? [path] : [];
    })
    .sort();
}

function fail(reason) {
  log(`FAILED: ${reason}`);
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify({ passed: 0, failed: 1, pending: 0, reason }) + '\n');
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    fail(err.stack || String(err));
    process.exit(1);
  },
);
