#!/usr/bin/env node
// Mutation testing of one area: `npm run mutation -- AREA [stryker options]`, e.g.
//   npm run mutation -- redact
//   npm run mutation -- merge --mutate src/core/merge/json-merge.ts
//   npm run mutation -- conflict --force        (ignore the incremental file, redo every mutant)
// Areas: see scripts/mutation-areas.mjs. Reports: reports/mutation/AREA/{index.html,mutation.json};
// reports/mutation/AREA/stryker-incremental.json lets the next run redo only changed code/tests.
// The property tests use one fixed seed (HTTP_CONFLICTS_SEED, default 18) so a mutant's fate
// does not depend on the run. On a shared machine run it under `flock /tmp/heavy.lock`.
//
// `--build AREA` is Stryker's build step inside its sandbox: bundle the area's unit tests (and
// the mutated sources they import) into out/mutation with esbuild.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { areas } from './mutation-areas.mjs';

const [first, ...rest] = process.argv.slice(2);

function testFiles(paths) {
  const out = [];
  const walk = (p) => {
    if (statSync(p).isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name));
    else if (p.endsWith('.test.ts')) out.push(p);
  };
  paths.forEach(walk);
  return out;
}

if (first === '--build') {
  const area = areas[rest[0]];
  if (!area) throw new Error(`unknown mutation area "${rest[0]}"`);
  const esbuild = await import('esbuild');
  rmSync('out/mutation', { recursive: true, force: true });
  await esbuild.build({
    entryPoints: ['test/unit/_seed.test.ts', ...testFiles(area.tests)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    mainFields: ['module', 'main'],
    sourcemap: 'linked',
    outbase: 'test/unit',
    outdir: 'out/mutation',
    logLevel: 'warning',
  });
  // Some tests run the CLI as a child process (dist/cli.js). It is built from the sandbox's
  // sources too, but a child process never sees the active mutant: those tests only guard
  // against a broken build, and the mutants they alone reach are reported as not covered.
  await esbuild.build({
    entryPoints: { cli: 'src/cli/main.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
} else {
  if (!first || !areas[first]) {
    console.error(`usage: npm run mutation -- AREA [stryker options]; areas: ${Object.keys(areas).join(', ')}`);
    process.exit(2);
  }
  const env = {
    ...process.env,
    HTTP_CONFLICTS_MUTATION_AREA: first,
    HTTP_CONFLICTS_SEED: process.env.HTTP_CONFLICTS_SEED ?? '18',
  };
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', ...rest], { stdio: 'inherit', env });
  console.log(`mutation ${first}: ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(run.status ?? 1);
}
