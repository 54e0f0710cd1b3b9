// An error body that names the current version (`{"error":"version_conflict",
// "currentVersion":6}`, `current_version`, `expected`/`actual`). The request may have carried
// its version in the body or in If-Match; the fresh one goes back to the same place.
import { headerValue } from '../send/send-model';
import type { OutgoingRequest } from '../send/send-model';
import type {
  ConflictOptions,
  Dialect,
  Exchange,
  Recognition,
  TokenLocation,
  TokenUpdate,
  VersionToken,
} from './conflict-model';
import { belongsToAnotherProtocol, findVersionField } from './body-version-field';
import { firstListedTag, parseEntityTag } from './entity-tag';
import { isObject, parseJson, requestJson, requestText, responseJson, responseObject } from './exchange-body';
import { refetchRequest } from './refetch-request';
import { describeLocation } from './token-placement';

const currentNames = ['currentVersion', 'current_version', 'currentRevision', 'current_revision'];

type Scalar = string | number;

function scalar(value: unknown): Scalar | undefined {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) ? value : undefined;
}

/** The error object itself and, one level down, `error` / `details` objects. */
function errorObjects(body: Record<string, unknown>): Record<string, unknown>[] {
  const out = [body];
  for (const key of ['error', 'details', 'detail', 'data'])
    if (isObject(body[key])) out.push(body[key] as Record<string, unknown>);
  return out;
}

function staleToken(exchange: Exchange, options: ConflictOptions): VersionToken | undefined {
  const field = findVersionField(requestJson(exchange), options);
  if (field) return { value: field.value, location: { kind: 'body', path: [field.field] } };
  const header = headerValue(exchange.request.headers, 'if-match');
  const tag = header === undefined ? undefined : firstListedTag(header);
  return tag ? { value: tag.raw, location: { kind: 'header', name: 'If-Match' }, weak: tag.weak } : undefined;
}

function sameVersion(a: Scalar, b: Scalar): boolean {
  const strip = (v: Scalar) => String(v).replace(/^W\//, '').replace(/^"|"$/g, '');
  return strip(a) === strip(b);
}

/** Reads the current version and says which field it came from. */
function currentVersion(
  exchange: Exchange,
  stale: VersionToken | undefined,
): { value: Scalar; said: string } | undefined {
  const body = responseObject(exchange);
  if (!body) return undefined;
  for (const object of errorObjects(body)) {
    for (const name of currentNames) {
      const value = scalar(object[name]);
      if (value !== undefined) return { value, said: `${name}: ${JSON.stringify(value)}` };
    }
    // expected/actual mean opposite things in different APIs: only the one that is *not*
    // what the request sent can be the current version.
    const expected = scalar(object.expected);
    const actual = scalar(object.actual);
    if (stale && expected !== undefined && actual !== undefined) {
      if (sameVersion(expected, stale.value))
        return { value: actual, said: `actual: ${JSON.stringify(actual)} (expected was what you sent)` };
      if (sameVersion(actual, stale.value))
        return { value: expected, said: `expected: ${JSON.stringify(expected)} (actual was what you sent)` };
    }
  }
  return undefined;
}

function locationFor(stale: VersionToken | undefined, value: Scalar, options: ConflictOptions): TokenLocation {
  if (stale) return stale.location;
  return typeof value === 'string' && value.startsWith('"')
    ? { kind: 'header', name: 'If-Match' }
    : { kind: 'body', path: [options.versionFields[0] ?? 'version'] };
}

/** A header token must be an entity tag on the wire; servers often report only the opaque part. */
function asEntityTag(value: Scalar): string {
  const text = String(value);
  return text.startsWith('"') || text.startsWith('W/"') ? text : `"${text}"`;
}

function currentTokens(exchange: Exchange, options: ConflictOptions): VersionToken[] {
  const stale = staleToken(exchange, options);
  const current = currentVersion(exchange, stale);
  if (!current) return [];
  const location = locationFor(stale, current.value, options);
  const value = location.kind === 'header' ? asEntityTag(current.value) : current.value;
  return [{ value, location, weak: typeof value === 'string' && value.startsWith('W/') }];
}

function recognise(exchange: Exchange, options: ConflictOptions): Recognition | undefined {
  const { status } = exchange.response;
  if (status !== 409 && status !== 412) return undefined;
  const stale = staleToken(exchange, options);
  const current = currentVersion(exchange, stale);
  if (!current) return undefined;
  const evidence = [`The error body names the current version (${current.said}).`];
  if (stale)
    evidence.push(`The request sent version ${JSON.stringify(stale.value)} in ${describeLocation(stale.location)}.`);
  return { confidence: stale ? 0.9 : 0.75, evidence };
}

function readTokens(exchange: Exchange, options: ConflictOptions): VersionToken[] {
  const tokens: VersionToken[] = [];
  const body = responseJson(exchange.response);
  const field = belongsToAnotherProtocol(body) ? undefined : findVersionField(body, options);
  if (field) tokens.push({ value: field.value, location: { kind: 'body', path: [field.field] } });
  const etag = headerValue(exchange.response.headers, 'etag');
  const tag = etag === undefined ? undefined : parseEntityTag(etag);
  if (tag) tokens.push({ value: tag.raw, location: { kind: 'header', name: 'If-Match' }, weak: tag.weak });
  return tokens;
}

/** The fresh token goes where this request carries its version, whatever the token's origin. */
function applyToken(
  request: OutgoingRequest,
  token: VersionToken,
  options: ConflictOptions,
  requestBodyText?: string,
): TokenUpdate[] {
  const field = findVersionField(parseJson(requestText(request, requestBodyText)), options);
  if (field)
    return token.location.kind === 'body'
      ? [{ location: { kind: 'body', path: [field.field] }, value: token.value }]
      : [];
  if (headerValue(request.headers, 'if-match') !== undefined) {
    return token.location.kind === 'header' ? [{ location: token.location, value: token.value, weak: token.weak }] : [];
  }
  // The request carried no version at all (a 428): body fields for JSON bodies, If-Match otherwise.
  const hasJsonBody = isObject(parseJson(requestText(request, requestBodyText)));
  return (token.location.kind === 'body') === hasJsonBody
    ? [{ location: token.location, value: token.value, weak: token.weak }]
    : [];
}

export const errorCurrentVersionDialect: Dialect = {
  id: 'error-current-version',
  label: 'Error body naming the current version',
  recognise,
  staleTokens: (exchange, options) => {
    const stale = staleToken(exchange, options);
    return stale ? [stale] : [];
  },
  currentTokens,
  readTokens,
  planRefetch: (exchange) => refetchRequest(exchange.request),
  applyToken,
  versionPaths: (options) => options.versionFields.map((f) => [f]),
};
