// Entry point of the Restricted Mode pass: the editor runs with workspace trust on and the
// test folder not trusted (run-editor-suite.mjs starts a second server for it). Its tests
// check `vscode.workspace.isTrusted === false` themselves, so a trusted folder fails loudly.
import { resolve } from 'node:path';
import { runPass } from '../mocha-run';

export function run(): Promise<void> {
  return runPass({
    dir: __dirname,
    // Bundled to out/test/editor/restricted/index.js, four levels below the repo root.
    repoRoot: resolve(__dirname, '..', '..', '..', '..'),
    defaultResults: 'editor-restricted.json',
  });
}
