#!/usr/bin/env node
// Runs unit tests N times, each with a new random fast-check seed, in one process (cheap enough
// for 100 runs on a busy machine), and prints every seed that failed so it can be replayed with
// HTTP_CONFLICTS_SEED=<seed>. Bundle first with scripts/test-only.sh AREA (out/only-AREA).
// Usage: node scripts/repeat-seeds.mjs RUNS BUNDLE_DIR [--grep PATTERN]
//   scripts/test-only.sh core -- --grep redact && node scripts/repeat-seeds.mjs 100 out/only-core --grep redact
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Mocha from 'mocha';

const [runsArg, dir, ...rest] = process.argv.slice(2);
const runs = Number.parseInt(runsArg ?? '', 10);
if (!Number.isSafeInteger(runs) || runs < 1 || runs > 10_000 || !dir) {
  console.error('usage: node scripts/repeat-seeds.mjs RUNS BUNDLE_DIR [--grep PATTERN]');
  process.exit(2);
}
const grepAt = rest.indexOf('--grep');
const grep = grepAt >= 0 ? rest[grepAt + 1] : undefined;

const files = [];
const walk = (p) => {
  if (statSync(p).isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name));
  else if (p.endsWith('.test.js')) files.push(resolve(p));
};
walk(dir);
// _seed.test.js first, as in every other run: it applies the seed.
files.sort((a, b) => Number(!a.endsWith('_seed.test.js')) - Number(!b.endsWith('_seed.test.js')));

const failedSeeds = [];
let tests = 0;
for (let i = 0; i < runs; i++) {
  const seed = (Math.random() * 0x7fffffff) | 0;
  process.env.HTTP_CONFLICTS_SEED = String(seed);
  const mocha = new Mocha({ reporter: 'dot', timeout: 20_000, forbidOnly: true, ...(grep ? { grep } : {}) });
  for (const f of files) mocha.addFile(f);
  const quiet = console.log;
  console.log = () => {}; // the seed line of every run
  let failures;
  let passes = 0;
  try {
    await mocha.loadFilesAsync();
    console.log = quiet;
    failures = await new Promise((done) => {
      const runner = mocha.run((n) => done(n));
      runner.on('pass', () => passes++);
    });
  } finally {
    console.log = quiet;
    mocha.unloadFiles();
    mocha.dispose();
  }
  tests += passes;
  if (failures) failedSeeds.push(seed);
}
console.log(
  `\n${runs - failedSeeds.length} of ${runs} runs passed (${tests} test passes in all)${failedSeeds.length ? `; failing seeds: ${failedSeeds.join(', ')}` : ''}`,
);
process.exitCode = failedSeeds.length ? 1 : 0;
