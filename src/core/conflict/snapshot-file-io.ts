// The file operations the stores need to be safe across processes — the snapshot store, the
// CI baselines and the response history share this one design: two CLI runs (or the CLI
// beside the editor) record into the same folder, each reading a file, adding to it and
// writing it back. Without a lock one write replaces the other's (9 of 24 snapshots lost in
// parallel runs). A file is replaced by writing a temporary file and renaming it over the
// old one, so a crash mid-write leaves the previous version intact. And a file in that
// folder is read only when it is a regular file: reading a named pipe blocks forever, a
// device never ends.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { promisify } from 'node:util';

// The callback forms, promisified once: fs/promises wraps every descriptor in a FileHandle,
// which costs more than the system calls themselves when a CLI run records a snapshot per
// read (bench/results.md, send).
const { constants } = fs;
const open = promisify(fs.open);
const close = promisify(fs.close);
const fstat = promisify(fs.fstat);
const readFile = promisify(fs.readFile);
const write = promisify(fs.write) as (fd: number, text: string) => Promise<unknown>;
const writeFile = promisify(fs.writeFile);
const rename = promisify(fs.rename);
const stat = promisify(fs.stat);
const unlink = promisify(fs.unlink);

export type RegularRead =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'not-regular'; readonly what: string };

/**
 * Opened without blocking and without following a link, then checked on the open handle, so
 * nothing can be swapped in between the check and the read.
 */
export async function readRegularFile(path: string): Promise<RegularRead> {
  let fd: number;
  try {
    fd = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    if (code === 'ELOOP') return { kind: 'not-regular', what: 'a symbolic link' };
    throw error;
  }
  try {
    const info = await fstat(fd);
    if (info.isDirectory()) return { kind: 'not-regular', what: 'a folder' };
    if (!info.isFile())
      return { kind: 'not-regular', what: info.isFIFO() ? 'a named pipe' : info.isSocket() ? 'a socket' : 'a device' };
    return { kind: 'text', text: await readFile(fd, 'utf8') };
  } finally {
    await close(fd);
  }
}

export interface LockOptions {
  /** A lock older than this was left by a process that died mid-write. */
  readonly staleMs?: number;
  /** Give up waiting after this long (the record is then reported as not kept). */
  readonly timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the lock's holder is gone: its process is dead, or it is older than staleMs. */
async function isStale(lock: string, staleMs: number): Promise<boolean> {
  try {
    const info = await stat(lock);
    if (Date.now() - info.mtimeMs > staleMs) return true;
    const content = await readRegularFile(lock);
    const pid = content.kind === 'text' ? Number(content.text.trim()) : NaN;
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid);
  } catch {
    return false;
  }
}

/**
 * Runs `work` while holding `lock`, a file created exclusively (O_EXCL) with this process's
 * id in it. Waits with a little jitter while another process holds it; takes over a lock
 * whose process died. Rejects when the lock cannot be had in time or created at all.
 */
export async function withFileLock<T>(lock: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? 10_000;
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    try {
      const fd = await open(
        lock,
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
        0o600,
      );
      try {
        await write(fd, String(process.pid));
      } finally {
        await close(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(lock, staleMs)) {
      await unlink(lock).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another process has held ${lock} for too long`);
    await sleep(5 + Math.random() * 20);
  }
  try {
    return await work();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

/**
 * Writes `text` to a temporary file beside `path` (0600: stores hold response bodies) and
 * renames it over `path`: readers see the old file or the new one, never half of one.
 */
export async function replaceFile(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(temp, text, { encoding: 'utf8', mode: 0o600 });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** A file that could not be read, moved aside so the store starts again (or why it stayed). */
export interface SetAside {
  readonly movedTo?: string;
  readonly error?: string;
}

/** Moves an unreadable store file to `<file>.corrupt-<time>`, keeping it for a person to read. */
export async function setAsideCorrupt(file: string, now: Date): Promise<SetAside> {
  const movedTo = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(file, movedTo);
    return { movedTo };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
