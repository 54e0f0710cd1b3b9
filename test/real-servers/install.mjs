#!/usr/bin/env node
// Installs the third-party servers the real-server tests start on 127.0.0.1: Azurite
// (Blob + Table), pouchdb-server and the Community Solid Server from the npm registry, each
// into its own folder of a cache OUTSIDE the repository, and Apache httpd (mod_dav) and
// Radicale from Debian. Cache-friendly: a server whose pinned version is already there is
// not touched, so a warm run takes a second. CI (.ci/run) calls this before the tests.
//
//   node test/real-servers/install.mjs            install whatever is missing
//   node test/real-servers/install.mjs --check    only say what is missing (exit 1 if any)
//
// The cache folder: $HTTP_CONFLICTS_SERVERS, else ~/.cache/http-conflict-resolver/servers.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const npmServers = [
  { name: 'azurite', pkg: 'azurite', version: '3.37.0' },
  { name: 'pouchdb-server', pkg: 'pouchdb-server', version: '4.2.0' },
  { name: 'solid', pkg: '@solid/community-server', version: '7.2.0' },
];
const debianServers = [
  { name: 'apache2', binary: '/usr/sbin/apache2', module: '/usr/lib/apache2/modules/mod_dav_fs.so' },
  { name: 'radicale', binary: '/usr/bin/radicale' },
];

function serversCache() {
  return (
    process.env.HTTP_CONFLICTS_SERVERS ||
    join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'http-conflict-resolver', 'servers')
  );
}

function installedVersion(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'installed.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

async function installNpm(server, cache) {
  const dir = join(cache, server.name);
  if (installedVersion(dir) === server.version) return { name: server.name, state: 'cached' };
  const started = Date.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        private: true,
        description: 'Test server for http-conflict-resolver (installed by test/real-servers/install.mjs)',
        dependencies: { [server.pkg]: server.version },
      },
      null,
      2,
    ),
  );
  // No dependency install scripts: none of these servers needs a native build for the way the
  // tests run them (pouchdb-server in memory never loads leveldown or sqlite3).
  const status = await new Promise((resolve) => {
    const child = spawn(
      'npm',
      ['install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
      { cwd: dir, stdio: 'inherit' },
    );
    child.on('error', () => resolve(-1));
    child.on('exit', (code) => resolve(code));
  });
  if (status !== 0) return { name: server.name, state: `FAILED (npm exit ${status})` };
  writeFileSync(
    join(dir, 'installed.json'),
    JSON.stringify({ package: server.pkg, version: server.version, installed: new Date().toISOString() }) + '\n',
  );
  return { name: server.name, state: `installed ${server.pkg}@${server.version} in ${seconds(started)}` };
}

function debianMissing() {
  return debianServers.filter((s) => !existsSync(s.binary) || (s.module && !existsSync(s.module))).map((s) => s.name);
}

function installDebian(missing) {
  if (missing.length === 0) return [];
  const started = Date.now();
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root)
    return missing.map((name) => ({
      name,
      state: `MISSING: run as root: apt-get install -y --no-install-recommends ${missing.join(' ')}`,
    }));
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let result = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    result = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
      stdio: 'inherit',
      env,
    });
  }
  const still = debianMissing();
  return missing.map((name) => ({
    name,
    state: still.includes(name)
      ? `FAILED (apt-get exit ${result.status})`
      : `installed from Debian in ${seconds(started)}`,
  }));
}

async function main() {
  const check = process.argv.includes('--check');
  const cache = serversCache();
  const started = Date.now();
  const rows = [];
  if (check) {
    for (const s of npmServers)
      rows.push({ name: s.name, state: installedVersion(join(cache, s.name)) === s.version ? 'ok' : 'MISSING' });
    const missing = debianMissing();
    for (const s of debianServers) rows.push({ name: s.name, state: missing.includes(s.name) ? 'MISSING' : 'ok' });
  } else {
    mkdirSync(cache, { recursive: true });
    rows.push(...installDebian(debianMissing()));
    for (const s of debianServers)
      if (!rows.some((r) => r.name === s.name)) rows.push({ name: s.name, state: 'cached' });
    // The three downloads run side by side: the time goes to the network and the disk.
    rows.push(...(await Promise.all(npmServers.map((s) => installNpm(s, cache)))));
  }
  for (const r of rows) console.log(`real servers: ${r.name.padEnd(15)} ${r.state}`);
  console.log(`real servers: cache ${cache}, ${seconds(started)}`);
  const bad = rows.filter((r) => /MISSING|FAILED/.test(r.state));
  process.exitCode = bad.length ? 1 : 0;
}

await main();
