// httpYac starts a new request at a request line that follows a blank line, with no `###`
// before it. Only a line that cannot be anything else counts: a method, then something that
// can only be a URL, then headers, a blank line or the end — never a sentence in a text body.
import { isCustomMethodToken, KNOWN_METHODS } from './parse-request-line';
import { headerColon } from './parse-header-line';
import { isCommentLine, isFileVariableLine, isSeparator, opensBlockComment, scriptBlockCloser } from './line-kinds';
import { firstNonSpace, nextSpace, trimmedEnd } from './source-lines';
import type { SourceLines } from './source-lines';

/** A method and a URL-shaped target: `GET /a`, `POST https://…`, `PUT {{host}}/x`, `GET localhost:8080/x`. */
export function isUnmistakableRequestLine(text: string, first: number, end: number): boolean {
  // Known and custom methods alike start with a capital letter: most body lines stop here.
  const code = text.charCodeAt(first);
  if (code < 65 || code > 90) return false;
  const methodEnd = nextSpace(text, first, end);
  const method = text.slice(first, methodEnd);
  if (!KNOWN_METHODS.has(method) && !(method.length >= 3 && isCustomMethodToken(method))) return false;
  const target = firstNonSpace(text, methodEnd, end);
  if (target < 0) return false;
  const start = text.slice(target, Math.min(end, target + 12)).toLowerCase();
  if (start.startsWith('/') || start.startsWith('{{') || /^(https?|wss?):\/\//.test(start)) return true;
  return /^[a-z0-9.-]+:\d+(?:[/?]|$)/.test(text.slice(target, Math.min(end, target + 80)).toLowerCase());
}

/** What may follow a request line: headers, query continuations, a blank line, a body opener, a script. */
function canFollowRequestLine(text: string, lineStart: number, first: number, end: number): boolean {
  if (first < 0) return true;
  const code = text.charCodeAt(first);
  if (first > lineStart) return true; // an indented continuation line
  if (
    code === 63 /* ? */ ||
    code === 38 /* & */ ||
    code === 123 /* { */ ||
    code === 91 /* [ */ ||
    code === 60 /* < */ ||
    code === 62 /* > */
  ) {
    return true;
  }
  if (isSeparator(text, first, end) || isCommentLine(text, first, end) || opensBlockComment(text, first, end))
    return true;
  return headerColon(text, first, trimmedEnd(text, first, end)) >= 0;
}

/**
 * When a new request starts at `line` (possibly after its own `# @name` comments, `@var` lines
 * or a block comment), returns `line`; otherwise -1.
 */
export function requestStartsAt(src: SourceLines, line: number, endLine: number): number {
  const text = src.text;
  for (let at = line; at < endLine; at++) {
    const end = src.end(at);
    const first = firstNonSpace(text, src.start(at), end);
    if (first < 0) return -1;
    if (isCommentLine(text, first, end) || isFileVariableLine(text, first, end)) continue;
    if (opensBlockComment(text, first, end)) {
      at = blockCommentEnd(src, at, endLine);
      continue;
    }
    if (scriptBlockCloser(text, first, end) !== undefined || !isUnmistakableRequestLine(text, first, end)) return -1;
    if (at + 1 >= endLine) return line;
    const nextEnd = src.end(at + 1);
    return canFollowRequestLine(text, src.start(at + 1), firstNonSpace(text, src.start(at + 1), nextEnd), nextEnd)
      ? line
      : -1;
  }
  return -1;
}

/** The line that closes the `/*` opened on `line` (that line itself when it closes there too). */
export function blockCommentEnd(src: SourceLines, line: number, endLine: number): number {
  const text = src.text;
  // Each search looks at one line only, so an unclosed comment costs one pass, not one per line.
  const first = text.slice(src.start(line), src.end(line));
  const open = first.indexOf('/*');
  if (open >= 0 && first.indexOf('*/', open + 2) >= 0) return line;
  for (let at = line + 1; at < endLine; at++) {
    if (text.slice(src.start(at), src.end(at)).includes('*/')) return at;
  }
  return endLine - 1;
}
