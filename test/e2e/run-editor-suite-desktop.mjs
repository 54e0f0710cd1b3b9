// The same in-editor suite under VS Code desktop, through @vscode/test-electron — for
// machines that can download VS Code (this project's CI machine cannot: it reaches only the
// npm registry and Debian's mirrors, so CI runs the suite in code-server's VS Code server
// with run-editor-suite.mjs instead). Usage: npm run test:editor:desktop
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from './package-vsix.mjs';

const build = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const workspace = join(mkdtempSync(join(tmpdir(), 'http-conflicts-desktop-')), 'workspace');
cpSync(join(REPO_ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: join(REPO_ROOT, 'out', 'test', 'editor', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(`The in-editor suite failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
