// Runs one bench case in a fresh Node process with a time budget and reads back the JSON
// line it prints. A peer that runs out of time or memory "cannot do the case"; any other
// failure is a crash of the benchmark itself.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/**
 * @returns {Promise<{ status: 'ok', value: any, ms: number } | { status: 'timeout' | 'out-of-memory' | 'crashed', detail: string, ms: number }>}
 */
export function runCase(script, args, { budgetMs, cwd, nodeArgs = [] }) {
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, budgetMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (timedOut)
        return resolvePromise({
          status: 'timeout',
          detail: `did not finish within ${Math.round(budgetMs / 1000)} s`,
          ms,
        });
      if (/heap out of memory|Allocation failed/i.test(stderr))
        return resolvePromise({ status: 'out-of-memory', detail: 'ran out of memory', ms });
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code === 0) {
        try {
          return resolvePromise({ status: 'ok', value: JSON.parse(line), ms });
        } catch {
          /* fall through: a case that prints no JSON has crashed */
        }
      }
      resolvePromise({
        status: 'crashed',
        detail: `exit ${code}: ${stderr.trim().split('\n').slice(0, 6).join('\n') || stdout.slice(-500)}`,
        ms,
      });
    });
  });
}

const gnuTime = '/usr/bin/time';

/** Peak RSS (kB) of a running process so far, from /proc; undefined where there is no /proc. */
function highWaterMarkKb(pid) {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Wall-clock milliseconds of one command, its exit code, how much it printed and its peak
 * resident memory (`rssKb`): GNU time's "Maximum resident set size" where /usr/bin/time
 * exists, else the highest VmHWM seen by polling /proc every 20 ms (which can miss a peak
 * in the last 20 ms of the process).
 */
export function timeCommand(command, args, { cwd, budgetMs }) {
  return new Promise((resolvePromise) => {
    const wrapped = existsSync(gnuTime);
    const started = performance.now();
    // Wrapped, the command runs in its own process group so a timeout stops it, not just `time`.
    const child = wrapped
      ? spawn(gnuTime, ['-v', command, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
      : spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = 0;
    let stderr = '';
    let polledKb;
    const poll = wrapped
      ? undefined
      : setInterval(() => {
          const kb = highWaterMarkKb(child.pid);
          if (kb !== undefined) polledKb = Math.max(polledKb ?? 0, kb);
        }, 20);
    child.stdout.on('data', (d) => (printed += d.length));
    child.stderr.on('data', (d) => {
      stderr += d;
      // GNU time's report comes last; the start of stderr says why a command failed.
      if (stderr.length > 64_000) stderr = stderr.slice(0, 2000) + stderr.slice(-8000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (wrapped) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      } else child.kill('SIGKILL');
    }, budgetMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      const ms = performance.now() - started;
      const reported = wrapped ? /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr) : undefined;
      const rssKb = reported ? Number(reported[1]) : polledKb;
      const own = wrapped ? stderr.replace(/\n?\tCommand being timed:[\s\S]*$/, '') : stderr;
      resolvePromise({ ms, code, timedOut, printed, rssKb, stderr: own.slice(0, 2000) });
    });
  });
}
