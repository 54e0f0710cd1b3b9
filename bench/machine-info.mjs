// What the figures were measured on: absolute times only mean something next to this.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

function packageVersion(repoRoot, name) {
  try {
    return JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

function gitRevision(repoRoot) {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--', 'src', 'media'], {
        cwd: repoRoot,
        encoding: 'utf8',
      }).trim() !== '';
    return dirty ? `${head} + uncommitted changes in src/ or media/` : head;
  } catch {
    return 'unknown';
  }
}

export function machineInfo(repoRoot) {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg()
      .map((l) => l.toFixed(2))
      .join(', '),
    revision: gitRevision(repoRoot),
    packages: Object.fromEntries(
      ['undici', 'httpyac', 'jsondiffpatch', 'node-diff3', 'esbuild'].map((n) => [n, packageVersion(repoRoot, n)]),
    ),
  };
}

export function currentLoadAverage() {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
}
