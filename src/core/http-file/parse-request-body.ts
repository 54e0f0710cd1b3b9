// After the headers: the body, then what follows it up to the next request. The body runs to
// a script or response handler, a saved response (`HTTP/1.1 200 OK`), or — httpYac — a new
// request line after a blank line. Comment lines at either edge of the body are comments, and
// `@name = value` lines after it define file variables, as in REST Client, JetBrains and httpYac.
import type { Diagnostic } from '../text-range';
import type { BodyPart, ParsedBody, ParsedHeader } from './http-file-model';
import { classifyBodyKind } from './classify-body-kind';
import { blockCommentEnd, isUnmistakableRequestLine, requestStartsAt } from './find-request-start';
import { httpFileDiagnostic } from './http-file-diagnostics';
import {
  isCommentLine,
  isFileVariableLine,
  isResponseDirective,
  isResponseStatusLine,
  opensBlockComment,
  scriptBlockCloser,
} from './line-kinds';
import { parseBodyInclude } from './parse-body-include';
import { readAssertion, readScriptBlock, readScriptFile } from './parse-script';
import { SourceBody } from './source-request';
import type { ScriptCollector } from './parse-script';
import { isDiagnostic, parseFileVariable } from './parse-file-variable';
import { headerColon } from './parse-header-line';
import type { ParseSink } from './parse-sink';
import { firstNonSpace, trimmedEnd } from './source-lines';
import type { SourceLines } from './source-lines';

export interface BodyResult {
  readonly body?: ParsedBody;
  /** Last line that belongs to the body, when there is one. */
  readonly lastLine?: number;
  /** First line of the next request in the same block (httpYac needs no `###`). */
  readonly nextRequest?: number;
}

export interface BodyInput {
  readonly fromLine: number;
  readonly endLine: number;
  /** The body follows a blank line (rather than sitting directly under the headers). */
  readonly afterBlank: boolean;
  readonly method: string;
  readonly headers: readonly ParsedHeader[];
  readonly collect: ScriptCollector;
}

const WELL_KNOWN_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'authorization',
  'cache-control',
  'content-length',
  'content-type',
  'cookie',
  'host',
  'if-match',
  'if-none-match',
  'if-modified-since',
  'if-unmodified-since',
  'origin',
  'referer',
  'user-agent',
]);

type Region = 'body' | 'response' | 'tail';

export function parseRequestBody(src: SourceLines, input: BodyInput, sink: ParseSink): BodyResult {
  const text = src.text;
  const { endLine } = input;
  let region: Region = 'body';
  let afterBlank = input.afterBlank;
  let bodyFirst = -1;
  let bodyLast = -1;
  let bodyHasContent = false;
  let ignoredFrom = -1;
  let ignoredTo = -1;
  let nextRequest: number | undefined;
  // Ignored lines are reported (reportIgnored) when something else comes; written out at each
  // place rather than as a closure, which would be a context and a function per request.

  for (let line = input.fromLine; line < endLine; line++) {
    const end = src.end(line);
    const first = firstNonSpace(text, src.start(line), end);
    if (first < 0) {
      afterBlank = true;
      continue;
    }
    const closer = scriptBlockCloser(text, first, end);
    if (closer !== undefined) {
      if (ignoredFrom >= 0) ignoredFrom = reportIgnored(src, ignoredFrom, ignoredTo, sink.diagnostics);
      const closeLine = closer === '' ? line : findCloser(src, line + 1, endLine, closer, sink.diagnostics);
      const script = readScriptBlock(src, line, first, closeLine, sink.diagnostics);
      if (script) (script.phase === 'response' ? input.collect.scripts : input.collect.following).push(script);
      line = closeLine;
      region = 'tail';
      afterBlank = false;
      continue;
    }
    if (isResponseDirective(text, first, end)) {
      if (ignoredFrom >= 0) ignoredFrom = reportIgnored(src, ignoredFrom, ignoredTo, sink.diagnostics);
      if (text.charCodeAt(first) === 62 && text.charCodeAt(first + 1) === 32) {
        const script = readScriptFile(src, line, first, sink.diagnostics);
        if (script) input.collect.scripts.push(script);
      } else if (text.startsWith('?? ', first)) {
        input.collect.assertions.push(readAssertion(src, line, first));
      }
      region = 'tail';
      afterBlank = false;
      continue;
    }
    const atEdge = afterBlank || region === 'tail' || !bodyHasContent;
    if (atEdge && requestStartsAt(src, line, endLine) === line) {
      nextRequest = line;
      break;
    }
    afterBlank = false;
    if (region === 'tail') {
      if (isCommentLine(text, first, end)) continue;
      if (opensBlockComment(text, first, end)) {
        line = blockCommentEnd(src, line, endLine);
        continue;
      }
      if (isFileVariableLine(text, first, end)) {
        if (ignoredFrom >= 0) ignoredFrom = reportIgnored(src, ignoredFrom, ignoredTo, sink.diagnostics);
        addFileVariable(src, first, end, sink);
        continue;
      }
      if (ignoredFrom < 0) ignoredFrom = line;
      ignoredTo = line;
      continue;
    }
    if (atEdge && isResponseStatusLine(text, first, end)) region = 'response';
    if (region === 'response') continue;
    if (bodyFirst >= 0 && isUnmistakableRequestLine(text, first, trimmedEnd(text, first, end)))
      // httpYac starts a new request here; we keep the line in the body, and say so.
      sink.diagnostics.push(
        httpFileDiagnostic(
          'missing-separator',
          'warning',
          src.span(first, trimmedEnd(text, first, end)),
          'This looks like a new request but is read as part of the body above; put a blank line or a `###` line before it.',
        ),
      );
    if (bodyFirst < 0) bodyFirst = line;
    bodyLast = line;
    if (!isCommentLine(text, first, end)) bodyHasContent = true;
  }
  if (ignoredFrom >= 0) reportIgnored(src, ignoredFrom, ignoredTo, sink.diagnostics);
  if (bodyFirst < 0) return { nextRequest };
  const read = readBody(src, bodyFirst, bodyLast, input, sink);
  return { body: read.body, lastLine: read.lastLine, nextRequest };
}

