// The CLI as a user runs it against a real server: the built dist/cli.js in a child process,
// a .http file in a scratch folder, snapshots kept there too. Plus a plain reader of what the
// server holds afterwards, so each test checks the server, not only what the CLI printed.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root';

const cli = join(repoRoot(), 'dist', 'cli.js');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ProbeJson {
  verdict: string;
  writers: number;
  accepted: number;
  rejected: number;
  statuses: Array<number | null>;
  requiresPrecondition: boolean | null;
  dialect: string | null;
  summary: string;
  url: string;
}

export interface Workspace {
  readonly dir: string;
  write(name: string, text: string): string;
  run(args: readonly string[]): Promise<CliRun>;
  /** `run FILE --on-conflict=rebase` with this workspace's snapshots. */
  rebase(file: string, extra?: readonly string[]): Promise<CliRun>;
  probe(target: string, writers?: number): Promise<{ run: CliRun; result: ProbeJson }>;
  remove(): void;
}

export function workspace(prefix: string): Workspace {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first (npm run build)`);
  const dir = mkdtempSync(join(tmpdir(), `real-cli-${prefix}-`));
  const run = (args: readonly string[]) =>
    new Promise<CliRun>((done) => {
      execFile(process.execPath, [cli, ...args], { cwd: dir, timeout: 60_000 }, (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
      });
    });
  return {
    dir,
    write(name, text) {
      writeFileSync(join(dir, name), text);
      return name;
    },
    run,
    rebase: (file, extra = []) =>
      run(['run', file, '--on-conflict=rebase', '--snapshots', join(dir, 'snapshots'), ...extra]),
    async probe(target, writers = 4) {
      const result = await run(['probe', target, '--writers', String(writers), '--json']);
      let parsed: ProbeJson;
      try {
        parsed = JSON.parse(result.stdout) as ProbeJson;
      } catch {
        throw new Error(`probe printed no JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
      }
      return { run: result, result: parsed };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** What the server holds now, read with a plain GET outside the CLI. */
export async function read(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; etag: string | null; text: string }> {
  const response = await fetch(url, { headers });
  return { status: response.status, etag: response.headers.get('etag'), text: await response.text() };
}

/** A plain write outside the CLI, to set up or to play the other writer. */
export async function write(
  method: string,
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const response = await fetch(url, { method, body, headers });
  await response.arrayBuffer();
  return response.status;
}

/** The lines of a probe's or run's text output, for the failure message. */
export function shown(run: CliRun): string {
  return `exit ${run.code}\n${run.stdout}${run.stderr ? `\nstderr: ${run.stderr}` : ''}`;
}

export interface RunResultJson {
  name: string | null;
  response?: { status: number; headers: Array<[string, string]>; body: string };
  conflict?: { kind: string; dialect: string; summary: string };
  resolution?: {
    outcome: string;
    message: string;
    tokenUpdates: Array<{ location: { kind: string; name?: string }; value: string | number; remove?: boolean }>;
  };
  rebase?: { outcome: string; message: string };
}

/** The results of `run … --json`. */
export function results(run: CliRun): RunResultJson[] {
  try {
    return (JSON.parse(run.stdout) as { results: RunResultJson[] }).results;
  } catch {
    throw new Error(`run printed no JSON:\n${shown(run)}`);
  }
}

export function headerOf(result: RunResultJson | undefined, name: string): string | undefined {
  return result?.response?.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}
