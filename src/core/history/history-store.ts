// The response history of one workspace, on disk: `entries/<id>.json` holds one response,
// `index.json` lists them newest first with their sizes. Bounded in count and in bytes, the
// oldest dropped first. It follows the snapshot store's design (snapshot-file-io): files are
// replaced by rename, the index's read-modify-write holds a lock file so two processes (two
// windows on one workspace) lose nothing, only regular files are read, a file that does not
// parse is moved aside and reported, the folder is 0700 and the files 0600. A broken store
// never breaks a send: problems are reported, not thrown.
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { readRegularFile, replaceFile, setAsideCorrupt, withFileLock } from '../conflict/snapshot-file-io';
import type { HistoryEntry, HistoryOrigin } from './history-entry';
import { isHistoryEntry, isHistoryId, isHistoryOrigin, requestKeyOf, resourceKeyOf } from './history-entry';

/** What the index keeps of an entry: enough to list it and to find its neighbours. */
export interface HistorySummary {
  readonly id: string;
  readonly time: string;
  readonly file?: string;
  readonly label?: string;
  /** A refetch or probe request, not the user's Send. */
  readonly by?: HistoryOrigin;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** Size of the entry's file. */
  readonly bytes: number;
  readonly bodyOmitted?: boolean;
}

export interface HistoryLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

export const defaultHistoryLimits: HistoryLimits = { maxEntries: 200, maxBytes: 20 * 1024 * 1024 };

export interface HistoryProblem {
  readonly kind: 'corrupt' | 'io';
  readonly file: string;
  readonly movedTo?: string;
  readonly message: string;
}

export interface FileHistoryStoreOptions {
  /** Read on every record, so a changed setting applies to the next one. */
  readonly limits?: () => HistoryLimits;
  readonly onProblem?: (problem: HistoryProblem) => void;
  readonly now?: () => Date;
}

interface IndexFile {
  readonly format: 1;
  readonly entries: HistorySummary[];
}

function isSummary(value: unknown): value is HistorySummary {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    isHistoryId(v.id) &&
    typeof v.time === 'string' &&
    (v.by === undefined || isHistoryOrigin(v.by)) &&
    typeof v.method === 'string' &&
    typeof v.url === 'string' &&
    typeof v.status === 'number' &&
    typeof v.bytes === 'number'
  );
}

function parseIndex(text: string): IndexFile | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  return v.format === 1 && Array.isArray(v.entries) && v.entries.every(isSummary) ? (value as IndexFile) : undefined;
}

export function summaryOf(entry: HistoryEntry, bytes: number): HistorySummary {
  return {
    id: entry.id,
    time: entry.time,
    ...(entry.file !== undefined ? { file: entry.file } : {}),
    ...(entry.label !== undefined ? { label: entry.label } : {}),
    ...(entry.by !== undefined ? { by: entry.by } : {}),
    method: entry.request.method,
    url: entry.request.url,
    status: entry.response.status,
    bytes,
    ...(entry.response.bodyOmitted ? { bodyOmitted: true } : {}),
  };
}

/** Keeps the newest entries within both limits; returns what stays and what goes. */
export function withinLimits(
  entries: readonly HistorySummary[],
  limits: HistoryLimits,
): { kept: HistorySummary[]; dropped: HistorySummary[] } {
  const kept: HistorySummary[] = [];
  let bytes = 0;
  for (const entry of entries) {
    if (kept.length >= limits.maxEntries || bytes + entry.bytes > limits.maxBytes) break;
    kept.push(entry);
    bytes += entry.bytes;
  }
  return { kept, dropped: entries.slice(kept.length) };
}

export class FileHistoryStore {
  private readonly problemList: HistoryProblem[] = [];
  /** This process's index updates run one after another; the lock covers other processes. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly options: FileHistoryStoreOptions = {},
  ) {}

  get problems(): readonly HistoryProblem[] {
    return this.problemList;
  }

  private get indexFile(): string {
    return join(this.dir, 'index.json');
  }

  private get entriesDir(): string {
    return join(this.dir, 'entries');
  }

  private entryFile(id: string): string {
    return join(this.entriesDir, `${id}.json`);
  }

  /**
   * Keeps `entry`, then drops the oldest entries past the limits. Answers the entry's summary,
   * or undefined when it could not be kept (reported) or is alone over the byte limit.
   */
  add(entry: HistoryEntry): Promise<HistorySummary | undefined> {
    return this.serial(async () => {
      const text = JSON.stringify(entry);
      const summary = summaryOf(entry, Buffer.byteLength(text));
      try {
        await mkdir(this.entriesDir, { recursive: true, mode: 0o700 });
        await replaceFile(this.entryFile(entry.id), text);
        let dropped: HistorySummary[] = [];
        await this.updateIndex((entries) => {
          const limited = withinLimits([summary, ...entries.filter((e) => e.id !== entry.id)], this.limits());
          dropped = limited.dropped;
          return limited.kept;
        });
        await Promise.all(dropped.map((d) => unlink(this.entryFile(d.id)).catch(() => undefined)));
        return dropped.some((d) => d.id === entry.id) ? undefined : summary;
      } catch (error) {
        await unlink(this.entryFile(entry.id)).catch(() => undefined);
        this.report({
          kind: 'io',
          file: this.indexFile,
          message: `Could not keep the response in the history: ${(error as Error).message}`,
        });
        return undefined;
      }
    });
  }

