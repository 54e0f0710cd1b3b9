// The README's test command: every suite in turn — unit, panel (real Chromium), the
// in-editor suite, the end-to-end scenarios (real VS Code) and the benchmarks in quick mode
// (counted as one check that they still run) — continuing past a failing
// suite so one report shows everything, and ending with the summed "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

const suites = [
  // The layer rules of STYLE.md and no import loop between folders: one check.
  { name: 'lint', script: 'lint', counts: 'exit-code' },
  { name: 'unit', script: 'test' },
  { name: 'panel', script: 'test:panel' },
  { name: 'editor', script: 'test:editor' },
  { name: 'e2e', script: 'test:e2e' },
  // Not a test of timings (those never fail): a check that every benchmark still runs.
  { name: 'bench', script: 'bench', args: ['--', '--quick'], counts: 'exit-code' },
];
const only = process.argv.slice(2);
const chosen = only.length ? suites.filter((s) => only.includes(s.name)) : suites;

rmSync('test-results', { recursive: true, force: true, maxRetries: 2 });
// The real third-party servers the unit suite starts (Azurite, pouchdb-server, the Solid
// server from npm into a cache outside the repo; Apache and Radicale from Debian): installed
// here, on first use, like the editor — so the README's command works on a fresh machine.
// Cached: a warm run takes a second. If it cannot install one, the tests that need it fail
// and say how to install it.
if (chosen.some((s) => s.name === 'unit')) {
  console.log('\n━━ real servers: node test/real-servers/install.mjs');
  spawnSync(process.execPath, ['test/real-servers/install.mjs'], { stdio: 'inherit' });
}
let failedSuites = 0;
for (const suite of chosen) {
  console.log(`\n━━ ${suite.name}: npm run ${suite.script}`);
  const started = Date.now();
  const { status } = spawnSync('npm', ['run', '--silent', suite.script, ...(suite.args ?? [])], { stdio: 'inherit' });
  if (suite.counts === 'exit-code') {
    mkdirSync('test-results', { recursive: true });
    writeFileSync(
      `test-results/${suite.name}.json`,
      JSON.stringify({ passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1 }) + '\n',
    );
  }
  console.log(`━━ ${suite.name}: exit ${status} after ${Math.round((Date.now() - started) / 1000)} s`);
  if (status !== 0) failedSuites++;
}
const sum = spawnSync(process.execPath, ['scripts/sum-results.mjs', ...chosen.map((s) => s.name)], {
  stdio: 'inherit',
});
process.exitCode = failedSuites > 0 || sum.status !== 0 ? 1 : 0;
