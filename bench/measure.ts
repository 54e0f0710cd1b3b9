// Timing primitives: every figure the bench reports is the median of several runs, after
// warm-up runs that let the JIT settle.
import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface RunPlan {
  readonly warmup: number;
  readonly runs: number;
}

/** Milliseconds of each timed run of `work` (after `plan.warmup` untimed runs). */
export async function timeRuns(plan: RunPlan, work: () => unknown): Promise<number[]> {
  for (let i = 0; i < plan.warmup; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < plan.runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times;
}

/** Like `timeRuns`, but `prepare` runs untimed before each run and hands its result to `work`. */
export async function timePreparedRuns<T>(
  plan: RunPlan,
  prepare: () => Promise<T> | T,
  work: (input: T) => unknown,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < plan.warmup + plan.runs; i++) {
    const input = await prepare();
    const started = performance.now();
    await work(input);
    if (i >= plan.warmup) times.push(performance.now() - started);
  }
  return times;
}
