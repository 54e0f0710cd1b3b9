// Types for editor-processes.mjs, which the runners use as plain JavaScript.
import type { ChildProcess } from 'node:child_process';

export interface GroupProcess extends ChildProcess {
  output(): string;
}

export const CHROMIUM_ARGS: string[];
export function freePort(): Promise<number>;
export function startProcessGroup(
  command: string,
  args: string[],
  options?: { env?: NodeJS.ProcessEnv; cwd?: string; logFile?: string; scratchDir?: string },
): GroupProcess;
export function waitForOutput(child: GroupProcess, pattern: RegExp, timeoutMs: number, what?: string): Promise<string>;
export function stopProcessGroup(child: GroupProcess | undefined, graceMs?: number): Promise<void>;
export function runToEnd(
  command: string,
  args: string[],
  options?: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; scratchDir?: string },
): Promise<{ code: number | null; output: string }>;
