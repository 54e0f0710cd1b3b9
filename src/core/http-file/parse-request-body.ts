// The body runs from the first non-blank line after the headers to the last non-blank line
// before the next separator, stopping early at JetBrains response handlers and redirects.
import type { Diagnostic, Range } from '../text-range';
import type { BodyPart, ParsedBody, ParsedHeader } from './http-file-model';
import { classifyBodyKind } from './classify-body-kind';
import { httpFileDiagnostic } from './http-file-diagnostics';
import { isResponseDirective, scriptBlockCloser } from './line-kinds';
import { parseBodyInclude } from './parse-body-include';
import { headerColon } from './parse-header-line';
import { firstNonSpace, nextSpace, trimmedEnd } from './source-lines';
import type { SourceLines } from './source-lines';

export interface BodyResult {
  readonly body?: ParsedBody;
  /** Last line that belongs to the body, when there is one. */
  readonly lastLine?: number;
}

const WELL_KNOWN_HEADERS = new Set([
  'accept', 'accept-encoding', 'accept-language', 'authorization', 'cache-control', 'content-length',
  'content-type', 'cookie', 'host', 'if-match', 'if-none-match', 'if-modified-since',
  'if-unmodified-since', 'origin', 'referer', 'user-agent',
]);
const REQUEST_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export function parseRequestBody(
  src: SourceLines,
  fromLine: number,
  endLine: number,
  method: string,
  headers: readonly ParsedHeader[],
  diagnostics: Diagnostic[],
): BodyResult {
  const text = src.text;
  let firstLine = -1;
  let lastLine = -1;
  let tailLine = endLine;
  for (let line = fromLine; line < endLine; line++) {
    const start = src.start(line);
    const end = src.end(line);
    const first = firstNonSpace(text, start, end);
    if (first < 0) continue;
    if (scriptBlockCloser(text, first, end) !== undefined || isResponseDirective(text, first, end)) {
      tailLine = line;
      break;
    }
    if (firstLine < 0) firstLine = line;
    lastLine = line;
  }
  skipTail(src, tailLine, endLine, diagnostics);
  if (firstLine < 0) return {};

  warnOnMisplacedFirstLine(src, firstLine, diagnostics);
  const bodyStart = src.start(firstLine);
  const bodyEnd = trimmedEnd(text, src.start(lastLine), src.end(lastLine));
  const bodyText = text.slice(bodyStart, bodyEnd);
  const range = src.span(firstLine, bodyStart, lastLine, bodyEnd);
  const parts = splitBodyParts(src, firstLine, lastLine, range, bodyText);
  const onlyPart = parts.length === 1 ? parts[0] : undefined;
  const kind = classifyBodyKind({
    method,
    headers,
    text: bodyText,
    onlyIncludePath: onlyPart?.kind === 'include' ? onlyPart.path : undefined,
  });
  return {
    body: { kind, text: bodyText, parts, range },
    lastLine,
  };
}

/** Text runs and include lines in order; concatenating their slices gives the body back. */
function splitBodyParts(
  src: SourceLines,
  firstLine: number,
  lastLine: number,
  bodyRange: Range,
  bodyText: string,
): BodyPart[] {
  const bodyStart = bodyRange.start.offset;
  const bodyEnd = bodyRange.end.offset;
  const text = src.text;
  const parts: BodyPart[] = [];
  let segmentStart = bodyStart;
  let segmentLine = firstLine;
  for (let line = firstLine; line <= lastLine; line++) {
    const start = src.start(line);
    if (text.charCodeAt(start) !== 60 /* < */) continue;
    const end = trimmedEnd(text, start, src.end(line));
    const include = parseBodyInclude(text, start, end);
    if (include === undefined) continue;
    if (start > segmentStart) {
      parts.push({ kind: 'text', text: text.slice(segmentStart, start), range: src.span(segmentLine, segmentStart, line, start) });
    }
    parts.push({
      kind: 'include',
      path: include.path,
      processVariables: include.processVariables,
      encoding: include.encoding,
      range: src.onLine(line, start, end),
    });
    segmentStart = end;
    segmentLine = line;
  }
  if (bodyEnd > segmentStart) {
    // A body that is one text run shares its range object: large files hold fewer objects.
    const range = segmentStart === bodyStart ? bodyRange : src.span(segmentLine, segmentStart, lastLine, bodyEnd);
    parts.push({ kind: 'text', text: segmentStart === bodyStart ? bodyText : text.slice(segmentStart, bodyEnd), range });
  }
  return parts;
}

