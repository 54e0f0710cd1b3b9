// Entry point the editor loads as `extensionTestsPath`: runs every *.test.js bundled beside
// it with mocha, inside the extension host, in a trusted workspace. The same file serves
// @vscode/test-electron on desktops and run-editor-suite.mjs here. restricted/ is a second
// pass with its own entry point: its tests need an editor where the folder is not trusted.
import { resolve } from 'node:path';
import { runPass } from './mocha-run';

export function run(): Promise<void> {
  return runPass({
    dir: __dirname,
    // Bundled to out/test/editor/index.js, three levels below the repo root.
    repoRoot: resolve(__dirname, '..', '..', '..'),
    defaultResults: 'editor.json',
    skip: ['restricted'],
  });
}
