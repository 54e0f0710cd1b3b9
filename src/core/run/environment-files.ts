// Finds the environment files users keep next to their requests: `http-client.env.json`,
// `http-client.private.env.json` and `.env`, in the .http file's folder or the nearest
// folder above it, never above the workspace root. Reading is gated by the caller's trust.
import { promises as fs } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import type { EnvironmentLoadError, EnvironmentTable } from '../variables/environments';
import { loadJetBrainsEnvironments, parseDotenv } from '../variables/environments';

export interface EnvironmentFiles {
  readonly tables: readonly EnvironmentTable[];
  readonly dotenv: Record<string, string>;
  readonly errors: readonly (EnvironmentLoadError & { readonly path: string })[];
  /** The files that were read, for watching. */
  readonly paths: readonly string[];
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch {
    return undefined;
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

async function nearest(folders: readonly string[], name: string): Promise<{ path: string; text: string } | undefined> {
  for (const folder of folders) {
    const path = join(folder, name);
    const text = await readIfExists(path);
    if (text !== undefined) return { path, text };
  }
  return undefined;
}

export async function loadEnvironmentFiles(httpFile: string, root: string | undefined, includePrivate: boolean): Promise<EnvironmentFiles> {
  const folders = foldersUpTo(dirname(httpFile), root);
  const publicFile = await nearest(folders, 'http-client.env.json');
  const privateFile = includePrivate ? await nearest(folders, 'http-client.private.env.json') : undefined;
  const dotenvFile = includePrivate ? await nearest(folders, '.env') : undefined;
  const tables: EnvironmentTable[] = [];
  const errors: Array<EnvironmentLoadError & { path: string }> = [];
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
