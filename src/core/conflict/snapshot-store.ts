// Snapshots: what a resource looked like when the user last read it (URL, version tokens,
// body), so a later conflict has a base for a three-way merge. Only what conflict
// resolution needs is kept: no request headers, no credentials.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { redactUrl } from '../redact';
import type { VersionToken } from './conflict-model';
import { isObject } from './exchange-body';
import { resourceKey } from './resource-url';
import { readRegularFile, replaceFile, setAsideCorrupt, withFileLock } from './snapshot-file-io';
import { locationKey } from './token-placement';

export interface Snapshot {
  /** The resource key (`resourceKey(url)`). */
  readonly url: string;
  readonly status: number;
  readonly tokens: readonly VersionToken[];
  readonly bodyText: string;
  readonly contentType?: string;
  /** ISO 8601. */
  readonly time: string;
}

export interface StoreProblem {
  readonly kind: 'corrupt' | 'io';
  readonly file: string;
  /** Where a corrupt file was moved aside. */
  readonly movedTo?: string;
  readonly message: string;
}

export interface SnapshotStore {
  record(snapshot: Snapshot): Promise<void>;
  /** Newest first. */
  history(url: string): Promise<readonly Snapshot[]>;
}

/** How many versions of one resource are kept: enough to find the one an edit started from. */
export const snapshotsPerResource = 8;

function sameToken(a: string | number, b: string | number): boolean {
  const plain = (v: string | number) => String(v).trim().replace(/^W\//, '').replace(/^"|"$/g, '');
  return plain(a) === plain(b);
}

/**
 * Every stale token appears in the snapshot; where the snapshot has a token in the same
 * place (Elasticsearch's seq_no beside its primary term) that one must be the match.
 */
function carries(snapshot: Snapshot, staleTokens: readonly VersionToken[]): boolean {
  return staleTokens.every((stale) => {
    const samePlace = snapshot.tokens.find((t) => locationKey(t.location) === locationKey(stale.location));
    return samePlace
      ? sameToken(samePlace.value, stale.value)
      : snapshot.tokens.some((t) => sameToken(t.value, stale.value));
  });
}

/**
 * The snapshot the user's edit started from: the one carrying the token the request sent.
 * With no token sent (a 428), the newest. A token no snapshot carries means the base is
 * unknown, and a guessed base could hide a change: the merge then runs two-way.
 */
export async function findBase(
  store: SnapshotStore,
  url: string,
  staleTokens: readonly VersionToken[],
): Promise<Snapshot | undefined> {
  const history = await store.history(url);
  if (staleTokens.length === 0) return history[0];
  return history.find((s) => carries(s, staleTokens));
}

function withNewest(history: readonly Snapshot[], snapshot: Snapshot): Snapshot[] {
  return [snapshot, ...history].slice(0, snapshotsPerResource);
}

export class MemorySnapshotStore implements SnapshotStore {
  private readonly byUrl = new Map<string, Snapshot[]>();

  async record(snapshot: Snapshot): Promise<void> {
    const key = resourceKey(snapshot.url);
    this.byUrl.set(key, withNewest(this.byUrl.get(key) ?? [], { ...snapshot, url: key }));
  }

  async history(url: string): Promise<readonly Snapshot[]> {
    return this.byUrl.get(resourceKey(url)) ?? [];
  }
}

interface StoredFile {
  readonly format: 1;
  readonly url: string;
  readonly snapshots: Snapshot[];
}

function isToken(value: unknown): boolean {
  return (
    isObject(value) &&
    (typeof value.value === 'string' || typeof value.value === 'number') &&
    isObject(value.location) &&
    typeof value.location.kind === 'string'
  );
}

function isSnapshot(value: unknown): value is Snapshot {
  return (
    isObject(value) &&
    typeof value.url === 'string' &&
    typeof value.status === 'number' &&
    typeof value.bodyText === 'string' &&
    typeof value.time === 'string' &&
    Array.isArray(value.tokens) &&
    value.tokens.every(isToken)
  );
}

function parseStored(text: string): StoredFile | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value) || value.format !== 1 || typeof value.url !== 'string' || !Array.isArray(value.snapshots))
    return undefined;
  return value.snapshots.every(isSnapshot) ? (value as unknown as StoredFile) : undefined;
}

export interface FileSnapshotStoreOptions {
  readonly onProblem?: (problem: StoreProblem) => void;
  readonly now?: () => Date;
}

