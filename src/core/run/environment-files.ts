// Finds the environment files users keep next to their requests: `http-client.env.json`,
// `http-client.private.env.json` and `.env`, in the .http file's folder or the nearest
// folder above it, never above the workspace root. Reading is gated by the caller's trust.
// A file found there is read only when its real path (symlinks followed) stays inside the
// workspace and it is a regular file of reasonable size: a cloned repository could otherwise
// link `.env` to a secret elsewhere on disk, or to /dev/zero.
import { promises as fs } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import type { EnvironmentLoadError, EnvironmentTable } from '../variables/environments';
import { loadJetBrainsEnvironments, parseDotenv } from '../variables/environments';
import { isInsideFolder } from './include-files';

export interface EnvironmentFiles {
  readonly tables: readonly EnvironmentTable[];
  readonly dotenv: Record<string, string>;
  readonly errors: readonly (EnvironmentLoadError & { readonly path: string })[];
  /** The files that were read, for watching. */
  readonly paths: readonly string[];
}

/** Environment files are small; anything bigger is not what the user meant to load. */
export const maxEnvironmentFileBytes = 4 * 1024 * 1024;

type Found = { readonly path: string; readonly text: string } | { readonly path: string; readonly refused: string };

async function realOrSelf(path: string): Promise<string> {
  try {
    return await fs.realpath(path);
  } catch {
    return path;
  }
}

async function readInside(path: string, boundary: string): Promise<Found | undefined> {
  let real: string;
  try {
    real = await fs.realpath(path);
  } catch {
    return undefined;
  }
  if (!isInsideFolder(boundary, real))
    return { path, refused: `${path} points outside the workspace and was not read.` };
  try {
    const info = await fs.stat(real);
    if (!info.isFile()) return { path, refused: `${path} is not a regular file and was not read.` };
    if (info.size > maxEnvironmentFileBytes)
      return {
        path,
        refused: `${path} is larger than ${maxEnvironmentFileBytes / (1024 * 1024)} MB and was not read.`,
      };
    return { path, text: await fs.readFile(real, 'utf8') };
  } catch (error) {
    return { path, refused: `${path} could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).` };
  }
}

function foldersUpTo(start: string, root: string | undefined): string[] {
  const out: string[] = [];
  let dir = start;
  for (let depth = 0; depth < 32; depth++) {
    out.push(dir);
    const rel = root ? relative(root, dir) : '..';
    if (!root || rel === '' || rel.startsWith('..') || isAbsolute(rel)) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return out;
}

async function nearest(folders: readonly string[], name: string, boundary: string): Promise<Found | undefined> {
  for (const folder of folders) {
    const found = await readInside(join(folder, name), boundary);
    if (found) return found;
  }
  return undefined;
}

function refusal(found: Extract<Found, { refused: string }>): EnvironmentLoadError & { path: string } {
  return {
    ok: false,
    message: found.refused,
    source: found.path,
    path: found.path,
    line: 0,
    column: 0,
    offset: 0,
    length: 0,
  };
}

/** The workspace root when the .http file lies inside it; otherwise only the file's own folder. */
async function boundaryFor(httpFile: string, root: string | undefined): Promise<string> {
  const folder = await realOrSelf(dirname(httpFile));
  if (root === undefined) return folder;
  const realRoot = await realOrSelf(root);
  return isInsideFolder(realRoot, folder) ? realRoot : folder;
}

export async function loadEnvironmentFiles(
  httpFile: string,
  root: string | undefined,
  includePrivate: boolean,
): Promise<EnvironmentFiles> {
  const folders = foldersUpTo(dirname(httpFile), root);
  const boundary = await boundaryFor(httpFile, root);
  const errors: Array<EnvironmentLoadError & { path: string }> = [];
  const usable = (found: Found | undefined): { path: string; text: string } | undefined => {
    if (found && 'refused' in found) {
      errors.push(refusal(found));
      return undefined;
    }
    return found;
  };
  const publicFile = usable(await nearest(folders, 'http-client.env.json', boundary));
  const privateFile = includePrivate
    ? usable(await nearest(folders, 'http-client.private.env.json', boundary))
    : undefined;
  const dotenvFile = includePrivate ? usable(await nearest(folders, '.env', boundary)) : undefined;
  const tables: EnvironmentTable[] = [];
  if (publicFile || privateFile) {
    const loaded = loadJetBrainsEnvironments({
      publicText: publicFile?.text,
      privateText: privateFile?.text,
      publicFileName: publicFile?.path,
      privateFileName: privateFile?.path,
    });
    if (loaded.ok) tables.push(loaded.table);
    else errors.push({ ...loaded, path: loaded.source });
  }
  return {
    tables,
    dotenv: dotenvFile ? parseDotenv(dotenvFile.text) : {},
    errors,
    paths: [publicFile?.path, privateFile?.path, dotenvFile?.path].filter((p): p is string => p !== undefined),
  };
}
