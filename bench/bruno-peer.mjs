// Bruno's CLI as a peer of the send benchmark. It is large (an AWS SDK among its
// dependencies), so it is not a devDependency: the bench installs the pinned version into
// bench/.work/peers/bruno on first use and reuses it. When that fails (offline CI), the
// Bruno rows say why and the rest of the bench runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const brunoVersion = '4.1.0';

/** @returns {{ ok: true, bin: string, version: string } | { ok: false, reason: string }} */
export function ensureBruno(workDir, log) {
  const prefix = join(workDir, 'peers', 'bruno');
  const packageDir = join(prefix, 'node_modules', '@usebruno', 'cli');
  const installed = () => {
    try {
      const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
      const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.bru;
      return manifest.version === brunoVersion && bin && existsSync(join(packageDir, bin))
        ? { ok: true, bin: join(packageDir, bin), version: manifest.version }
        : undefined;
    } catch {
      return undefined;
    }
  };
  const ready = installed();
  if (ready) return ready;
  log(`installing @usebruno/cli@${brunoVersion} into ${prefix} (once; reused by later runs)`);
  mkdirSync(prefix, { recursive: true });
  if (!existsSync(join(prefix, 'package.json'))) writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    [
      'install',
      '--prefix',
      prefix,
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--no-save',
      `@usebruno/cli@${brunoVersion}`,
    ],
    { encoding: 'utf8', timeout: 300_000 },
  );
  const after = installed();
  if (after) return after;
  const why = result.error
    ? result.error.message
    : `npm exited ${result.status}: ${(result.stderr || result.stdout).trim().split('\n').slice(-2).join(' ')}`;
  return { ok: false, reason: `Bruno's CLI could not be installed (${why})` };
}

/** Writes the generated collection (relative path → text) into `dir`. */
export function writeCollection(dir, files) {
  for (const [relative, text] of Object.entries(files)) {
    const path = join(dir, relative);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
}
