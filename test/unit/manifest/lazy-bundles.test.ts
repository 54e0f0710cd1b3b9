// What activation loads: dist/extension.js must not take back the code that is its own file,
// loaded on first use (esbuild.config.mjs `lazyBundles`, src/extension/lazy-*.ts). One static
// import of the merge engine from any file the extension reaches would quietly put it back in
// start-up; this builds the extension exactly as the config does and reads what went in.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { repoRoot } from '../../support/repo-root';

const root = repoRoot();

interface BuildConfig {
  readonly lazyBundles: Readonly<Record<string, string>>;
  readonly extensionBuild: esbuild.BuildOptions;
}

/** Files each lazy bundle exists to keep out of start-up (a path ending, or a folder). */
const keptOut: Readonly<Record<string, readonly string[]>> = {
  sender: ['node_modules/undici/', 'src/core/send/send-request.ts', 'src/core/send/agent-cache.ts'],
  resolve: [
    'src/core/conflict/conflict-workflow.ts',
    'src/core/conflict/resolve-conflict.ts',
    'src/core/conflict/contended-resolve.ts',
    'src/core/conflict/rebase.ts',
    'src/core/merge/merge-bodies.ts',
    'src/core/merge/json-merge.ts',
    'src/core/merge/text-merge.ts',
    'src/core/merge/json-patch-rebase.ts',
    'src/core/merge/exact-number.ts',
  ],
  jsonpath: ['node_modules/jsonpath-plus/'],
  probe: ['src/core/probe/lost-update-probe.ts', 'src/core/probe/probe-verdict.ts', 'src/core/probe/probe-target.ts'],
};

async function config(): Promise<BuildConfig> {
  // A dynamic import of the config itself (it builds nothing when imported), so the test reads
  // the options the extension is really built with.
  const url = pathToFileURL(join(root, 'esbuild.config.mjs')).href;
  return (await import(url)) as BuildConfig;
}

describe('start-up: the code loaded on first use', () => {
  let lazyBundles: Readonly<Record<string, string>>;
  let inputs: string[];
  let text: string;

  before(async function () {
    this.timeout(60_000);
    const cfg = await config();
    lazyBundles = cfg.lazyBundles;
    const built = await esbuild.build({
      ...cfg.extensionBuild,
      absWorkingDir: root,
      write: false,
      metafile: true,
      minify: false,
      sourcemap: false,
      logLevel: 'silent',
    });
    const output = Object.values(built.metafile!.outputs).find((o) => o.entryPoint !== undefined);
    assert.ok(output, 'the build makes dist/extension.js');
    inputs = Object.keys(output.inputs).map((f) => f.replaceAll('\\', '/'));
    text = built.outputFiles!.find((f) => f.path.endsWith('extension.js'))!.text;
  });

  it('is kept out of dist/extension.js: no file a lazy bundle exists for is bundled into it', () => {
    for (const [name, files] of Object.entries(keptOut)) {
      const entry = lazyBundles[name];
      assert.ok(entry, `esbuild.config.mjs has a lazy bundle named ${name}`);
      for (const kept of [entry, ...files]) {
        const inside = inputs.filter((f) => (kept.endsWith('/') ? f.includes(kept) : f.endsWith(kept)));
        assert.deepEqual(inside, [], `dist/extension.js takes in ${kept}, which belongs to dist/${name}.js`);
      }
    }
  });

  it('is what the lazy-*.ts files require, each bundle left as a require of its own file', () => {
    const dir = join(root, 'src', 'extension');
    const required: string[] = [];
    for (const file of readdirSync(dir).filter((f) => /^lazy-.*\.ts$/.test(f)))
      for (const [, name] of readFileSync(join(dir, file), 'utf8').matchAll(/require\('\.\/([\w-]+)\.js'\)/g))
        required.push(name);
    assert.deepEqual(required.sort(), Object.keys(lazyBundles).sort());
    assert.deepEqual(Object.keys(keptOut).sort(), Object.keys(lazyBundles).sort(), 'each says what it keeps out');
    for (const name of required)
      assert.ok(text.includes(`require("./${name}.js")`), `require("./${name}.js") as written`);
  });

  it('imports `vscode` once, not once per file that uses it', () => {
    // One copy of the API's ~190 exports per importing file was half of the load time.
    assert.equal(text.split('require("vscode")').length - 1, 1);
  });
});