/**
 * One JSON file per resource, written to a temporary file and renamed over the old one, so a
 * crash mid-write leaves the previous version intact; the read-modify-write of a record holds
 * a lock file (`<file>.lock`), so parallel processes recording the same resource lose nothing.
 * A file that does not parse is moved aside (`*.corrupt-<time>`) and reported; a pipe, device
 * or link in a file's place is skipped and reported: a broken store must never break (or
 * hang) a send. Snapshots hold response bodies, so the folder is created 0700 and files 0600.
 */
export class FileSnapshotStore implements SnapshotStore {
  private readonly problemList: StoreProblem[] = [];
  /** Writes to one file are chained so two records in quick succession cannot lose one. */
  private readonly pending = new Map<string, Promise<void>>();
  private madeFolder: Promise<unknown> | undefined;

  constructor(
    private readonly dir: string,
    private readonly options: FileSnapshotStoreOptions = {},
  ) {}

  get problems(): readonly StoreProblem[] {
    return this.problemList;
  }

  fileFor(url: string): string {
    return join(this.dir, `${createHash('sha256').update(resourceKey(url)).digest('hex').slice(0, 40)}.json`);
  }

  async history(url: string): Promise<readonly Snapshot[]> {
    await this.pending.get(this.fileFor(url));
    return this.read(url);
  }

  record(snapshot: Snapshot): Promise<void> {
    const file = this.fileFor(snapshot.url);
    const previous = this.pending.get(file) ?? Promise.resolve();
    const next = previous.then(() => this.write(file, snapshot));
    this.pending.set(file, next);
    void next.then(() => {
      if (this.pending.get(file) === next) this.pending.delete(file);
    });
    return next;
  }

  private report(problem: StoreProblem): void {
    this.problemList.push(problem);
    this.options.onProblem?.(problem);
  }

  private async read(url: string): Promise<Snapshot[]> {
    const file = this.fileFor(url);
    let text: string;
    try {
      const read = await readRegularFile(file);
      if (read.kind === 'missing') return [];
      if (read.kind === 'not-regular') {
        // A folder in the file's place would block every later record of this resource;
        // anything else is replaced by the next record's rename.
        if (read.what === 'a folder') await this.setAside(file);
        else this.report({ kind: 'io', file, message: `${file} is ${read.what}, not a regular file, and was skipped` });
        return [];
      }
      text = read.text;
    } catch (error) {
      this.report({ kind: 'io', file, message: `Could not read snapshot file: ${(error as Error).message}` });
      return [];
    }
    const stored = parseStored(text);
    if (stored) return stored.snapshots;
    await this.setAside(file);
    return [];
  }

  private async setAside(file: string): Promise<void> {
    const aside = await setAsideCorrupt(file, this.options.now?.() ?? new Date());
    this.report({
      kind: 'corrupt',
      file,
      ...(aside.movedTo ? { movedTo: aside.movedTo } : {}),
      message: aside.movedTo
        ? `The snapshot file was unreadable and has been moved aside to ${aside.movedTo}; earlier versions of this resource are forgotten.`
        : `The snapshot file is unreadable and could not be moved aside: ${aside.error}`,
    });
  }

  private async write(file: string, snapshot: Snapshot): Promise<void> {
    // The file name is a hash of the full key; the text keeps the URL only for people reading
    // it, without userinfo or token-like query values, which have no business on disk.
    const url = redactUrl(resourceKey(snapshot.url));
    const update = () =>
      withFileLock(`${file}.lock`, async () => {
        const stored: StoredFile = {
          format: 1,
          url,
          snapshots: withNewest(await this.read(snapshot.url), { ...snapshot, url }),
        };
        await replaceFile(file, JSON.stringify(stored));
      });
    try {
      await this.folder();
      await update().catch(async (error: NodeJS.ErrnoException) => {
        // The folder went away since it was made (a cache cleaner): make it again, once.
        if (error.code !== 'ENOENT') throw error;
        this.madeFolder = undefined;
        await this.folder();
        await update();
      });
    } catch (error) {
      this.report({ kind: 'io', file, message: `Could not save the snapshot: ${(error as Error).message}` });
    }
  }

  /** The store's folder, made once per store rather than once per record. */
  private folder(): Promise<unknown> {
    this.madeFolder ??= mkdir(this.dir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
      this.madeFolder = undefined;
      throw error;
    });
    return this.madeFolder;
  }
}
