// One block between separators: comments, metadata and file variables, then the request line
// with its query continuations, the headers, and the body — and, httpYac style, any further
// requests the block holds without a `###` between them.
import type { ParsedRequest } from './http-file-model';
import { blockCommentEnd } from './find-request-start';
import { httpFileDiagnostic } from './http-file-diagnostics';
import {
  commentTextStart,
  isGraphqlFragmentStart,
  isResponseDirective,
  opensBlockComment,
  scriptBlockCloser,
} from './line-kinds';
import { isDiagnostic, parseFileVariable } from './parse-file-variable';
import { headerColon, isHeaderNamed, parseHeaderLine } from './parse-header-line';
import { findCloser, parseRequestBody } from './parse-request-body';
import { clearScripts, nextRequestScripts, readScriptBlock, readScriptFile } from './parse-script';
import type { ScriptCollector } from './parse-script';
import { parseHttpVersion, parseRequestLine } from './parse-request-line';
import { isCurlLine, readCurlRequest } from './parse-curl-command';
import type { ParseSink } from './parse-sink';
import { RequestMetadataBuilder } from './request-metadata-builder';
import { NO_ITEMS } from './shared-empties';
import { SourceRequest } from './source-request';
import { firstNonSpace, trimmedEnd } from './source-lines';
import type { SourceLines } from './source-lines';

export type { ParseSink } from './parse-sink';

export interface RequestBlock {
  /** First line after the separator (or 0), and the separator line that ends the block. */
  readonly firstLine: number;
  readonly endLine: number;
  readonly title?: string;
  /** Index the first request of the block gets. */
  readonly index: number;
}

/**
 * The requests of one block, added to `requests`: usually one, several in httpYac files that
 * omit `###`. The first gets `block.index`, which is `requests.length` when the block starts.
 */
export function parseRequestBlock(
  src: SourceLines,
  block: RequestBlock,
  sink: ParseSink,
  requests: ParsedRequest[],
): void {
  let from = block.firstLine;
  const collect = sink.scriptScratch;
  clearScripts(collect);
  while (from < block.endLine) {
    const metadata = new RequestMetadataBuilder();
    const requestLine = readPreamble(src, from, block.endLine, metadata, sink, collect);
    if (requestLine < 0) {
      // A title alone is a section heading; metadata with nothing to apply to is a mistake.
      if (metadata.firstRange !== undefined) {
        sink.diagnostics.push(
          httpFileDiagnostic(
            'empty-request',
            'warning',
            metadata.firstRange,
            'This request has no request line: add `METHOD URL` below it.',
          ),
        );
      }
      break;
    }
    // The block itself describes its first request; a later one starts at its own line, untitled.
    const where: RequestBlock =
      from === block.firstLine ? block : { ...block, firstLine: from, title: undefined, index: requests.length };
    const curlStart = firstNonSpace(src.text, src.start(requestLine), src.end(requestLine));
    if (isCurlLine(src.text, curlStart, src.end(requestLine))) {
      // A pasted curl command is the whole request (REST Client).
      requests.push(readCurlRequest(src, where, requestLine, metadata.build(), sink.diagnostics));
      break;
    }
    const { request, nextRequest } = readRequest(src, where, requestLine, metadata, sink, collect);
    requests.push(request);
    if (nextRequest === undefined) break;
    from = nextRequest;
    nextRequestScripts(collect);
  }
}

