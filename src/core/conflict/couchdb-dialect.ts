// CouchDB: every document carries `_rev` ("N-hash"); a write names the revision it replaces
// in the body's `_rev`, in `?rev=`, or in If-Match, and a stale one gets
// 409 {"error":"conflict","reason":"Document update conflict."}.
import { headerValue } from '../send/send-model';
import type { OutgoingRequest } from '../send/send-model';
import type { ConflictOptions, Dialect, Exchange, Recognition, TokenUpdate, VersionToken } from './conflict-model';
import { isObject, parseJson, requestObject, requestText, responseObject } from './exchange-body';
import { refetchRequest } from './refetch-request';
import { queryParam } from './token-placement';

const revShape = /^\d+-[0-9a-f]+$/i;
const bodyRev = { kind: 'body', path: ['_rev'] } as const;

function unquote(value: string): string {
  return value.trim().replace(/^"|"$/g, '');
}

function staleTokens(exchange: Exchange): VersionToken[] {
  const tokens: VersionToken[] = [];
  const body = requestObject(exchange);
  if (typeof body?._rev === 'string') tokens.push({ value: body._rev, location: bodyRev });
  const query = queryParam(exchange.request.url, 'rev');
  if (query) tokens.push({ value: query, location: { kind: 'query', name: 'rev' } });
  const header = headerValue(exchange.request.headers, 'if-match');
  if (header && revShape.test(unquote(header)))
    tokens.push({ value: header.trim(), location: { kind: 'header', name: 'If-Match' } });
  return tokens;
}

function isCouchConflictBody(exchange: Exchange): boolean {
  const body = responseObject(exchange);
  return body?.error === 'conflict' && typeof body.reason === 'string';
}

function recognise(exchange: Exchange): Recognition | undefined {
  if (exchange.response.status !== 409) return undefined;
  const evidence: string[] = [];
  let confidence = 0;
  if (isCouchConflictBody(exchange)) {
    confidence = 0.85;
    evidence.push(`CouchDB's conflict body: error "conflict", reason "${String(responseObject(exchange)?.reason)}".`);
  }
  const server = headerValue(exchange.response.headers, 'server') ?? '';
  if (/couchdb/i.test(server)) {
    confidence = Math.max(confidence, 0.7) + 0.05;
    evidence.push(`The server identifies itself as ${server}.`);
  }
  const sent = staleTokens(exchange);
  if (sent.length > 0) {
    confidence = confidence === 0 ? 0 : confidence + 0.1;
    evidence.push(`The request named revision ${unquote(String(sent[0].value))}.`);
  }
  return confidence > 0 ? { confidence: Math.min(confidence, 0.98), evidence } : undefined;
}

/** GET answers carry `_rev` (and ETag); write answers carry `{"ok":true,"rev":…}`. */
function readTokens(exchange: Exchange): VersionToken[] {
  const body = responseObject(exchange);
  if (typeof body?._rev === 'string') return [{ value: body._rev, location: bodyRev }];
  if (body?.ok === true && typeof body.rev === 'string') return [{ value: body.rev, location: bodyRev }];
  return [];
}

/** The fresh revision goes everywhere the request named one; a body `_rev` if it named none. */
function applyToken(
  request: OutgoingRequest,
  token: VersionToken,
  _options: ConflictOptions,
  requestBodyText?: string,
): TokenUpdate[] {
  const rev = unquote(String(token.value));
  const updates: TokenUpdate[] = [];
  const body = parseJson(requestText(request, requestBodyText));
  if (isObject(body) && typeof body._rev === 'string') updates.push({ location: bodyRev, value: rev });
  if (queryParam(request.url, 'rev') !== undefined)
    updates.push({ location: { kind: 'query', name: 'rev' }, value: rev });
  const header = headerValue(request.headers, 'if-match');
  if (header !== undefined)
    updates.push({
      location: { kind: 'header', name: 'If-Match' },
      value: header.trim().startsWith('"') ? `"${rev}"` : rev,
    });
  if (updates.length === 0)
    updates.push(
      isObject(body) ? { location: bodyRev, value: rev } : { location: { kind: 'query', name: 'rev' }, value: rev },
    );
  return updates;
}

export const couchdbDialect: Dialect = {
  id: 'couchdb',
  label: 'CouchDB _rev',
  recognise,
  staleTokens,
  currentTokens: () => [],
  readTokens,
  planRefetch: (exchange) => refetchRequest(exchange.request, { dropQuery: ['rev', 'batch', 'new_edits'] }),
  applyToken,
  versionPaths: () => [['_rev']],
  // Revision bookkeeping a GET can carry (`?revs=true`, `?conflicts=true`, …): never the user's.
  serverManagedPaths: (current) => {
    const body = responseObject(current);
    return typeof body?._id === 'string' && typeof body._rev === 'string'
      ? ['/_rev', '/_revisions', '/_revs_info', '/_conflicts', '/_deleted_conflicts', '/_local_seq']
      : [];
  },
};
