// Which kind of body a request carries: the Content-Type says so when present (REST Client's
// GraphQL marker header wins over it), otherwise the first characters of the body tell.
import type { BodyKind, ParsedHeader } from './http-file-model';
import { isHeaderNamed } from './parse-header-line';

function lastHeader(headers: readonly ParsedHeader[], name: string): string | undefined {
  for (let i = headers.length - 1; i >= 0; i--) {
    if (isHeaderNamed(headers[i].name, name)) return headers[i].value;
  }
  return undefined;
}

export function kindFromContentType(contentType: string): BodyKind {
  const semicolon = contentType.indexOf(';');
  const media = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  if (
    media === 'application/json' ||
    media === 'text/json' ||
    media.endsWith('+json') ||
    media === 'application/x-ndjson'
  ) {
    return 'json';
  }
  if (media === 'application/x-www-form-urlencoded') return 'form';
  if (media.startsWith('multipart/')) return 'multipart';
  if (media === 'application/graphql' || media === 'application/graphql+json') return 'graphql';
  if (media === 'application/xml' || media === 'text/xml' || media.endsWith('+xml')) return 'xml';
  return 'text';
}

const GRAPHQL_KEYWORDS = ['query', 'mutation', 'subscription', 'fragment'];

/** `query {`, `query Name($id: ID!) {`, `mutation Name @dir {` — not a sentence that starts with "query". */
function startsWithGraphqlOperation(body: string): boolean {
  for (const keyword of GRAPHQL_KEYWORDS) {
    if (!body.startsWith(keyword)) continue;
    let i = keyword.length;
    const gap = i;
    while (body.charCodeAt(i) === 32 || body.charCodeAt(i) === 9) i++;
    const nameStart = i;
    while (i < body.length && isNameChar(body.charCodeAt(i))) i++;
    if (i > nameStart && nameStart === gap) continue;
    while (body.charCodeAt(i) === 32 || body.charCodeAt(i) === 9) i++;
    const next = body.charCodeAt(i);
    if (next === 123 /* { */ || next === 40 /* ( */ || next === 64 /* @ */) return true;
  }
  return false;
}

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function kindFromIncludePath(path: string): BodyKind | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.xml')) return 'xml';
  if (lower.endsWith('.graphql') || lower.endsWith('.gql')) return 'graphql';
  return undefined;
}

export interface BodyKindInput {
  readonly method: string;
  readonly headers: readonly ParsedHeader[];
  /** The body text, leading blank lines already skipped. */
  readonly text: string;
  /** When the body is a single `< path` include, its path. */
  readonly onlyIncludePath?: string;
}

export function classifyBodyKind(input: BodyKindInput): BodyKind {
  const requestType = lastHeader(input.headers, 'x-request-type');
  if (requestType !== undefined && requestType.trim().toLowerCase() === 'graphql') return 'graphql';
  if (input.method === 'GRAPHQL') return 'graphql';
  const contentType = lastHeader(input.headers, 'content-type');
  // `Content-Type: {{contentType}}` is only known after resolution, so the body itself decides.
  if (contentType !== undefined && contentType.trim() !== '' && !contentType.includes('{{')) {
    const kind = kindFromContentType(contentType);
    // GraphQL is sent as application/json; a body that opens with an operation is a query,
    // one that opens with `{` or `[` stays JSON.
    return kind === 'json' && startsWithGraphqlOperation(input.text) ? 'graphql' : kind;
  }
  if (input.onlyIncludePath !== undefined) return kindFromIncludePath(input.onlyIncludePath) ?? 'text';
  const first = input.text.charCodeAt(0);
  if (first === 123 /* { */ || first === 91 /* [ */) return 'json';
  if (first === 60 /* < */) return 'xml';
  if (startsWithGraphqlOperation(input.text)) return 'graphql';
  return 'text';
}
