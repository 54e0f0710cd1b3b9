// Section 4: size of the production extension bundle and the time to `require` it in a fresh
// Node process with a stub `vscode` module.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCase } from './case-runner.mjs';
import { kb, median, ms } from './figures.mjs';

const plans = { quick: { samples: 5 }, full: { samples: 15 } };
const maxBytes = 400 * 1024;
const maxMs = 50;

async function sample(probe, bundle, extraArgs, samples, repoRoot, crashes) {
  const values = [];
  for (let i = 0; i < samples; i++) {
    const outcome = await runCase(probe, [bundle, ...extraArgs], { budgetMs: 30_000, cwd: repoRoot });
    if (outcome.status !== 'ok') {
      crashes.push(`start-up ${bundle}: ${outcome.detail}`);
      return undefined;
    }
    values.push(outcome.value.ms);
  }
  return values;
}

export async function startupSection({ mode, repoRoot, productDist, log }) {
  const { samples } = plans[mode];
  const probe = join(repoRoot, 'bench', 'startup-probe.cjs');
  const bundle = join(productDist, 'extension.js');
  const crashes = [];
  const size = statSync(bundle).size;
  log(`start-up: require dist/extension.js in ${samples} fresh processes`);
  const loads = await sample(probe, bundle, [], samples, repoRoot, crashes);
  // The sender (undici) is its own bundle, required on the first send: its cost moves there.
  const senderBundle = join(productDist, 'sender.js');
  const senderSize = existsSync(senderBundle) ? statSync(senderBundle).size : undefined;
  let senderLoads;
  if (senderSize !== undefined) {
    log(`start-up: require dist/sender.js (loaded on the first send) in ${samples} fresh processes`);
    senderLoads = await sample(probe, senderBundle, ['--sender'], samples, repoRoot, crashes);
  }
  const load = loads && median(loads);
  const senderLoad = senderLoads && median(senderLoads);
  return {
    title: '4. Start-up (production build of dist/extension.js)',
    columns: ['case', 'peer', 'median', 'runs', 'ratio', 'note'],
    rows: [
      ['bundle size', 'ours', kb(size), '', '', `${size.toLocaleString('en')} bytes, minified`],
      [
        'require with stub vscode',
        'ours',
        load === undefined ? 'crashed' : ms(load),
        String(loads?.length ?? 0),
        '',
        loads ? `min ${ms(Math.min(...loads))}, max ${ms(Math.max(...loads))}` : '',
      ],
      senderSize === undefined
        ? ['dist/sender.js', 'ours', 'no separate sender bundle', '', '', 'undici is inside dist/extension.js']
        : [
            'dist/sender.js, on the first send',
            'ours',
            `${kb(senderSize)}, ${senderLoad === undefined ? 'crashed' : ms(senderLoad)}`,
            String(senderLoads?.length ?? 0),
            '',
            'not part of start-up: the time the first send pays once',
          ],
    ],
    verdicts: [
      { target: 'Extension bundle under 400 KB', status: size < maxBytes ? 'met' : 'missed', detail: `${kb(size)}` },
      load === undefined
        ? { target: 'Extension loads in under 50 ms', status: 'not measured', detail: crashes[0] ?? '' }
        : {
            target: 'Extension loads in under 50 ms',
            status: load < maxMs ? 'met' : 'missed',
            detail: `median ${ms(load)} over ${loads.length} fresh processes`,
          },
    ],
    crashes,
    notes: [
      "The bundle is built by the project's own `esbuild.config.mjs --production` in a temporary copy of the sources (bench/.work/product), so the project's dist/ is left alone.",
      "Timed: `require()` of the bundle only (module evaluation, activate not called), inside each fresh process; Node's own start is not included. `vscode` is a stub object with one universal stub per name the real API exports (read from @types/vscode).",
    ],
  };
}
