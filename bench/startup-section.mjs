// Section 4: size of the production extension bundle and the time to `require` it in a fresh
// Node process with a stub `vscode` module; beside it, each bundle the extension loads on
// first use (esbuild.config.mjs `lazyBundles`), which start-up no longer pays for.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCase } from './case-runner.mjs';
import { kb, median, ms } from './figures.mjs';

const plans = { quick: { samples: 5 }, full: { samples: 15 } };
const maxBytes = 400 * 1024;
const maxMs = 50;

/** When the extension first requires each lazy bundle (src/extension/lazy-*.ts). */
const loadedWhen = {
  sender: 'on the first send',
  resolve: 'when the first conflict opens',
  jsonpath: 'on the first JSONPath variable',
  probe: 'when the lost-update probe runs',
};

async function sample(probe, bundle, extraArgs, samples, repoRoot, crashes) {
  const values = [];
  for (let i = 0; i < samples; i++) {
    const outcome = await runCase(probe, [bundle, ...extraArgs], { budgetMs: 30_000, cwd: repoRoot });
    if (outcome.status !== 'ok') {
      crashes.push(`start-up ${bundle}: ${outcome.detail}`);
      return undefined;
    }
    values.push(outcome.value);
  }
  return { ms: values.map((v) => v.ms), cpuMs: values.map((v) => v.cpuMs) };
}

export async function startupSection({ mode, repoRoot, productDist, log }) {
  const { samples } = plans[mode];
  const probe = join(repoRoot, 'bench', 'startup-probe.cjs');
  const bundle = join(productDist, 'extension.js');
  const crashes = [];
  const size = statSync(bundle).size;
  log(`start-up: require dist/extension.js in ${samples} fresh processes`);
  const loads = await sample(probe, bundle, [], samples, repoRoot, crashes);
  const load = loads && median(loads.ms);
  log(`start-up: the same with the builtins the extension host has loaded (node:crypto, …) loaded first`);
  const hostLoads = await sample(probe, bundle, ['--host-builtins'], samples, repoRoot, crashes);
  // The copy the product was built from names the lazy bundles it made.
  const { lazyBundles } = await import(pathToFileURL(join(productDist, '..', 'esbuild.config.mjs')).href);
  const lazyRows = [];
  for (const name of Object.keys(lazyBundles)) {
    const file = join(productDist, `${name}.js`);
    if (!existsSync(file)) {
      crashes.push(`start-up: dist/${name}.js was not built`);
      continue;
    }
    const when = loadedWhen[name] ?? 'on first use';
    log(`start-up: require dist/${name}.js (loaded ${when}) in ${samples} fresh processes`);
    const lazy = await sample(probe, file, ['--lazy'], samples, repoRoot, crashes);
    const lazySize = statSync(file).size;
    lazyRows.push([
      `dist/${name}.js, ${when}`,
      'ours',
      `${kb(lazySize)}, ${lazy ? ms(median(lazy.ms)) : 'crashed'}`,
      String(lazy?.ms.length ?? 0),
      '',
      `not part of start-up: the time paid once, ${when}`,
    ]);
  }
  return {
    title: '4. Start-up (production build of dist/extension.js)',
    columns: ['case', 'peer', 'median', 'runs', 'ratio', 'note'],
    rows: [
      ['bundle size', 'ours', kb(size), '', '', `${size.toLocaleString('en')} bytes, minified`],
      [
        'require with stub vscode',
        'ours',
        load === undefined ? 'crashed' : ms(load),
        String(loads?.ms.length ?? 0),
        '',
        loads
          ? `min ${ms(Math.min(...loads.ms))}, max ${ms(Math.max(...loads.ms))}; CPU time median ${ms(median(loads.cpuMs))}`
          : '',
      ],
      [
        'the same, host builtins loaded first',
        'ours',
        hostLoads ? ms(median(hostLoads.ms)) : 'crashed',
        String(hostLoads?.ms.length ?? 0),
        '',
        hostLoads
          ? `node:crypto, stream, net, tls, https, zlib, os, vm, fs/promises loaded before the clock, as in the editor's extension host; CPU time median ${ms(median(hostLoads.cpuMs))}`
          : '',
      ],
      ...lazyRows,
    ],
    verdicts: [
      { target: 'Extension bundle under 400 KB', status: size < maxBytes ? 'met' : 'missed', detail: `${kb(size)}` },
      load === undefined
        ? { target: 'Extension loads in under 50 ms', status: 'not measured', detail: crashes[0] ?? '' }
        : {
            target: 'Extension loads in under 50 ms',
            status: load < maxMs ? 'met' : 'missed',
            detail: `median ${ms(load)} over ${loads.ms.length} fresh processes`,
          },
    ],
    crashes,
    notes: [
      "The bundle is built by the project's own `esbuild.config.mjs --production` in a temporary copy of the sources (bench/.work/product), so the project's dist/ is left alone.",
      "Timed: `require()` of the bundle only (module evaluation, activate not called), inside each fresh process; Node's own start is not included. `vscode` is a stub object with one universal stub per name the real API exports (read from @types/vscode). CPU time is the process's user + system time over the same span: on a machine shared with other work it moves less than the wall-clock time.",
      "The target is judged on the plain require. The row with the host's builtins loaded first is closer to the editor, whose extension host has required those Node modules for itself before any extension loads (its extensionHostProcess.js); in a fresh process the first require of node:crypto and node:stream costs several milliseconds.",
      'Code that activation does not need is its own bundle next to dist/extension.js, required on first use (`lazyBundles` in esbuild.config.mjs, src/extension/lazy-*.ts); its row is the one-off cost of that first use, timed alone in a fresh process.',
    ],
  };
}
