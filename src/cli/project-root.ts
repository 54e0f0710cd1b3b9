// The CLI's project: the folder includes (`< file`, `<@ file`) and env files may be read
// from. The editor uses the workspace folder the user opened; the CLI has none, and the
// current directory is the wrong stand-in (run from HOME, a downloaded file could send
// ~/.aws/credentials; run from elsewhere, `< ./payload.json` beside the file was refused).
// So: the nearest folder at or above the .http file that holds `.git` or `.vscode` — what
// people clone or open as a workspace — but never the home folder or anything above it (a
// dotfiles repository makes HOME a git work tree); without one, the .http file's own folder.
// `package.json` is not a marker: in a monorepo it would shrink the project to one package
// and hide the env files kept at the repository root.
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { FileAccess } from '../core/run/include-files';
import { createFileAccess, isInsideFolder } from '../core/run/include-files';

export const projectMarkers = ['.git', '.vscode'] as const;

async function real(path: string): Promise<string> {
  try {
    return await fs.realpath(path);
  } catch {
    return path;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}

export async function findProjectRoot(httpFile: string, home = homedir()): Promise<string> {
  const folder = await real(dirname(httpFile));
  const realHome = await real(home);
  for (let dir = folder; ; dir = dirname(dir)) {
    // HOME itself, or a folder that contains it, is never a project.
    if (isInsideFolder(dir, realHome)) return folder;
    for (const marker of projectMarkers) if (await exists(join(dir, marker))) return dir;
    if (dirname(dir) === dir) return folder;
  }
}

export interface ProjectFiles {
  readonly root: string;
  readonly files: FileAccess;
}

/** File access for one .http file: its project, plus the folders named by --allow-includes-outside. */
export async function projectFiles(
  httpFile: string,
  cwd: string,
  allowOutside: readonly string[],
): Promise<ProjectFiles | { error: string }> {
  const root = await findProjectRoot(httpFile);
  const extra: string[] = [];
  for (const written of allowOutside) {
    const folder = resolve(cwd, written);
    try {
      if (!(await fs.stat(folder)).isDirectory()) return { error: `--allow-includes-outside ${written}: not a folder` };
    } catch {
      return { error: `--allow-includes-outside ${written}: no such folder` };
    }
    extra.push(folder);
  }
  const files = createFileAccess({
    httpFile,
    roots: [root, ...extra],
    allowOutside: false,
    describeOutside: (written) =>
      `File "${written}" is outside the project (${root}) and was not read. To allow it, name its folder with --allow-includes-outside DIR.`,
  });
  return { root, files };
}