/** Index of the request line, or -1 when the lines hold none. */
function readPreamble(
  src: SourceLines,
  fromLine: number,
  endLine: number,
  metadata: RequestMetadataBuilder,
  sink: ParseSink,
  collect: ScriptCollector,
): number {
  const text = src.text;
  for (let line = fromLine; line < endLine; line++) {
    const end = src.end(line);
    const first = firstNonSpace(text, src.start(line), end);
    if (first < 0) continue;
    const commentStart = commentTextStart(text, first, end);
    if (commentStart >= 0) {
      metadata.add(src, commentStart, end, sink.diagnostics);
      continue;
    }
    if (opensBlockComment(text, first, end)) {
      line = blockCommentEnd(src, line, endLine);
      continue;
    }
    const code = text.charCodeAt(first);
    if (code === 64 /* @ */) {
      const variable = parseFileVariable(src, first, end);
      if (isDiagnostic(variable)) sink.diagnostics.push(variable);
      else sink.fileVariables.push(variable);
      continue;
    }
    const closer = scriptBlockCloser(text, first, end);
    // A URL never starts with `<`: that is a JetBrains pre-request script file.
    if (closer !== undefined) {
      const closeLine = closer === '' ? line : findCloser(src, line + 1, endLine, closer, sink.diagnostics);
      const script = readScriptBlock(src, line, first, closeLine, sink.diagnostics);
      // A handler before the request line has no response to read: only pre-request scripts run.
      if (script?.phase === 'pre-request') collect.scripts.push(script);
      line = closeLine;
      continue;
    }
    if (code === 60 /* < */) {
      const script = readScriptFile(src, line, first, sink.diagnostics);
      if (script?.phase === 'pre-request') collect.scripts.push(script);
      continue;
    }
    if (isGraphqlFragmentStart(text, first, end)) {
      line = sink.graphqlFragments.read(src, line, first, endLine);
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
  collect: ScriptCollector,
): { request: ParsedRequest; nextRequest?: number } {
  const text = src.text;
  const lineStart = firstNonSpace(text, src.start(requestLine), src.end(requestLine));
  const parsed = parseRequestLine(src, lineStart, src.end(requestLine), sink.diagnostics);
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
    if (first < 0 || !isUrlContinuation(text, url, start, first, src.end(line))) break;
    const end = trimmedEnd(text, first, src.end(line));
    let pieceEnd = end;
    let lastStart = end;
    while (lastStart > first && text.charCodeAt(lastStart - 1) !== 32 && text.charCodeAt(lastStart - 1) !== 9)
      lastStart--;
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

  // The file's one scratch array: each request keeps an exact-size copy of its headers.
  const headers = sink.headerScratch;
  headers.length = 0;
  let lastLine = urlLine;
  let bodyFrom = block.endLine;
  let afterBlank = false;
  for (; line < block.endLine; line++) {
    const end = src.end(line);
    const first = firstNonSpace(text, src.start(line), end);
    if (first < 0) {
      bodyFrom = line + 1;
      afterBlank = true;
      break;
    }
    if (
      scriptBlockCloser(text, first, end) !== undefined ||
      isResponseDirective(text, first, end) ||
      opensBody(text, first, end)
    ) {
      bodyFrom = line;
      break;
    }
    lastLine = line;
    if (commentTextStart(text, first, end) >= 0) continue;
    if (opensBlockComment(text, first, end)) {
      line = lastLine = blockCommentEnd(src, line, block.endLine);
      continue;
    }
    const header = parseHeaderLine(src, first, end, sink);
    if (header === undefined) continue;
    headers.push(header);
    if (isHeaderNamed(header.name, 'authorization') && /^digest\s+\S+\s+\S+/i.test(header.value)) {
      sink.diagnostics.push(
        httpFileDiagnostic(
          'unsupported-syntax',
          'warning',
          header.range,
          'Digest authentication (`Digest user password`) is not supported yet: this request will not be sent. Use Basic over HTTPS or a token.',
        ),
      );
    }
  }

  const bodyResult = parseRequestBody(
    src,
    { fromLine: bodyFrom, endLine: block.endLine, afterBlank, method: parsed.method, headers, collect },
    sink,
  );
  if (bodyResult.lastLine !== undefined) lastLine = bodyResult.lastLine;
  const rangeStart = src.start(block.firstLine);
  const rangeEnd = trimmedEnd(text, src.start(lastLine), src.end(lastLine));

  const request = new SourceRequest(
    src.index,
    block.index,
    block.title,
    metadata.build(),
    parsed.method,
    parsed.methodWasImplicit,
    url,
    httpVersion,
    // Exact-size copies (an array grown by push keeps room for 17) or the shared empty array.
    headers.length === 0 ? NO_ITEMS : headers.slice(),
    bodyResult.body,
    // Copies: the collector is the file's one scratch collector, cleared for the next request.
    collect.scripts.length === 0 ? NO_ITEMS : collect.scripts.slice(),
    collect.assertions.length === 0 ? NO_ITEMS : collect.assertions.slice(),
    lineStart,
    requestLineEnd,
    parsed.urlStart,
    urlEnd,
    rangeStart,
    rangeEnd,
  );
  return { request, nextRequest: bodyResult.nextRequest };
}

/**
 * A line directly under the headers that no header can start with opens the body (httpYac):
 * `{` (not a `{{name}}` header), `[`, or a `<` / `<@` include or XML.
 */
function opensBody(text: string, first: number, end: number): boolean {
  const code = text.charCodeAt(first);
  if (code === 91 /* [ */ || code === 60 /* < */) return true;
  return code === 123 /* { */ && headerColon(text, first, trimmedEnd(text, first, end)) < 0;
}

/**
 * `?a=1` / `&b=2` lines (REST Client, JetBrains), indented `/path` lines (JetBrains), and
 * indented `name=value` lines after a URL ending in `?` or `&` (JetBrains), but not an httpYac
 * `?? status == 200` assertion.
 */
function isUrlContinuation(text: string, url: string, lineStart: number, first: number, end: number): boolean {
  const code = text.charCodeAt(first);
  if (code === 38 /* & */) return true;
  if (code === 63 /* ? */) return !isResponseDirective(text, first, end);
  if (first === lineStart) return false;
  if (code === 47 /* / */) return text.charCodeAt(first + 1) !== 47;
  const last = url.charCodeAt(url.length - 1);
  return (last === 63 /* ? */ || last === 38) /* & */ && headerColon(text, first, trimmedEnd(text, first, end)) < 0;
}