/** A header or a whole new request right after the blank line usually means a misplaced line. */
function warnOnMisplacedFirstLine(src: SourceLines, line: number, diagnostics: Diagnostic[]): void {
  const text = src.text;
  const start = src.start(line);
  const end = trimmedEnd(text, start, src.end(line));
  const first = firstNonSpace(text, start, end);
  const colon = headerColon(text, first, end);
  if (colon >= 0 && WELL_KNOWN_HEADERS.has(text.slice(first, trimmedEnd(text, first, colon)).toLowerCase())) {
    diagnostics.push(
      httpFileDiagnostic(
        'header-in-body',
        'warning',
        src.onLine(line, first, end),
        'This header comes after the blank line that starts the body, so it is sent as body text; remove the blank line above it.',
      ),
    );
    return;
  }
  const methodEnd = nextSpace(text, first, end);
  if (!REQUEST_METHODS.has(text.slice(first, methodEnd))) return;
  const urlStart = firstNonSpace(text, methodEnd, end);
  if (urlStart < 0) return;
  const url = text.slice(urlStart, Math.min(end, urlStart + 8)).toLowerCase();
  if (url.startsWith('http://') || url.startsWith('https://') || url.startsWith('/') || url.startsWith('{{')) {
    diagnostics.push(
      httpFileDiagnostic(
        'missing-separator',
        'warning',
        src.onLine(line, first, end),
        'This looks like a new request but is read as the body of the one above; put a `###` line before it.',
      ),
    );
  }
}

/** Response handlers, redirects and scripts after the body: not ours to run, so say so once each. */
function skipTail(src: SourceLines, fromLine: number, endLine: number, diagnostics: Diagnostic[]): void {
  const text = src.text;
  for (let line = fromLine; line < endLine; line++) {
    const start = src.start(line);
    const end = src.end(line);
    const first = firstNonSpace(text, start, end);
    if (first < 0) continue;
    const closer = scriptBlockCloser(text, first, end);
    if (closer === undefined) continue;
    reportScript(src, line, first, end, diagnostics);
    if (closer !== '') line = findCloser(src, line + 1, endLine, closer);
  }
}

export function reportScript(src: SourceLines, line: number, first: number, end: number, diagnostics: Diagnostic[]): void {
  diagnostics.push(
    httpFileDiagnostic(
      'unsupported-script',
      'information',
      src.onLine(line, first, trimmedEnd(src.text, first, end)),
      'Scripts are not run by HTTP Conflict Resolver; the request is sent without them.',
    ),
  );
}

/** Line holding the closing `%}` / `}}`, or the last line of the block when it never closes. */
export function findCloser(src: SourceLines, fromLine: number, endLine: number, closer: string): number {
  const text = src.text;
  for (let line = fromLine; line < endLine; line++) {
    const start = src.start(line);
    const end = trimmedEnd(text, start, src.end(line));
    // httpYac closes with `}}` on a line of its own; JetBrains with `%}` ending a line.
    const closes =
      closer === '}}'
        ? end - start >= 2 && text.startsWith('}}', end - 2) && firstNonSpace(text, start, end) === end - 2
        : end - start >= 2 && text.startsWith('%}', end - 2);
    if (closes) return line;
  }
  return endLine - 1;
}
