// Runs one bench case in a fresh Node process with a time budget and reads back the JSON
// line it prints. A peer that runs out of time or memory "cannot do the case"; any other
// failure is a crash of the benchmark itself.
import { spawn } from 'node:child_process';

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
      if (timedOut) return resolvePromise({ status: 'timeout', detail: `did not finish within ${Math.round(budgetMs / 1000)} s`, ms });
      if (/heap out of memory|Allocation failed/i.test(stderr)) return resolvePromise({ status: 'out-of-memory', detail: 'ran out of memory', ms });
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code === 0) {
        try {
          return resolvePromise({ status: 'ok', value: JSON.parse(line), ms });
        } catch {
          /* fall through: a case that prints no JSON has crashed */
        }
      }
      resolvePromise({ status: 'crashed', detail: `exit ${code}: ${stderr.trim().split('\n').slice(0, 6).join('\n') || stdout.slice(-500)}`, ms });
    });
  });
}

/** Wall-clock milliseconds of one command, its exit code and how much it printed. */
export function timeCommand(command, args, { cwd, budgetMs }) {
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = 0;
    let stderr = '';
    child.stdout.on('data', (d) => (printed += d.length));
    child.stderr.on('data', (d) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, budgetMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ ms: performance.now() - started, code, timedOut, printed, stderr: stderr.slice(0, 2000) });
    });
  });
}
