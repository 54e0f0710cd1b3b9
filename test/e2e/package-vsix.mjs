// Builds the extension for production and packages it as the VSIX a user would install,
// so the e2e scenarios test what ships (the .vscodeignore included), not the work tree.
// Run directly (`npm run package`) to package into dist-vsix/ and print the path; the e2e run
// packages into out/e2e/ through packageVsix().
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VSIX_NAME = 'http-conflict-resolver.vsix';

/** Returns the absolute path of the fresh VSIX; throws with vsce's output when it fails. */
/** The VSIX ships dist/, the grammar, README and its screenshots: it has no business growing past this. */
const maxVsixBytes = 1024 * 1024;

export function packageVsix({ outDir = join(REPO_ROOT, 'out', 'e2e'), log = (line) => console.error(line) } = {}) {
  mkdirSync(outDir, { recursive: true });
  const vsix = join(outDir, VSIX_NAME);
  rmSync(vsix, { force: true });

  log('[vsix] building (production)');
  run(process.execPath, ['esbuild.config.mjs', '--production']);

  // Relative links stay relative: the README's screenshots ship inside the VSIX.
  const args = ['vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix];
  // vsce stops to ask when the manifest has no repository; answer it with the flag instead.
  if (!JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).repository)
    args.push('--allow-missing-repository');
  log(`[vsix] npx ${args.join(' ')}`);
  run('npx', ['--no-install', ...args]);
  if (!existsSync(vsix)) throw new Error(`vsce reported success but ${vsix} is missing`);
  const size = statSync(vsix).size;
  log(`[vsix] ${vsix}: ${(size / 1024).toFixed(0)} KB`);
  if (size > maxVsixBytes)
    throw new Error(
      `the VSIX is ${(size / 1024).toFixed(0)} KB, over the ${maxVsixBytes / 1024} KB budget: check what .vscodeignore lets in`,
    );
  return vsix;
}

function run(cmd, args) {
  // stdin closed: any question vsce still asks fails the run instead of hanging it.
  const r = spawnSync(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

// `npm run package`: the same packaging, into dist-vsix/.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(packageVsix({ outDir: join(REPO_ROOT, 'dist-vsix') }));
  } catch (err) {
    console.error(`[vsix] ${err.message}`);
    process.exit(1);
  }
}
