// Reads a write *as written* in the .http file (placeholders unresolved) and answers whether
// it says which version it changes: a precondition header, a version query parameter, or a
// version field in its body. Nothing is resolved or sent, so `check` can run in CI.
import { parse as parseJsonc } from 'jsonc-parser';
import type { HeaderList } from '../http-headers';
import { headerValue } from '../http-headers';
import type { ParsedRequest } from '../http-file/http-file-model';
import { isObject } from './exchange-body';
import { queryParam } from './token-placement';

/** MERGE: Azure Table's (and OData v3's) Merge Entity verb, a partial update. */
export const writeMethods: ReadonlySet<string> = new Set(['PUT', 'PATCH', 'DELETE', 'MERGE']);

/**
 * A write by its method, or by the user's word: `# @write` above a request marks any method
 * (a custom verb, a POST that replaces a document) as one that can overwrite a change.
 */
export function isMarkedWrite(request: ParsedRequest): boolean {
  return Object.prototype.hasOwnProperty.call(request.metadata.other, 'write');
}

export function isWrite(request: ParsedRequest): boolean {
  return writeMethods.has(request.method) || isMarkedWrite(request);
}

/**
 * The request headers that make a write conditional (RFC 9110 §13.1), lower case — the one
 * list for the write guards, `check`, and a 428's "the request now sends a precondition".
 * If-None-Match counts too: a `PUT` with `If-None-Match: *` only ever creates, so it cannot
 * overwrite anyone's change — and it is the right answer to a 428 on a create.
 */
export const preconditionHeaders: ReadonlySet<string> = new Set(['if-match', 'if-unmodified-since', 'if-none-match']);

/** `If-None-Match: *` (RFC 9110 §13.1.2): the write only creates; wherever anything exists it is refused. */
export function isCreateOnly(headers: HeaderList): boolean {
  return headerValue(headers, 'if-none-match')?.trim() === '*';
}

/** The first precondition header of a header list (as written, or as sent): its name. */
export function preconditionHeader(headers: readonly { readonly name: string }[]): string | undefined {
  return headers.find((h) => preconditionHeaders.has(h.name.toLowerCase()))?.name;
}

/** CouchDB `?rev=`, Elasticsearch `?if_seq_no=` / `?version=`. */
export const versionQueryParameters: readonly string[] = ['rev', 'if_seq_no', 'if_primary_term', 'version'];

/** Body fields of the protocols with their own dialect (CouchDB, GitHub, OData). */
const protocolBodyFields = ['_rev', 'sha', '@odata.etag', 'odata.etag'];

export type PreconditionEvidence =
  | { readonly kind: 'header'; readonly name: string }
  | { readonly kind: 'query'; readonly name: string }
  | { readonly kind: 'body'; readonly path: readonly string[] };

/**
 * Placeholders may stand where a JSON value goes (`"version": {{v}}`): each becomes a number
 * so the body still parses as the JSON it will be once resolved.
 */
function parseWrittenJson(text: string): unknown {
  return parseJsonc(text.replace(/\{\{[^{}\r\n]*\}\}/g, '0'), [], {
    allowTrailingComma: true,
    disallowComments: false,
  });
}

/** The body text as written, or undefined when any part is a file include. */
export function writtenBodyText(request: ParsedRequest): string | undefined {
  const body = request.body;
  if (!body || !body.parts.every((p) => p.kind === 'text')) return undefined;
  return body.text;
}

export function writtenJsonBody(request: ParsedRequest): Record<string, unknown> | undefined {
  const text = writtenBodyText(request);
  if (text === undefined || !text.trim().startsWith('{')) return undefined;
  const value = parseWrittenJson(text);
  return isObject(value) ? value : undefined;
}

/** Where this write carries a precondition; undefined when it carries none. */
export function findPrecondition(
  request: ParsedRequest,
  versionFields: readonly string[],
): PreconditionEvidence | undefined {
  const header = preconditionHeader(request.headers);
  if (header) return { kind: 'header', name: header };
  const query = versionQueryParameters.find((name) => queryParam(request.url, name) !== undefined);
  if (query) return { kind: 'query', name: query };
  const body = writtenJsonBody(request);
  if (body) {
    const field = [...protocolBodyFields, ...versionFields].find((f) => f in body);
    if (field) return { kind: 'body', path: [field] };
    if (isObject(body.metadata) && 'resourceVersion' in body.metadata)
      return { kind: 'body', path: ['metadata', 'resourceVersion'] };
  }
  return undefined;
}

/**
 * One spelling per resource URL as written: `{{ base }}` and `{{base}}` alike, no fragment,
 * no trailing slash, version parameters dropped and the rest sorted — the same idea as
 * `resourceKey`, for URLs that cannot be resolved without sending anything.
 */
export function normaliseWrittenUrl(url: string): string {
  let text = url.trim().replace(/\{\{\s*([^{}\r\n]*?)\s*\}\}/g, '{{$1}}');
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(0, hash);
  const q = text.indexOf('?');
  let path = q >= 0 ? text.slice(0, q) : text;
  const query = q >= 0 ? text.slice(q + 1) : '';
  path = path.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/{]*)/i, (origin) => origin.toLowerCase()).replace(/\/+$/, '');
  const kept = query
    .split('&')
    .filter((part) => part !== '' && !versionQueryParameters.includes(part.split('=')[0]))
    .sort();
  return kept.length ? `${path}?${kept.join('&')}` : path;
}
