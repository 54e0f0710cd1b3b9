// One file for every bundle: the extension (Node, vscode external), the CLI, the panel
// script (browser) and the test suites (unit: plain Node; editor: inside the extension host).
// Flags: --production minifies and drops sourcemaps; --watch keeps contexts alive and prints
// the "[watch] build started/finished" lines that the $esbuild-watch problem matcher expects.
// Imported (by the unit test that keeps lazily loaded code out of dist/extension.js) it only
// exports the extension's build options and builds nothing.
import * as esbuild from 'esbuild';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

function testEntries(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.test.ts') || p.endsWith('/index.ts')) out.push(p);
    }
  };
  try {
    walk(dir);
  } catch {
    /* a suite may not exist yet */
  }
  return out;
}

const watchReporter = {
  name: 'watch-reporter',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  plugins: [watchReporter],
};

// 'module' first: jsonc-parser's UMD entry hides its requires from the bundler.
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'] };

// esbuild gives every file that imports an external CommonJS module its own copy of that
// module's exports (`__toESM`: one getter per export). `vscode` exports about 190 names and
// 36 files import it: the copies were half of the time dist/extension.js took to load. Here
// every `import … from 'vscode'` in the bundle resolves to one module that re-exports it once.
const oneVscodeModule = {
  name: 'one-vscode-module',
  setup(build) {
    const namespace = 'one-vscode-module';
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === namespace ? { path: 'vscode', external: true } : { path: 'vscode', namespace },
    );
    build.onLoad({ filter: /.*/, namespace }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/**
 * Code that activation does not need is its own file next to dist/extension.js, required on
 * first use by src/extension/lazy-*.ts (`require('./NAME.js')`, left as written because the
 * extension build lists it as external). Each must also be in .vscodeignore's allow-list.
 */
export const lazyBundles = {
  // undici and the sender, on the first send (lazy-sender.ts).
  sender: 'src/core/send/sender-module.ts',
  // The conflict workflow, the merge engine and the resolve loop, when the first conflict
  // opens (lazy-resolve.ts).
  resolve: 'src/core/conflict/resolve-module.ts',
  // jsonpath-plus, the first time a request variable reads a JSONPath (lazy-jsonpath.ts, which
  // the extension build puts in the library's place).
  jsonpath: 'src/core/variables/jsonpath-module.ts',
  // The lost-update probe, when its command runs (lazy-probe.ts).
  probe: 'src/core/probe/probe-module.ts',
};

// What the extension and the bundles it loads share: `vscode` imported once, the lazy bundles
// left as requires, and jsonpath-plus loaded on first use (the probe resolves variables too).
const extensionSide = {
  ...node,
  outdir: 'dist',
  external: Object.keys(lazyBundles).map((name) => `./${name}.js`),
  plugins: [...node.plugins, oneVscodeModule],
  alias: { 'jsonpath-plus': './src/extension/lazy-jsonpath.ts' },
};

export const extensionBuild = { ...extensionSide, entryPoints: { extension: 'src/extension/extension.ts' } };

const { jsonpath, ...otherLazyBundles } = lazyBundles;

const builds = [
  extensionBuild,
  { ...extensionSide, entryPoints: otherLazyBundles },
  // The library itself, without the alias that stands in for it.
  { ...node, entryPoints: { jsonpath }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: { panel: 'media/panel/main.ts' },
    outdir: 'dist',
  },
];
const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain && !production) {
  // Tests keep node_modules external: they run where the packages are installed. The test
  // output is rebuilt from scratch, so a deleted or renamed test never runs from a stale bundle.
  rmSync('out/test', { recursive: true, force: true });
  const unit = testEntries('test/unit');
  if (unit.length)
    builds.push({ ...node, entryPoints: unit, outbase: 'test', outdir: 'out/test', packages: 'external' });
  const editor = testEntries('test/editor');
  if (editor.length)
    builds.push({ ...node, entryPoints: editor, outbase: 'test', outdir: 'out/test', external: ['vscode', 'mocha'] });
}

function copyAssets() {
  mkdirSync('dist', { recursive: true });
  cpSync('media/panel.css', 'dist/panel.css');
  cpSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/codicon.css');
  cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/codicon.ttf');
}

if (!isMain) {
  // Imported for its options: nothing to build.
} else if (watch) {
  copyAssets();
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  copyAssets();
  const results = await Promise.allSettled(builds.map((b) => esbuild.build(b)));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) process.exit(1);
  // The package's bin: `npx http-conflicts` runs the file itself.
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
