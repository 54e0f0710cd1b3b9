// Plain HTTP validators (RFC 9110 §13): ETag + If-Match, Last-Modified + If-Unmodified-Since.
// The most general dialect, so body-aware dialects that also see If-Match outbid it.
import { headerValue } from '../send/send-model';
import type { OutgoingRequest } from '../send/send-model';
import type { ConflictOptions, Dialect, Exchange, Recognition, TokenUpdate, VersionToken } from './conflict-model';
import { firstListedTag, parseEntityTag } from './entity-tag';
import { refetchRequest } from './refetch-request';

const ifMatch = { kind: 'header', name: 'If-Match' } as const;
const ifUnmodifiedSince = { kind: 'header', name: 'If-Unmodified-Since' } as const;

function sentPreconditions(request: OutgoingRequest): VersionToken[] {
  const tokens: VersionToken[] = [];
  const match = headerValue(request.headers, 'if-match');
  const tag = match === undefined ? undefined : firstListedTag(match);
  if (tag) tokens.push({ value: tag.raw, location: ifMatch, weak: tag.weak });
  const since = headerValue(request.headers, 'if-unmodified-since');
  if (since) tokens.push({ value: since.trim(), location: ifUnmodifiedSince });
  return tokens;
}

/**
 * The one token a write should send: a strong ETag; a weak one where this origin has already
 * accepted a weak ETag in If-Match; else Last-Modified (usable where a weak ETag is not), else
 * the weak ETag so the resend plan can explain why it cannot be used.
 */
function responseValidators(exchange: Exchange, options?: ConflictOptions): VersionToken[] {
  const etag = headerValue(exchange.response.headers, 'etag');
  const tag = etag === undefined ? undefined : parseEntityTag(etag);
  if (tag && !tag.weak) return [{ value: tag.raw, location: ifMatch }];
  if (tag && options?.acceptedWeakIfMatch?.(exchange.request.url)) {
    return [
      {
        value: tag.raw,
        location: ifMatch,
        weak: true,
        weakCompared: 'this server has already accepted a weak ETag in If-Match',
      },
    ];
  }
  const modified = headerValue(exchange.response.headers, 'last-modified');
  if (modified) {
    const reason = tag
      ? `the current ETag ${tag.raw} is weak, and If-Match compares strongly, so it could never match; the Last-Modified date (one-second resolution) stands in`
      : undefined;
    return [{ value: modified.trim(), location: ifUnmodifiedSince, ...(reason ? { reason } : {}) }];
  }
  if (tag) return [{ value: tag.raw, location: ifMatch, weak: true }];
  return [];
}

function describeSent(token: VersionToken): string {
  return token.location.kind === 'header' ? `${token.location.name}: ${token.value}` : String(token.value);
}

function recognise(exchange: Exchange): Recognition | undefined {
  const { status } = exchange.response;
  const sent = sentPreconditions(exchange.request);
  const current = responseValidators(exchange);
  const evidence: string[] = [];
  for (const token of sent) evidence.push(`The request was sent with ${describeSent(token)}.`);
  if (current[0]) evidence.push(`The response names the current version: ${current[0].value}.`);
  if (status === 428) {
    return {
      confidence: 0.9,
      kind: 'precondition-required',
      evidence: [
        'The server answered 428 Precondition Required: it only accepts writes that say which version they change.',
        ...evidence,
      ],
    };
  }
  if (status === 412) {
    if (sent.length === 0) {
      if (headerValue(exchange.request.headers, 'if-none-match') !== undefined) {
        return {
          confidence: 0.8,
          kind: 'not-a-version-conflict',
          evidence: ['412 to a request sent with If-None-Match: the resource already exists.'],
        };
      }
      return {
        confidence: 0.4,
        evidence: ['412 Precondition Failed, though the request carried no If-Match or If-Unmodified-Since.'],
      };
    }
    return {
      confidence: current.length ? 0.95 : 0.9,
      evidence: ['412 Precondition Failed: the version the request named is no longer the current one.', ...evidence],
    };
  }
  if (status === 409 && sent.length > 0) {
    return { confidence: 0.6, evidence: ['409 Conflict to a write that carried a precondition.', ...evidence] };
  }
  return undefined;
}

function applyToken(request: OutgoingRequest, token: VersionToken): TokenUpdate[] {
  if (token.location.kind !== 'header') return [];
  const extra = {
    ...(token.weakCompared ? { weakCompared: token.weakCompared } : {}),
    ...(token.reason ? { reason: token.reason } : {}),
  };
  const updates: TokenUpdate[] = [{ location: token.location, value: token.value, weak: token.weak, ...extra }];
  // If-Match is evaluated before If-Unmodified-Since and wins (RFC 9110 §13.2.2): switching
  // to a date (the server only offers weak ETags) means dropping the If-Match that failed.
  if (token.location.name === ifUnmodifiedSince.name && headerValue(request.headers, 'if-match') !== undefined) {
    updates.push({ location: ifMatch, value: '', remove: true });
  }
  return updates;
}

export const httpValidatorsDialect: Dialect = {
  id: 'http-validators',
  label: 'HTTP validators (ETag / If-Match, Last-Modified / If-Unmodified-Since)',
  recognise,
  staleTokens: (exchange) => sentPreconditions(exchange.request),
  currentTokens: (exchange, options) => responseValidators(exchange, options),
  readTokens: (exchange, options) => responseValidators(exchange, options),
  planRefetch: (exchange) => refetchRequest(exchange.request),
  applyToken,
  versionPaths: () => [],
};
