// Builds what the bench runs, without touching the project's own dist/:
// - the bench cases (TypeScript importing src/core) into bench/.work/cases/*.cjs;
// - a production build of the extension and the CLI, made by the project's own
//   esbuild.config.mjs in a temporary copy of the sources (bench/.work/product/).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

export const caseNames = ['parse-bench', 'send-engine-bench', 'merge-bench', 'send-file-generator'];

export async function buildCases(repoRoot, workDir) {
  const outdir = join(workDir, 'cases');
  await esbuild.build({
    entryPoints: caseNames.map((n) => join(repoRoot, 'bench', `${n}.ts`)),
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // As in esbuild.config.mjs: jsonc-parser's UMD entry hides its requires from the bundler.
    mainFields: ['module', 'main'],
    // httpYac stays a package, loaded the way its users load it.
    external: ['httpyac'],
    logLevel: 'warning',
  });
  return Object.fromEntries(caseNames.map((n) => [n, join(outdir, `${n}.cjs`)]));
}

/** Runs `node esbuild.config.mjs --production` on a copy of the sources; returns its dist/. */
export function buildProduct(repoRoot, workDir) {
  const copy = join(workDir, 'product');
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  for (const entry of ['src', 'media', 'esbuild.config.mjs', 'package.json', 'tsconfig.json']) {
    if (existsSync(join(repoRoot, entry))) cpSync(join(repoRoot, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const built = spawnSync(process.execPath, ['esbuild.config.mjs', '--production'], { cwd: copy, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`production build failed:\n${built.stdout}${built.stderr}`);
  return join(copy, 'dist');
}
