import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project folder, found from a bundled test wherever the bundle was written. */
export function repoRoot(from = __dirname): string {
  let dir = from;
  for (let i = 0; i < 12; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'esbuild.config.mjs'))) return dir;
    dir = dirname(dir);
  }
  throw new Error(`No project folder above ${from}`);
}
