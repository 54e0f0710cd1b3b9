// `[METHOD] URL [HTTP/version]`, with the leniency of REST Client: the method may be omitted
// (GET) or written in lower case, and the URL may contain spaces.
import type { Diagnostic } from '../text-range';
import { httpFileDiagnostic } from './http-file-diagnostics';
import { firstNonSpace, nextSpace, trimmedEnd } from './source-lines';
import type { SourceLines } from './source-lines';

export interface RequestLine {
  readonly method: string;
  readonly methodWasImplicit: boolean;
  readonly urlStart: number;
  readonly urlEnd: number;
  readonly httpVersion?: string;
  /** Offset after the last non-blank character of the line. */
  readonly end: number;
}

export const KNOWN_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  // WebDAV methods REST Client accepts, and JetBrains' GraphQL / WebSocket pseudo-methods.
  'LOCK',
  'UNLOCK',
  'PROPFIND',
  'PROPPATCH',
  'COPY',
  'MOVE',
  'MKCOL',
  'MKCALENDAR',
  'ACL',
  'SEARCH',
  'GRAPHQL',
  'WEBSOCKET',
]);

/** The known method names themselves, so each request holds the one shared string. */
const KNOWN_METHOD_NAMES: ReadonlyMap<string, string> = new Map([...KNOWN_METHODS].map((m) => [m, m]));

export function isCustomMethodToken(token: string): boolean {
  if (token.length === 0) return false;
  const first = token.charCodeAt(0);
  if (first < 65 || first > 90) return false;
  for (let i = 1; i < token.length; i++) {
    const c = token.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 /* - */ || c === 95; /* _ */
    if (!ok) return false;
  }
  return true;
}

/** `HTTP/1.1`, `HTTP/2`, `http/2.0` → normalised `HTTP/…`; otherwise undefined. */
export function parseHttpVersion(token: string): string | undefined {
  if (token.length < 6 || token.slice(0, 5).toUpperCase() !== 'HTTP/') return undefined;
  const version = token.slice(5);
  let dots = 0;
  for (let i = 0; i < version.length; i++) {
    const c = version.charCodeAt(i);
    if (c === 46 /* . */ && i > 0 && i < version.length - 1 && dots === 0) dots++;
    else if (c < 48 || c > 57) return undefined;
  }
  return `HTTP/${version}`;
}

/** A first word that is clearly the start of a URL, not a misspelt method. */
function looksLikeUrl(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    // / : . { ? & = % @
    if (c === 47 || c === 58 || c === 46 || c === 123 || c === 63 || c === 38 || c === 61 || c === 37 || c === 64)
      return true;
  }
  return false;
}

export function parseRequestLine(
  src: SourceLines,
  first: number,
  lineEnd: number,
  diagnostics: Diagnostic[],
): RequestLine {
  const text = src.text;
  const end = trimmedEnd(text, first, lineEnd);
  const firstEnd = nextSpace(text, first, end);
  let lastStart = end;
  while (lastStart > firstEnd && text.charCodeAt(lastStart - 1) !== 32 && text.charCodeAt(lastStart - 1) !== 9)
    lastStart--;
  const httpVersion = lastStart > firstEnd ? parseHttpVersion(text.slice(lastStart, end)) : undefined;
  const contentEnd = httpVersion === undefined ? end : trimmedEnd(text, first, lastStart);
  const firstToken = text.slice(first, firstEnd);
  const written = firstToken.toUpperCase();
  const upper = KNOWN_METHOD_NAMES.get(written) ?? written;

  if (contentEnd <= firstEnd) {
    if (KNOWN_METHODS.has(firstToken) || (httpVersion !== undefined && isCustomMethodToken(firstToken))) {
      diagnostics.push(
        httpFileDiagnostic(
          'missing-url',
          'error',
          src.span(first, end),
          `${firstToken} request has no URL: write \`${firstToken} https://…\`.`,
        ),
      );
      return { method: upper, methodWasImplicit: false, urlStart: firstEnd, urlEnd: firstEnd, httpVersion, end };
    }
    return { method: 'GET', methodWasImplicit: true, urlStart: first, urlEnd: firstEnd, httpVersion, end };
  }

  const urlStart = firstNonSpace(text, firstEnd, contentEnd);
  if (KNOWN_METHODS.has(upper) || isCustomMethodToken(firstToken)) {
    return { method: upper, methodWasImplicit: false, urlStart, urlEnd: contentEnd, httpVersion, end };
  }
  if (looksLikeUrl(firstToken)) {
    return { method: 'GET', methodWasImplicit: true, urlStart: first, urlEnd: contentEnd, httpVersion, end };
  }
  diagnostics.push(
    httpFileDiagnostic(
      'invalid-method',
      'error',
      src.span(first, firstEnd),
      `"${firstToken}" is not an HTTP method; use GET, POST, PUT, PATCH, DELETE, … or an upper-case custom method.`,
    ),
  );
  return { method: upper, methodWasImplicit: false, urlStart, urlEnd: contentEnd, httpVersion, end };
}
