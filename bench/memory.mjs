// `node bench/memory.mjs`: builds bench/memory-bench.ts and prints how far RSS grows while the
// sender reads a capped 100 MB response and streams a 200 MB body (see that file).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const bench = dirname(fileURLToPath(import.meta.url));
const out = join(bench, '.work', 'memory-bench.cjs');
await esbuild.build({
  entryPoints: [join(bench, 'memory-bench.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--expose-gc', out], { stdio: 'inherit' });
process.exitCode = run.status ?? 1;
