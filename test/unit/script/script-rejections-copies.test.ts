// A script's floating rejection is recorded against its script even when the sandbox module is
// loaded more than once in a process (the extension's lazy bundles, each unit-test bundle), and
// a rejection that is not a script's still behaves as Node's default where nobody else listens.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';

const sandbox = path.join(process.cwd(), 'src/core/script/jetbrains-sandbox.ts');

/** Builds two separate bundles of the sandbox and runs `main` with both loaded as copyA/copyB. */
function runWithTwoCopies(main: string): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'script-copies-'));
  try {
    const copy = path.join(dir, 'copy.ts');
    writeFileSync(copy, `export { runJetBrainsScript } from ${JSON.stringify(sandbox)};\n`);
    for (const name of ['a', 'b'])
      buildSync({
        entryPoints: [copy],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        outfile: path.join(dir, `copy-${name}.js`),
        logLevel: 'silent',
      });
    const probe = path.join(dir, 'probe.js');
    writeFileSync(
      probe,
      `const copyA = require('./copy-a.js');
const copyB = require('./copy-b.js');
if (copyA.runJetBrainsScript === copyB.runJetBrainsScript) throw new Error('one copy, not two');
const floating = (run, name) => run({
  script: { phase: 'pre-request', code: 'Promise.reject(new Error(' + JSON.stringify(name) + '));', fileName: name, startLine: 0 },
  state: { globals: new Map(), requestVariables: new Map(), environment: {} },
});
const failures = (out) => out.tests.filter((t) => !t.passed).map((t) => t.message);
${main}`,
    );
    const result = spawnSync(process.execPath, [probe], { encoding: 'utf8', timeout: 15_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('script rejections with the sandbox loaded twice', () => {
  it("records each copy's floating rejection against its own script, and the process lives on", function () {
    this.timeout(20_000);
    const result = runWithTwoCopies(`(async () => {
  const a = await floating(copyA.runJetBrainsScript, 'from copy A');
  const b = await floating(copyB.runJetBrainsScript, 'from copy B');
  process.stdout.write(JSON.stringify({ a: failures(a), b: failures(b), listeners: process.listenerCount('unhandledRejection') }));
})();`);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { a: ['from copy A'], b: ['from copy B'], listeners: 1 });
  });

  it("still ends the process on a rejection that is not a script's when no one else listens", function () {
    this.timeout(20_000);
    const result = runWithTwoCopies(`(async () => {
  await floating(copyA.runJetBrainsScript, 'a script');
  Promise.reject(new Error('not a script'));
})();`);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /not a script/);
  });

  it("leaves a rejection that is not a script's to the host's own listener", function () {
    this.timeout(20_000);
    const result = runWithTwoCopies(`const seen = [];
process.on('unhandledRejection', (reason) => seen.push(reason.message));
(async () => {
  const out = await floating(copyB.runJetBrainsScript, 'a script');
  Promise.reject(new Error('an extension'));
  setTimeout(() => process.stdout.write(JSON.stringify({ recorded: failures(out), seen })), 20);
})();`);
    assert.equal(result.status, 0, result.stderr);
    // Node hands every rejection to every listener: the host also sees the script's one.
    assert.deepEqual(JSON.parse(result.stdout), { recorded: ['a script'], seen: ['a script', 'an extension'] });
  });
});