  /** Every entry, newest first. */
  async list(): Promise<readonly HistorySummary[]> {
    await this.queue;
    return (await this.readIndex()).entries;
  }

  async get(id: string): Promise<HistoryEntry | undefined> {
    if (!isHistoryId(id)) return undefined;
    await this.queue;
    const file = this.entryFile(id);
    try {
      const read = await readRegularFile(file);
      if (read.kind !== 'text') return undefined;
      const value: unknown = JSON.parse(read.text);
      if (isHistoryEntry(value) && value.id === id) return value;
    } catch {
      /* reported below */
    }
    this.report({ kind: 'corrupt', file, message: `The history entry ${file} is unreadable and was skipped.` });
    return undefined;
  }

  /** The entry before `id` of the same request (same file and name, or method and URL). */
  async previous(id: string, by: 'request' | 'resource' = 'request'): Promise<HistorySummary | undefined> {
    const entries = await this.list();
    const at = entries.findIndex((e) => e.id === id);
    if (at < 0) return undefined;
    const key = by === 'request' ? requestKeyOf(asEntryShape(entries[at])) : resourceKeyOf(asEntryShape(entries[at]));
    return entries
      .slice(at + 1)
      .find((e) => (by === 'request' ? requestKeyOf(asEntryShape(e)) : resourceKeyOf(asEntryShape(e))) === key);
  }

  remove(id: string): Promise<void> {
    return this.serial(async () => {
      try {
        await this.updateIndex((entries) => entries.filter((e) => e.id !== id));
        if (isHistoryId(id)) await unlink(this.entryFile(id)).catch(() => undefined);
      } catch (error) {
        this.report({
          kind: 'io',
          file: this.indexFile,
          message: `Could not delete the history entry: ${(error as Error).message}`,
        });
      }
    });
  }

  /** Forgets everything, including entry files a crashed writer left outside the index. */
  clear(): Promise<void> {
    return this.serial(async () => {
      try {
        await this.updateIndex(() => []);
        const names = await readdir(this.entriesDir).catch(() => [] as string[]);
        await Promise.all(
          names
            .filter((n) => n.endsWith('.json') || n.includes('.tmp-'))
            .map((n) => unlink(join(this.entriesDir, n)).catch(() => undefined)),
        );
      } catch (error) {
        this.report({
          kind: 'io',
          file: this.indexFile,
          message: `Could not clear the history: ${(error as Error).message}`,
        });
      }
    });
  }

  private limits(): HistoryLimits {
    const limits = this.options.limits?.() ?? defaultHistoryLimits;
    const whole = (n: number, fallback: number) => (Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback);
    return {
      maxEntries: whole(limits.maxEntries, defaultHistoryLimits.maxEntries),
      maxBytes: whole(limits.maxBytes, defaultHistoryLimits.maxBytes),
    };
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async updateIndex(change: (entries: HistorySummary[]) => HistorySummary[]): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await withFileLock(`${this.indexFile}.lock`, async () => {
      const index = await this.readIndex();
      await replaceFile(
        this.indexFile,
        JSON.stringify({ format: 1, entries: change([...index.entries]) } satisfies IndexFile),
      );
    });
  }

  private async readIndex(): Promise<IndexFile> {
    const file = this.indexFile;
    let text: string;
    try {
      const read = await readRegularFile(file);
      if (read.kind === 'missing') return { format: 1, entries: [] };
      if (read.kind === 'not-regular') {
        if (read.what === 'a folder') await this.setAside(file);
        else this.report({ kind: 'io', file, message: `${file} is ${read.what}, not a regular file, and was skipped` });
        return { format: 1, entries: [] };
      }
      text = read.text;
    } catch (error) {
      this.report({ kind: 'io', file, message: `Could not read the history: ${(error as Error).message}` });
      return { format: 1, entries: [] };
    }
    const index = parseIndex(text);
    if (index) return index;
    await this.setAside(file);
    return { format: 1, entries: [] };
  }

  private async setAside(file: string): Promise<void> {
    const aside = await setAsideCorrupt(file, this.options.now?.() ?? new Date());
    this.report({
      kind: 'corrupt',
      file,
      ...(aside.movedTo ? { movedTo: aside.movedTo } : {}),
      message: aside.movedTo
        ? `The history index was unreadable and has been moved aside to ${aside.movedTo}; the history starts again.`
        : `The history index is unreadable and could not be moved aside: ${aside.error}`,
    });
  }

  private report(problem: HistoryProblem): void {
    this.problemList.push(problem);
    this.options.onProblem?.(problem);
  }
}

function asEntryShape(summary: HistorySummary): Pick<HistoryEntry, 'file' | 'label' | 'request'> {
  return {
    file: summary.file,
    label: summary.label,
    request: { method: summary.method, url: summary.url, headers: [] },
  };
}
