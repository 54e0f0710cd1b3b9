// One file for every bundle: the extension (Node, vscode external), the CLI, the panel
// script (browser) and the test suites (unit: plain Node; editor: inside the extension host).
// Flags: --production minifies and drops sourcemaps; --watch keeps contexts alive and prints
// the "[watch] build started/finished" lines that the $esbuild-watch problem matcher expects.
import * as esbuild from 'esbuild';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

const builds = [
  // The sender is its own file, loaded on the first send (src/extension/lazy-sender.ts).
  {
    ...node,
    entryPoints: { extension: 'src/extension/extension.ts' },
    outdir: 'dist',
    external: ['vscode', './sender.js'],
  },
  { ...node, entryPoints: { sender: 'src/core/send/sender-module.ts' }, outdir: 'dist' },
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
if (!production) {
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

copyAssets();
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.allSettled(builds.map((b) => esbuild.build(b)));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) process.exit(1);
  // The package's bin: `npx http-conflicts` runs the file itself.
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
