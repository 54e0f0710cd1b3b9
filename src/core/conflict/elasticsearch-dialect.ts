// Elasticsearch: a write is conditional on `?if_seq_no=&if_primary_term=`; GET `_doc` answers
// `_seq_no`/`_primary_term` beside `_source`; a stale write gets 409
// version_conflict_engine_exception whose reason names the current seqNo and primary term.
import type { OutgoingRequest } from '../send/send-model';
import type { ConflictOptions, Dialect, Exchange, Recognition, TokenUpdate, VersionToken } from './conflict-model';
import { isObject, responseObject } from './exchange-body';
import { jsonValueText } from './json-text-edit';
import { refetchRequest } from './refetch-request';
import { queryParam } from './token-placement';

const seqNo = { kind: 'query', name: 'if_seq_no' } as const;
const primaryTerm = { kind: 'query', name: 'if_primary_term' } as const;
const documentEndpoints = new Set(['_doc', '_create', '_update']);

function staleTokens(exchange: Exchange): VersionToken[] {
  const tokens: VersionToken[] = [];
  const seq = queryParam(exchange.request.url, 'if_seq_no');
  const term = queryParam(exchange.request.url, 'if_primary_term');
  if (seq !== undefined) tokens.push({ value: seq, location: seqNo });
  if (term !== undefined) tokens.push({ value: term, location: primaryTerm });
  return tokens;
}

function errorOf(exchange: Exchange): { type?: unknown; reason?: unknown } | undefined {
  const error = responseObject(exchange)?.error;
  return isObject(error) ? error : undefined;
}

/** "…required seqNo [3], primary term [1]. current document has seqNo [4] and primary term [1]" */
function currentTokens(exchange: Exchange): VersionToken[] {
  const reason = String(errorOf(exchange)?.reason ?? '');
  const match = /current document has seqNo \[(\d+)\] and primary term \[(\d+)\]/.exec(reason);
  return match
    ? [
        { value: match[1], location: seqNo },
        { value: match[2], location: primaryTerm },
      ]
    : [];
}

function recognise(exchange: Exchange): Recognition | undefined {
  if (exchange.response.status !== 409) return undefined;
  const error = errorOf(exchange);
  if (error?.type !== 'version_conflict_engine_exception') return undefined;
  const reason = String(error.reason ?? '');
  const evidence = [`Elasticsearch's version_conflict_engine_exception: ${reason}`];
  if (/document already exists/i.test(reason)) return { confidence: 0.95, kind: 'not-a-version-conflict', evidence };
  const sent = staleTokens(exchange);
  if (sent.length)
    evidence.push(
      `The request was conditional on ${sent.map((t) => `${t.location.kind === 'query' ? t.location.name : ''}=${t.value}`).join(' and ')}.`,
    );
  return { confidence: sent.length ? 0.98 : 0.9, evidence };
}

function readTokens(exchange: Exchange): VersionToken[] {
  const body = responseObject(exchange);
  if (typeof body?._seq_no !== 'number' || typeof body._primary_term !== 'number') return [];
  return [
    { value: String(body._seq_no), location: seqNo },
    { value: String(body._primary_term), location: primaryTerm },
  ];
}

/** `/<index>/_doc|_create|_update/<id>` (under any prefix) → GET `/<index>/_doc/<id>`. */
function planRefetch(exchange: Exchange): OutgoingRequest {
  const url = new URL(exchange.request.url);
  const segments = url.pathname.split('/');
  const at = segments.findIndex((s, i) => i > 0 && documentEndpoints.has(s) && segments[i + 1] !== undefined);
  const path = at > 0 ? [...segments.slice(0, at), '_doc', segments[at + 1]].join('/') : url.pathname;
  return refetchRequest(exchange.request, { url: `${url.origin}${path}` });
}

function applyToken(_request: OutgoingRequest, token: VersionToken, _options: ConflictOptions): TokenUpdate[] {
  return token.location.kind === 'query' ? [{ location: token.location, value: String(token.value) }] : [];
}

export const elasticsearchDialect: Dialect = {
  id: 'elasticsearch',
  label: 'Elasticsearch if_seq_no / if_primary_term',
  recognise,
  staleTokens,
  currentTokens,
  readTokens,
  planRefetch,
  applyToken,
  versionPaths: () => [],
  serverManagedPaths: (current) => {
    const body = responseObject(current);
    return body && ('_seq_no' in body || '_primary_term' in body) ? ['/_seq_no', '/_primary_term'] : [];
  },
  // The user writes the document itself; a GET wraps it in `_source`. Sliced as text so
  // number literals survive exactly.
  documentText: (bodyText) => jsonValueText(bodyText, ['_source']),
};
