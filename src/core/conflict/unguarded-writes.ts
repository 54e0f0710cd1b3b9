// Prevention: a PUT/PATCH/DELETE/MERGE (or a request marked `# @write`) that carries no
// precondition, to a URL the same file reads with GET, can overwrite a change made since
// that read without anyone noticing. Found from the file alone (nothing resolved, nothing
// sent), so the editor can hint it and `check` can guard a repository's .http files in CI.
import type { ParsedHttpFile, ParsedRequest } from '../http-file/http-file-model';
import type { Diagnostic, Range } from '../text-range';
import type { VersionToken } from './conflict-model';
import { defaultConflictOptions } from './conflict-model';
import type { UnguardedWriteFix } from './unguarded-write-fix';
import { buildFix, misspeltPrecondition } from './unguarded-write-fix';
import { findPrecondition, isWrite, normaliseWrittenUrl } from './write-precondition';

export const unguardedWriteCode = 'unguarded-write';

export interface UnguardedWriteOptions {
  /** JSON body fields that carry a version (the `httpConflicts.versionFields` setting). */
  readonly versionFields?: readonly string[];
  /**
   * What reads of this URL returned (the latest snapshot's tokens), when known; the fix then
   * speaks the API's dialect. Undefined or empty → ETag / If-Match.
   */
  readonly tokensFor?: (read: ParsedRequest) => readonly VersionToken[] | undefined;
  /** Report only writes whose read is known to have returned a version token (the editor's hint). */
  readonly onlyWhenTokensKnown?: boolean;
  /** The file's text, to insert with its own line ending. */
  readonly text?: string;
}

export interface UnguardedWrite {
  readonly write: ParsedRequest;
  readonly read: ParsedRequest;
  /** `# @name` of the read, when it has one. */
  readonly readName?: string;
  readonly code: typeof unguardedWriteCode;
  readonly message: string;
  /** The write's request line. */
  readonly range: Range;
  /** Undefined when no edit can express the fix (a nested body field the user already has). */
  readonly fix?: UnguardedWriteFix;
}

/** The read this write most likely started from: the nearest GET above it, else the first below. */
function pairedRead(write: ParsedRequest, reads: readonly ParsedRequest[]): ParsedRequest | undefined {
  const key = normaliseWrittenUrl(write.url);
  const same = reads.filter((r) => normaliseWrittenUrl(r.url) === key);
  return same.filter((r) => r.index < write.index).pop() ?? same.find((r) => r.index > write.index);
}

/** `GET {{base}}/documents/42` → `documents`, kept unique among the file's names. */
function nameFor(read: ParsedRequest, taken: Set<string>): string {
  const path = read.url.replace(/\{\{[^{}]*\}\}/g, '').replace(/[?#].*$/, '');
  const word = path
    .split('/')
    .reverse()
    .find((s) => /^[A-Za-z][\w-]*$/.test(s) && !/^https?:?$/i.test(s) && !s.includes('.'));
  const base = (word ?? 'read').replace(/-/g, '_');
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}

function message(write: ParsedRequest, read: ParsedRequest): string {
  const at = `line ${read.requestLineRange.start.line + 1}`;
  const which = read.metadata.name ? `"${read.metadata.name}" (${at})` : `the GET on ${at}`;
  const misspelt = misspeltPrecondition(write);
  return (
    "This write can silently overwrite someone else's change: it carries no version (If-Match, a version field or parameter), " +
    `so the server cannot tell whether the resource changed since ${which} read it.` +
    (misspelt ? ` The server does not know ${misspelt.header.name}: did you mean ${misspelt.name}?` : '')
  );
}

export function findUnguardedWrites(file: ParsedHttpFile, options: UnguardedWriteOptions = {}): UnguardedWrite[] {
  const versionFields = options.versionFields ?? defaultConflictOptions.versionFields;
  const eol = options.text?.includes('\r\n') ? '\r\n' : '\n';
  const reads = file.requests.filter((r) => r.method === 'GET');
  const taken = new Set(file.requests.map((r) => r.metadata.name).filter((n): n is string => n !== undefined));
  const generated = new Map<ParsedRequest, string>();
  const findings: UnguardedWrite[] = [];
  for (const write of file.requests) {
    if (!isWrite(write) || findPrecondition(write, versionFields)) continue;
    const read = pairedRead(write, reads);
    if (!read) continue;
    const tokens = options.tokensFor?.(read);
    if (options.onlyWhenTokensKnown && !tokens?.length) continue;
    if (!read.metadata.name && !generated.has(read)) generated.set(read, nameFor(read, taken));
    const fix = buildFix({
      write,
      read,
      tokens,
      generatedName: read.metadata.name ?? generated.get(read) ?? 'read',
      eol,
    });
    findings.push({
      write,
      read,
      ...(read.metadata.name ? { readName: read.metadata.name } : {}),
      code: unguardedWriteCode,
      message: message(write, read),
      range: write.requestLineRange,
      ...(fix ? { fix } : {}),
    });
  }
  return findings;
}

/** The finding as an editor diagnostic (a warning: the write works, it is just unsafe). */
export function unguardedWriteDiagnostic(finding: UnguardedWrite): Diagnostic {
  return { range: finding.range, message: finding.message, severity: 'warning', code: finding.code };
}

/** The text with a fix's edits applied (the CLI's preview, and what the editor's one edit does). */
export function applyFix(text: string, fix: UnguardedWriteFix): string {
  let out = text;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}
