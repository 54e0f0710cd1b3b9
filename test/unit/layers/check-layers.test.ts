// scripts/check-layers.mjs must find a loop between folders when there is one — and the
// project's own src/ must have none.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root';

const script = join(repoRoot(), 'scripts', 'check-layers.mjs');
const check = (root?: string) =>
  spawnSync(process.execPath, [script, ...(root ? ['--root', root] : [])], { encoding: 'utf8' });

describe('the folder graph check', () => {
  let tree: string;
  beforeEach(() => {
    tree = mkdtempSync(join(tmpdir(), 'layers-'));
    mkdirSync(join(tree, 'src', 'core', 'run'), { recursive: true });
    mkdirSync(join(tree, 'src', 'core', 'conflict'), { recursive: true });
    writeFileSync(
      join(tree, 'src', 'core', 'run', 'session.ts'),
      "import type { X } from '../conflict/body';\nexport type S = X;\n",
    );
  });
  afterEach(() => rmSync(tree, { recursive: true, force: true }));

  it('finds a loop of two folders and names the imports that make it', () => {
    writeFileSync(
      join(tree, 'src', 'core', 'conflict', 'body.ts'),
      "import { s } from '../run/session';\nexport type X = typeof s;\n",
    );
    const r = check(tree);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /import loop between folders: src\/core\/conflict, src\/core\/run/);
    assert.match(r.stdout, /src\/core\/conflict → src\/core\/run: src\/core\/conflict\/body\.ts → \.\.\/run\/session/);
  });

  it('passes a tree whose imports only go one way', () => {
    writeFileSync(join(tree, 'src', 'core', 'conflict', 'body.ts'), 'export type X = number;\n');
    const r = check(tree);
    assert.equal(r.status, 0, r.stdout);
  });

  it('finds no loop in this project', () => {
    const r = check();
    assert.equal(r.status, 0, r.stdout);
  });
});
