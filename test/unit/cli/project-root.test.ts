// Which folder a .http file's includes and env files may come from, when the CLI runs it.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProjectRoot } from '../../../src/cli/project-root';

describe('the CLI project root', () => {
  let home: string;
  beforeEach(() => {
    home = realpathSync(mkdtempSync(join(tmpdir(), 'cli-root-')));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const file = (path: string) => {
    mkdirSync(join(home, path, '..'), { recursive: true });
    writeFileSync(join(home, path), 'GET http://127.0.0.1/\n');
    return join(home, path);
  };

  it('is the nearest folder above the file holding .git or .vscode', async () => {
    mkdirSync(join(home, 'code', 'api', '.git'), { recursive: true });
    assert.equal(await findProjectRoot(file('code/api/requests/deep/a.http'), home), join(home, 'code', 'api'));
    mkdirSync(join(home, 'code', 'api', 'requests', '.vscode'));
    assert.equal(
      await findProjectRoot(file('code/api/requests/deep/a.http'), home),
      join(home, 'code', 'api', 'requests'),
    );
  });

  it("is the file's own folder when no marker is found, and never HOME, even a HOME that is a git work tree", async () => {
    mkdirSync(join(home, '.git'));
    assert.equal(await findProjectRoot(file('Downloads/zip/a.http'), home), join(home, 'Downloads', 'zip'));
    assert.equal(
      await findProjectRoot(file('a.http'), home),
      home,
      'a file in HOME itself may read only HOME (its own folder)',
    );
  });

  it('does not take package.json for a project: a monorepo package would hide the root env files', async () => {
    mkdirSync(join(home, 'mono', '.git'), { recursive: true });
    writeFileSync(join(home, 'mono', 'package.json'), '{}');
    mkdirSync(join(home, 'mono', 'packages', 'api'), { recursive: true });
    writeFileSync(join(home, 'mono', 'packages', 'api', 'package.json'), '{}');
    assert.equal(await findProjectRoot(file('mono/packages/api/a.http'), home), join(home, 'mono'));
  });
});