function readBody(src: SourceLines, from: number, to: number, input: BodyInput, sink: ParseSink): BodyResult {
  const text = src.text;
  const { first: firstLine, last: lastLine, variables } = trimBodyEdges(src, from, to);
  for (const line of variables) {
    const end = src.end(line);
    addFileVariable(src, firstNonSpace(text, src.start(line), end), end, sink);
  }
  if (firstLine > lastLine) return {};

  warnOnMisplacedFirstLine(src, firstLine, sink.diagnostics);
  const bodyStart = src.start(firstLine);
  const bodyEnd = trimmedEnd(text, src.start(lastLine), src.end(lastLine));
  const bodyText = text.slice(bodyStart, bodyEnd);
  // Undefined for a body that is one text run: the body makes that part when it is read.
  const parts = splitBodyParts(src, firstLine, lastLine, bodyStart, bodyEnd);
  const onlyPart = parts?.length === 1 ? parts[0] : undefined;
  const gql = parseGqlInclude(text, bodyStart, trimmedEnd(text, bodyStart, src.end(firstLine))) !== undefined;
  const kind = gql
    ? 'graphql'
    : classifyBodyKind({
        method: input.method,
        headers: input.headers,
        text: bodyText,
        onlyIncludePath: onlyPart?.kind === 'include' ? onlyPart.path : undefined,
      });
  return { body: new SourceBody(src.index, kind, bodyText, bodyStart, bodyEnd, parts), lastLine };
}

/**
 * Comment lines and block comments at either edge are not body, nor are `@name = value` lines
 * after it: those define file variables (returned in file order).
 */
function trimBodyEdges(
  src: SourceLines,
  from: number,
  to: number,
): { first: number; last: number; variables: number[] } {
  const text = src.text;
  let first = from;
  let last = to;
  const variables: number[] = [];
  while (first <= last) {
    const end = src.end(first);
    const start = firstNonSpace(text, src.start(first), end);
    if (start < 0 || isCommentLine(text, start, end)) first++;
    else if (opensBlockComment(text, start, end)) first = blockCommentEnd(src, first, last + 1) + 1;
    else break;
  }
  while (last >= first) {
    const end = src.end(last);
    const start = firstNonSpace(text, src.start(last), end);
    if (start < 0 || isCommentLine(text, start, end)) {
      last--;
    } else if (isFileVariableLine(text, start, end)) {
      variables.unshift(last);
      last--;
    } else if (text.startsWith('*/', trimmedEnd(text, start, end) - 2)) {
      const open = blockCommentOpening(src, first, last);
      if (open < 0) break;
      last = open - 1;
    } else {
      break;
    }
  }
  return { first, last, variables };
}

/** The line in [from, to] that opens the block comment closing on line `to`, or -1. */
function blockCommentOpening(src: SourceLines, from: number, to: number): number {
  const text = src.text;
  for (let line = to; line >= from; line--) {
    const end = src.end(line);
    const start = firstNonSpace(text, src.start(line), end);
    if (start >= 0 && opensBlockComment(text, start, end)) return line;
  }
  return -1;
}

