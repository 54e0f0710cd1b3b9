// `--baseline DIR`: the CI check "did any response change since the baseline?". The first run
// keeps each named request's response in DIR (one file per name); later runs compare against
// it and print what changed, leaving noise and --ignore paths out; --update-baseline accepts
// the new responses. The files follow the snapshot store's rules: folder 0700, files 0600,
// written to a temporary file and renamed, under a lock, and only regular files are read.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readRegularFile, replaceFile, withFileLock } from '../core/conflict/snapshot-file-io';
import type { BaselineRecord } from '../core/history/baseline-record';
import { baselineRecord, isBaselineRecord } from '../core/history/baseline-record';
import type { IgnorePattern } from '../core/history/ignore-paths';
import { parseIgnorePath } from '../core/history/ignore-paths';
import type { ResponseChanges } from '../core/history/response-changes';
import { compareResponses, describeChanges } from '../core/history/response-changes';
import type { HttpResponse, OutgoingRequest } from '../core/send/send-model';

export interface BaselineSettings {
  readonly dir: string;
  readonly ignore: readonly string[];
  readonly update: boolean;
}

export type BaselineState = 'stored' | 'unchanged' | 'changed' | 'updated' | 'error';

export interface BaselineResult {
  readonly name: string;
  readonly state: BaselineState;
  readonly file: string;
  readonly changes?: ResponseChanges;
  readonly message: string;
}

/** A file name that is the request name when it can be, and never escapes DIR. */
export function baselineFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
  const exact = safe === name;
  return `${safe}${exact ? '' : `-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`}.json`;
}

export class BaselineCheck {
  private readonly seen = new Set<string>();
  private readonly results: BaselineResult[] = [];
  private unnamed = 0;

  private constructor(
    private readonly settings: BaselineSettings,
    private readonly ignore: readonly IgnorePattern[],
    private readonly now: () => Date,
  ) {}

  /** The check, or the message of an --ignore path it cannot read. */
  static open(settings: BaselineSettings, now: () => Date = () => new Date()): BaselineCheck | { error: string } {
    const patterns: IgnorePattern[] = [];
    for (const source of settings.ignore) {
      const parsed = parseIgnorePath(source);
      if ('error' in parsed) return { error: `--ignore ${parsed.error}` };
      patterns.push(parsed);
    }
    return new BaselineCheck(settings, patterns, now);
  }

  get all(): readonly BaselineResult[] {
    return this.results;
  }

  noteUnnamed(): void {
    this.unnamed++;
  }

  async check(
    name: string,
    request: OutgoingRequest,
    response: HttpResponse,
    secrets: readonly string[],
  ): Promise<BaselineResult> {
    const file = join(this.settings.dir, baselineFileName(name));
    const result = await this.compareAndKeep(name, file, request, response, secrets);
    this.results.push(result);
    return result;
  }

  private async compareAndKeep(
    name: string,
    file: string,
    request: OutgoingRequest,
    response: HttpResponse,
    secrets: readonly string[],
  ): Promise<BaselineResult> {
    if (this.seen.has(name))
      return {
        name,
        state: 'error',
        file,
        message: `another request in this file is also named "${name}"; only the first is checked`,
      };
    this.seen.add(name);
    const current = baselineRecord(
      {
        name,
        method: request.method,
        url: request.url,
        status: response.status,
        headers: response.headers,
        body: response.body,
        truncated: response.truncated,
        time: this.now(),
      },
      secrets,
    );
    let stored: BaselineRecord | undefined;
    try {
      const read = await readRegularFile(file);
      if (read.kind === 'not-regular')
        return { name, state: 'error', file, message: `${file} is ${read.what}, not a baseline file` };
      if (read.kind === 'text') {
        let value: unknown;
        try {
          value = JSON.parse(read.text);
        } catch {
          value = undefined;
        }
        if (!isBaselineRecord(value)) {
          if (!this.settings.update)
            return {
              name,
              state: 'error',
              file,
              message: `${file} is not a baseline this version can read; rerun with --update-baseline to replace it`,
            };
        } else stored = value;
      }
    } catch (error) {
      return { name, state: 'error', file, message: `could not read ${file}: ${(error as Error).message}` };
    }
    const changes = stored ? compareResponses(stored, current, { ignore: this.ignore }) : undefined;
    if (stored && changes && !this.settings.update) {
      return changes.changed
        ? {
            name,
            state: 'changed',
            file,
            changes,
            message: `changed since the baseline of ${stored.time}: ${changes.summary}`,
          }
        : { name, state: 'unchanged', file, changes, message: 'unchanged since the baseline' };
    }
    if (stored && changes && !changes.changed)
      return { name, state: 'unchanged', file, changes, message: 'unchanged since the baseline (kept as it was)' };
    try {
      await this.write(file, current);
    } catch (error) {
      return { name, state: 'error', file, message: `could not write ${file}: ${(error as Error).message}` };
    }
    const omitted = current.bodyOmitted
      ? ` (body not kept: ${current.bodyOmitted}; only whether it changes is checked)`
      : '';
    return stored && changes
      ? { name, state: 'updated', file, changes, message: `baseline updated: ${changes.summary}${omitted}` }
      : { name, state: 'stored', file, message: `baseline stored in ${file}${omitted}` };
  }

  private async write(file: string, record: BaselineRecord): Promise<void> {
    await mkdir(this.settings.dir, { recursive: true, mode: 0o700 });
    await withFileLock(`${file}.lock`, () => replaceFile(file, `${JSON.stringify(record, null, 2)}\n`));
  }

  /** The closing line of a run: counts by state, and the requests left out. */
  summary(): string {
    const count = (s: BaselineState) => this.results.filter((r) => r.state === s).length;
    const parts = (['changed', 'unchanged', 'stored', 'updated', 'error'] as const)
      .filter((s) => count(s) > 0)
      .map((s) => `${count(s)} ${s === 'error' ? 'not checked' : s}`);
    const unnamed = this.unnamed
      ? `; ${this.unnamed} request${this.unnamed === 1 ? '' : 's'} without a # @name ${this.unnamed === 1 ? 'is' : 'are'} not in the baseline`
      : '';
    return `Baseline ${this.settings.dir}: ${parts.join(', ') || 'no named request'}${unnamed}`;
  }

  get anyChanged(): boolean {
    return this.results.some((r) => r.state === 'changed');
  }

  get anyError(): boolean {
    return this.results.some((r) => r.state === 'error');
  }
}

export function printBaseline(result: BaselineResult, write: (line: string) => void): void {
  const mark = result.state === 'changed' ? '≠' : result.state === 'error' ? '!' : '=';
  write(`  ${mark} baseline: ${result.message}`);
  if (result.changes && (result.state === 'changed' || result.state === 'updated'))
    for (const line of describeChanges(result.changes)) write(`      ${line}`);
}

export function baselineJson(result: BaselineResult) {
  return {
    state: result.state,
    message: result.message,
    file: result.file,
    ...(result.changes
      ? {
          summary: result.changes.summary,
          status: result.changes.status ?? null,
          headers: result.changes.headers,
          body: result.changes.body,
        }
      : {}),
  };
}
