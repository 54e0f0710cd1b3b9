// `npm run bench` (full) and `npm run bench -- --quick` (CI): measures our engine against
// peers in the same run, prints a table and writes bench/results.md. Timings never fail the
// run; it exits non-zero only when a benchmark itself crashes.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCases, buildProduct } from './build-bench.mjs';
import { currentLoadAverage, machineInfo } from './machine-info.mjs';
import { mergeSection } from './merge-section.mjs';
import { panelSection } from './panel-section.mjs';
import { parseSection } from './parse-section.mjs';
import { markdownReport, printReport } from './results-report.mjs';
import { sendSection } from './send-section.mjs';
import { startupSection } from './startup-section.mjs';

const repoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const workDir = join(repoRoot, 'bench', '.work');
const mode = process.argv.includes('--quick') ? 'quick' : 'full';
const sectionsByName = {
  parse: parseSection,
  send: sendSection,
  merge: mergeSection,
  startup: startupSection,
  panel: panelSection,
};
// `--only panel,merge`: a subset, for working on one benchmark; its report goes to bench/.work.
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? (process.argv[onlyArg + 1] ?? '').split(',').filter(Boolean) : undefined;
const log = (line) => process.stderr.write(`[bench] ${line}\n`);

async function main() {
  if (only && (only.length === 0 || only.some((name) => !sectionsByName[name])))
    throw new Error(`--only takes section names from: ${Object.keys(sectionsByName).join(', ')}`);
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const machine = machineInfo(repoRoot);
  log(`${mode} mode on ${machine.cpu} × ${machine.cores}, Node ${machine.node}, load ${machine.loadAverage}`);
  log('building the bench cases and a production copy of the extension and CLI');
  const scripts = await buildCases(repoRoot, workDir);
  const productDist = buildProduct(repoRoot, workDir);
  const context = { mode, scripts, repoRoot, productDist, workDir, log };

  const sections = [];
  for (const [name, section] of Object.entries(sectionsByName)) {
    if (!only || only.includes(name)) sections.push(await section(context));
  }

  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${printReport(sections, machine, mode)}\n`);
  // The quick mode (CI) and a subset keep the committed full results intact.
  const results = only
    ? join(workDir, `results-${mode}-${only.join('-')}.md`)
    : mode === 'full'
      ? join(repoRoot, 'bench', 'results.md')
      : join(workDir, 'results-quick.md');
  writeFileSync(
    results,
    markdownReport(sections, machine, { mode, startedAt, seconds, loadAtEnd: currentLoadAverage() }),
  );
  log(`wrote ${results} (${seconds.toFixed(0)} s)`);
  const crashes = sections.flatMap((s) => s.crashes);
  if (crashes.length) {
    for (const c of crashes) log(`CRASH ${c}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  log(`CRASH ${e.stack ?? e}`);
  process.exitCode = 1;
});