function addFileVariable(src: SourceLines, first: number, end: number, sink: ParseSink): void {
  const variable = parseFileVariable(src, first, end);
  if (isDiagnostic(variable)) sink.diagnostics.push(variable);
  else sink.fileVariables.push(variable);
}

/**
 * httpYac's `gql [name] < ./query.gql` as the first body line: the GraphQL query is read from
 * the file, its variables replaced (httpYac does), and what follows it is the variables JSON.
 */
function parseGqlInclude(text: string, start: number, end: number) {
  // Most bodies: no `gql` word opening the line, and no slice of it to match against.
  let first = start;
  while (first < end && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
  if (!text.startsWith('gql', first)) return undefined;
  const match = /^[ \t]*gql(?:[ \t]+[^\s({<]+)?[ \t]+<[ \t]+(\S.*)$/.exec(text.slice(start, end));
  return match ? { path: match[1].trim(), processVariables: true, encoding: undefined } : undefined;
}

/**
 * Text runs and include lines in order; concatenating their slices gives the body back.
 * Undefined when the body has no include: it is then one text run.
 */
function splitBodyParts(
  src: SourceLines,
  firstLine: number,
  lastLine: number,
  bodyStart: number,
  bodyEnd: number,
): BodyPart[] | undefined {
  const text = src.text;
  // Made at the first include: a body that is one text run gets a one-element array literal.
  let parts: BodyPart[] | undefined;
  let segmentStart = bodyStart;
  for (let line = firstLine; line <= lastLine; line++) {
    const start = src.start(line);
    const end = trimmedEnd(text, start, src.end(line));
    const include =
      line === firstLine && text.charCodeAt(start) !== 60 /* < */
        ? parseGqlInclude(text, start, end)
        : parseBodyInclude(text, start, end);
    if (include === undefined) continue;
    parts ??= [];
    if (start > segmentStart) {
      parts.push({
        kind: 'text',
        text: text.slice(segmentStart, start),
        range: src.span(segmentStart, start),
      });
    }
    parts.push({
      kind: 'include',
      path: include.path,
      processVariables: include.processVariables,
      encoding: include.encoding,
      range: src.span(start, end),
    });
    segmentStart = end;
  }
  if (parts === undefined) return undefined;
  if (bodyEnd > segmentStart) {
    parts.push({
      kind: 'text',
      text: text.slice(segmentStart, bodyEnd),
      range: src.span(segmentStart, bodyEnd),
    });
  }
  return parts;
}

/** A header or request line opening the body usually means a misplaced line. */
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
        src.span(first, end),
        'This header comes after the blank line that starts the body, so it is sent as body text; remove the blank line above it.',
      ),
    );
    return;
  }
  if (isUnmistakableRequestLine(text, first, end)) {
    // Not split off as a request of its own because what follows does not look like headers.
    diagnostics.push(
      httpFileDiagnostic(
        'missing-separator',
        'warning',
        src.span(first, end),
        'This looks like a new request but is read as the body of the one above; put a `###` line before it.',
      ),
    );
    return;
  }
}

/** Reports the ignored lines; returns -1, the "none pending" mark. */
function reportIgnored(src: SourceLines, fromLine: number, toLine: number, diagnostics: Diagnostic[]): -1 {
  const text = src.text;
  const start = firstNonSpace(text, src.start(fromLine), src.end(fromLine));
  const end = trimmedEnd(text, src.start(toLine), src.end(toLine));
  diagnostics.push(
    httpFileDiagnostic(
      'ignored-text',
      'warning',
      src.span(start, end),
      'This text after the script belongs to no request and is not sent. Start a new request with a request line or `###` above it.',
    ),
  );
  return -1;
}

/**
 * Line holding the closing `%}` / `}}`, or the last line of the block when it never closes —
 * then a warning covers every line the open script swallows, so no request in them vanishes
 * unreported (httpYac, for one, reads a request line there as a request).
 */
export function findCloser(
  src: SourceLines,
  fromLine: number,
  endLine: number,
  closer: string,
  diagnostics: Diagnostic[],
): number {
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
  const openLine = fromLine - 1;
  const lastLine = Math.max(openLine, endLine - 1);
  const first = firstNonSpace(text, src.start(openLine), src.end(openLine));
  diagnostics.push(
    httpFileDiagnostic(
      'unclosed-script',
      'warning',
      src.span(first, src.end(lastLine)),
      `This script block never closes with \`${closer}\`: everything after it up to the next \`###\` is read as script, not sent. Close the block.`,
    ),
  );
  return lastLine;
}
