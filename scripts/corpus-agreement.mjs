// Prints the corpus agreement figures (issue 19): our parser against what each corpus file's
// author meant, and httpYac's parser next to it. Usage: node scripts/corpus-agreement.mjs
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'out', 'corpus-agreement.js');
execFileSync(
  'npx',
  [
    'esbuild',
    'test/unit/http-file/corpus-agreement.ts',
    '--bundle',
    '--platform=node',
    '--format=cjs',
    '--target=node20',
    '--packages=external',
    `--outfile=${out}`,
    '--log-level=warning',
  ],
  { cwd: root, stdio: 'inherit' },
);
execFileSync(process.execPath, [out], { cwd: root, stdio: 'inherit' });
