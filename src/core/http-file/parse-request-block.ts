// One block between separators: comments, metadata and file variables, then the request line
// with its query continuations, the headers, and the body.
import type { Diagnostic, Range } from '../text-range';
import type { FileVariable, ParsedHeader, ParsedRequest } from './http-file-model';
import { httpFileDiagnostic } from './http-file-diagnostics';
import { commentTextStart, isResponseDirective, scriptBlockCloser } from './line-kinds';
import { isDiagnostic, parseFileVariable } from './parse-file-variable';
import { parseHeaderLine } from './parse-header-line';
import { findCloser, parseRequestBody, reportScript } from './parse-request-body';
import { parseHttpVersion, parseRequestLine } from './parse-request-line';
import { RequestMetadataBuilder } from './request-metadata-builder';
import { firstNonSpace, trimmedEnd } from './source-lines';
import type { SourceLines } from './source-lines';

export interface RequestBlock {
  /** First line after the separator (or 0), and the separator line that ends the block. */
  readonly firstLine: number;
  readonly endLine: number;
  readonly title?: string;
  readonly separatorRange?: Range;
  readonly index: number;
}

export interface ParseSink {
  readonly diagnostics: Diagnostic[];
  readonly fileVariables: FileVariable[];
}

export function parseRequestBlock(src: SourceLines, block: RequestBlock, sink: ParseSink): ParsedRequest | undefined {
  const metadata = new RequestMetadataBuilder();
  const requestLine = readPreamble(src, block, metadata, sink);
  if (requestLine < 0) {
    const where = block.title !== undefined ? block.separatorRange : metadata.firstRange;
    if (where !== undefined) {
      sink.diagnostics.push(
        httpFileDiagnostic('empty-request', 'warning', where, 'This request has no request line: add `METHOD URL` below it.'),
      );
    }
    return undefined;
  }
  return readRequest(src, block, requestLine, metadata, sink);
}

/** Index of the request line, or -1 when the block holds none. */
function readPreamble(src: SourceLines, block: RequestBlock, metadata: RequestMetadataBuilder, sink: ParseSink): number {
  const text = src.text;
  for (let line = block.firstLine; line < block.endLine; line++) {
    const end = src.end(line);
    const first = firstNonSpace(text, src.start(line), end);
    if (first < 0) continue;
    const commentStart = commentTextStart(text, first, end);
    if (commentStart >= 0) {
      metadata.add(src, line, commentStart, end, sink.diagnostics);
      continue;
    }
    const code = text.charCodeAt(first);
    if (code === 64 /* @ */) {
      const variable = parseFileVariable(src, line, first, end);
      if (isDiagnostic(variable)) sink.diagnostics.push(variable);
      else sink.fileVariables.push(variable);
      continue;
    }
    const closer = scriptBlockCloser(text, first, end);
    // A URL never starts with `<`: that is a JetBrains pre-request script file.
    if (closer !== undefined || code === 60 /* < */) {
      reportScript(src, line, first, end, sink.diagnostics);
      if (closer) line = findCloser(src, line + 1, block.endLine, closer);
      continue;
    }
    return line;
  }
  return -1;
}

function readRequest(
  src: SourceLines,
  block: RequestBlock,
  requestLine: number,
  metadata: RequestMetadataBuilder,
  sink: ParseSink,
): ParsedRequest {
  const text = src.text;
  const lineStart = firstNonSpace(text, src.start(requestLine), src.end(requestLine));
  const parsed = parseRequestLine(src, requestLine, lineStart, src.end(requestLine), sink.diagnostics);
  let url = text.slice(parsed.urlStart, parsed.urlEnd);
  let httpVersion = parsed.httpVersion;
  let urlLine = requestLine;
  let urlEnd = parsed.urlEnd;
  let requestLineEnd = parsed.end;

  let line = requestLine + 1;
  // The HTTP version ends the URL: a `?…` line after it is not part of the URL any more.
  for (; line < block.endLine && httpVersion === undefined; line++) {
    const start = src.start(line);
    const first = firstNonSpace(text, start, src.end(line));
    if (first < 0 || !isUrlContinuation(text, start, first, src.end(line))) break;
    const end = trimmedEnd(text, first, src.end(line));
    let pieceEnd = end;
    let lastStart = end;
    while (lastStart > first && text.charCodeAt(lastStart - 1) !== 32 && text.charCodeAt(lastStart - 1) !== 9) lastStart--;
    const version = lastStart > first ? parseHttpVersion(text.slice(lastStart, end)) : undefined;
    if (version !== undefined) {
      httpVersion = version;
      pieceEnd = trimmedEnd(text, first, lastStart);
    }
    url += text.slice(first, pieceEnd);
    urlLine = line;
    urlEnd = pieceEnd;
    requestLineEnd = end;
  }

  const headers: ParsedHeader[] = [];
  let lastLine = urlLine;
  let bodyFrom = block.endLine;
  for (; line < block.endLine; line++) {
    const end = src.end(line);
    const first = firstNonSpace(text, src.start(line), end);
    if (first < 0) {
      bodyFrom = line + 1;
      break;
    }
    if (scriptBlockCloser(text, first, end) !== undefined || isResponseDirective(text, first, end)) {
      bodyFrom = line;
      break;
    }
    lastLine = line;
    if (commentTextStart(text, first, end) >= 0) continue;
    const header = parseHeaderLine(src, line, first, end, sink.diagnostics);
    if (header !== undefined) headers.push(header);
  }

  const { body, lastLine: bodyLastLine } = parseRequestBody(src, bodyFrom, block.endLine, parsed.method, headers, sink.diagnostics);
  if (bodyLastLine !== undefined) lastLine = bodyLastLine;
  const rangeStart = src.start(block.firstLine);
  const rangeEnd = trimmedEnd(text, src.start(lastLine), src.end(lastLine));

  // Every key always present (optional ones as undefined) keeps one object shape for V8.
  const request: ParsedRequest = {
    index: block.index,
    title: block.title,
    metadata: metadata.build(),
    method: parsed.method,
    methodWasImplicit: parsed.methodWasImplicit,
    url,
    httpVersion,
    requestLineRange: src.span(requestLine, lineStart, urlLine, requestLineEnd),
    urlRange: src.span(requestLine, parsed.urlStart, urlLine, urlEnd),
    headers,
    body,
    range: src.span(block.firstLine, rangeStart, lastLine, rangeEnd),
  };
  return request;
}

/**
 * `?a=1` / `&b=2` lines (REST Client, JetBrains), and indented `/path` lines (JetBrains),
 * but not an httpYac `?? status == 200` assertion.
 */
function isUrlContinuation(text: string, lineStart: number, first: number, end: number): boolean {
  const code = text.charCodeAt(first);
  if (code === 38 /* & */) return true;
  if (code === 63 /* ? */) return !isResponseDirective(text, first, end);
  return code === 47 /* / */ && first > lineStart && text.charCodeAt(first + 1) !== 47;
}
