// Reading the .http file a command names (`file.http`, `file.http:12`, `file.http#name`),
// shared by send, run and probe. Errors are printed and become exit code 2.
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import type { ParsedHttpFile, ParsedRequest } from '../core/http-file/http-file-model';
import { parseHttpFile } from '../core/http-file/parse-http-file';
import { parseTarget } from './cli-args';

export interface LoadedFile {
  readonly path: string;
  readonly target: { readonly file: string; readonly line?: number; readonly name?: string };
  readonly file: ParsedHttpFile;
}

export async function loadHttpFile(
  targetArg: string,
  cwd: string,
  err: (line: string) => void,
): Promise<LoadedFile | undefined> {
  const target = parseTarget(targetArg);
  const path = resolve(cwd, target.file);
  try {
    return { path, target, file: parseHttpFile(await fs.readFile(path, 'utf8')) };
  } catch (e) {
    err(`http-conflicts: cannot read ${target.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return undefined;
  }
}

/** The request a target names: by `# @name` (or `###` title), by line (1-based), else none. */
export function requestNamed(
  file: ParsedHttpFile,
  target: { line?: number; name?: string },
): ParsedRequest | undefined {
  if (target.name) return file.requests.find((r) => r.metadata.name === target.name || r.title === target.name);
  if (target.line) {
    const line = target.line - 1;
    return file.requests.find((r) => r.range.start.line <= line && line <= r.range.end.line);
  }
  return undefined;
}
