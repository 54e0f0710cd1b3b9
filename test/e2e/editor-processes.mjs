// Starting and ending the editor's processes so that none outlive the test run: each server
// runs in its own process group, ended by that group, and a small detached watchdog ends
// the group if the process that started it dies first (a crashed or killed test run).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A port that was free a moment ago on 127.0.0.1 (servers here cannot report theirs). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Runs detached, polls once a second: when the test process is gone, kill the group (and
// remove the run's scratch folder, if it named one).
const WATCHDOG = `
const [parent, group] = process.argv.slice(1, 3).map(Number);
const scratch = process.argv[3];
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
setInterval(() => {
  if (!alive(-group)) process.exit(0);
  if (!alive(parent)) {
    try { process.kill(-group, 'SIGKILL'); } catch {}
    if (scratch) setTimeout(() => { require('node:fs').rmSync(scratch, { recursive: true, force: true }); process.exit(0); }, 1000);
    else process.exit(0);
  }
}, 1000);
`;

/**
 * Starts `command` as the leader of a new process group, its output copied to `logFile`.
 * The child gets `output()` (everything printed so far) for error messages. `scratchDir` is
 * removed by the watchdog if the test process dies without stopping the group.
 */
export function startProcessGroup(command, args, { env = process.env, cwd, logFile, scratchDir } = {}) {
  const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const log = logFile ? (mkdirSync(dirname(logFile), { recursive: true }), createWriteStream(logFile)) : undefined;
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      output += chunk;
      if (output.length > 200_000) output = output.slice(-100_000);
      log?.write(chunk);
    });
  }
  child.once('exit', () => log?.end());
  child.output = () => output;
  if (child.pid) {
    const watchdogArgs = [String(process.pid), String(child.pid), ...(scratchDir ? [scratchDir] : [])];
    spawn(process.execPath, ['-e', WATCHDOG, ...watchdogArgs], { detached: true, stdio: 'ignore' }).unref();
  }
  return child;
}

/** Resolves with the output once `pattern` appears; rejects on exit or after `timeoutMs`. */
export function waitForOutput(child, pattern, timeoutMs, what = String(pattern)) {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(child.output())) {
        done();
        resolve(child.output());
      }
    };
    const onExit = (code, signal) => {
      done();
      reject(new Error(`${what}: process exited (${signal ?? code}) first:\n${tail(child.output())}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${what}: not seen within ${timeoutMs} ms:\n${tail(child.output())}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      child.stdout.off('data', check);
      child.stderr.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

/** Ends the whole group: SIGTERM, then SIGKILL after `graceMs`. Safe to call twice. */
export async function stopProcessGroup(child, graceMs = 3000) {
  if (!child?.pid) return;
  if (!signalGroup(child.pid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(child.pid)) await sleep(100);
  if (groupAlive(child.pid)) signalGroup(child.pid, 'SIGKILL');
}

/** Runs a command to completion and resolves with its exit code and output. */
export function runToEnd(command, args, { env = process.env, cwd, timeoutMs = 120_000, scratchDir } = {}) {
  return new Promise((resolve, reject) => {
    const child = startProcessGroup(command, args, { env, cwd, scratchDir });
    const timer = setTimeout(() => {
      void stopProcessGroup(child, 0);
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output: child.output() });
    });
  });
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function groupAlive(pid) {
  return signalGroup(pid, 0);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tail(text) {
  return text.split('\n').slice(-30).join('\n');
}
