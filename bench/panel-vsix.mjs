// The VSIX the panel benchmark installs: the bench's own production build (bench/.work/product)
// packaged the way test/e2e/package-vsix.mjs packages the project, but from a staging copy, so
// the project's dist/ is left alone (package-vsix.mjs builds into the repo's dist/).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// What .vscodeignore lets into the package, besides dist/.
const shippedEntries = [
  'package.json',
  '.vscodeignore',
  'README.md',
  'LICENSE',
  'language-configuration.json',
  'syntaxes',
  'snippets',
  'docs/screenshots',
  'media/icon.png',
];

/** Packages `productDist` into `<workDir>/panel-vsix/http-conflict-resolver.vsix`; returns its path. */
export function packageBenchVsix(repoRoot, productDist, workDir) {
  const stage = join(workDir, 'panel-vsix', 'stage');
  const vsix = join(workDir, 'panel-vsix', 'http-conflict-resolver.vsix');
  rmSync(join(workDir, 'panel-vsix'), { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const entry of shippedEntries) {
    if (existsSync(join(repoRoot, entry))) cpSync(join(repoRoot, entry), join(stage, entry), { recursive: true });
  }
  cpSync(productDist, join(stage, 'dist'), { recursive: true });

  // The same vsce flags as package-vsix.mjs; stdin closed, so a question fails instead of hanging.
  const args = ['package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix];
  if (!JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8')).repository)
    args.push('--allow-missing-repository');
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const packed = spawnSync(process.execPath, [vsce, ...args], {
    cwd: stage,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (packed.status !== 0 || !existsSync(vsix))
    throw new Error(`vsce package failed (exit ${packed.status}):\n${packed.stdout}${packed.stderr}`);
  return vsix;
}
