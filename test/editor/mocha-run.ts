// Runs the *.test.js files bundled in a folder with mocha inside the extension host: shared by
// the entry points the editor loads as `extensionTestsPath` (test/editor/index.ts for the
// trusted pass, test/editor/restricted/index.ts for Restricted Mode). The counts go to a file
// because the console of an extension host is not a reliable channel back to the runner.
// mocha 11 (the project's mocha), the last CommonJS release, loads on every Node an extension
// host runs on: mocha 12 is an ES module needing require(esm), which VS Code 1.90's Node 20.9 lacks.
import MochaClass from 'mocha';
import { appendFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from 'node:util';

export interface EditorPass {
  /** The folder of bundled tests (the entry point's own folder). */
  readonly dir: string;
  readonly repoRoot: string;
  /** Where the counts go when the runner names no file (a desktop run). */
  readonly defaultResults: string;
  /** Sub-folders that belong to another pass. */
  readonly skip?: readonly string[];
}

export function runPass(pass: EditorPass): Promise<void> {
  const Mocha = MochaClass;
  const results = process.env.HTTP_CONFLICTS_EDITOR_RESULTS || join(pass.repoRoot, 'test-results', pass.defaultResults);
  copySpecReportTo(Mocha, results.replace(/\.json$/, '') + '-report.txt');
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 20_000,
    reporter: join(pass.repoRoot, 'test', 'support', 'count-reporter.cjs'),
    reporterOptions: { out: results },
  });
  for (const file of testFiles(pass.dir, pass.skip ?? [])) mocha.addFile(file);
  return new Promise((resolvePromise, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} editor test(s) failed`));
      else resolvePromise();
    });
  });
}

// The spec reporter's lines reach the browser console with their printf arguments
// unformatted; a plain-text copy lets the runner show the report as mocha wrote it.
function copySpecReportTo(Mocha: typeof MochaClass, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  rmSync(file, { force: true });
  const consoleLog = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    appendFileSync(file, format(...args) + '\n');
    consoleLog(...args);
  };
}

function testFiles(dir: string, skip: readonly string[]): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return skip.includes(name) ? [] : testFiles(path, []);
      return name.endsWith('.test.js') ? [path] : [];
    })
    .sort();
}
