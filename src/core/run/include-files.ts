// `< ./file` includes and env files may only be read from inside the workspace: a .http
// file from any repository must not be able to send ~/.ssh/id_rsa to a server. Paths are
// compared after following symlinks, so a link inside the workspace cannot escape it.
import { createReadStream, promises as fs, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

export type IncludeCheck =
  { readonly ok: true; readonly path: string } | { readonly ok: false; readonly message: string };

export interface FileAccess {
  resolveInclude(written: string): IncludeCheck;
  readText(path: string, encoding?: BufferEncoding): Promise<string>;
  size(path: string): Promise<number>;
  openStream(path: string): Readable;
}

export interface FileAccessOptions {
  /** The .http file the includes are written in; relative paths start from its folder. */
  readonly httpFile: string;
  /** Workspace folders (or, for the CLI, the current directory). */
  readonly roots: readonly string[];
  /** The user's explicit setting to allow files outside the roots. */
  readonly allowOutside: boolean;
  /** The refusal for a file outside the roots, in the caller's words (the CLI has no settings). */
  readonly describeOutside?: (written: string) => string;
}

/** True when `path` is `root` or lies below it (both already real paths). */
export function isInsideFolder(root: string, path: string): boolean {
  const rel = relative(root, path);
  // `..data.json` is a file inside; only `..` itself or `../…` climbs out.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Only regular files are sent: reading a FIFO blocks until someone writes to it, a device such
 * as /dev/zero never ends, and a directory fails only once the request is on the wire.
 */
function regularFileCheck(written: string, real: string): IncludeCheck {
  try {
    if (statSync(real).isFile()) return { ok: true, path: real };
  } catch {
    return { ok: false, message: `File "${written}" could not be read.` };
  }
  return { ok: false, message: `"${written}" is not a regular file (a folder, pipe or device) and was not read.` };
}

export function createFileAccess(options: FileAccessOptions): FileAccess {
  const roots = options.roots.map(realOrSelf);
  return {
    resolveInclude(written) {
      const expanded = written.startsWith('~/') ? resolve(process.env.HOME ?? '/', written.slice(2)) : written;
      const candidate = resolve(dirname(options.httpFile), expanded);
      let real: string;
      try {
        real = realpathSync(candidate);
      } catch {
        return { ok: false, message: `File "${written}" was not found (looked for ${candidate}).` };
      }
      if (!options.allowOutside && !roots.some((root) => isInsideFolder(root, real))) {
        return {
          ok: false,
          message:
            options.describeOutside?.(written) ??
            `File "${written}" is outside the workspace and was not read. Allow it with the setting httpConflicts.allowIncludesOutsideWorkspace.`,
        };
      }
      return regularFileCheck(written, real);
    },
    readText: (path, encoding = 'utf8') => fs.readFile(path, { encoding }),
    size: async (path) => (await fs.stat(path)).size,
    openStream: (path) => createReadStream(path),
  };
}

/** In Restricted Mode (untrusted workspace) no file is read at all. */
export const noFileAccess: FileAccess = {
  resolveInclude: (written) => ({
    ok: false,
    message: `File "${written}" was not read: file includes are off in Restricted Mode. Trust the workspace to use them.`,
  }),
  readText: () => Promise.reject(new Error('file access is off')),
  size: () => Promise.reject(new Error('file access is off')),
  openStream: () => {
    throw new Error('file access is off');
  },
};
