// Conflicts to retry or explain, never to merge: nothing changed in the resource that a
// rebase could fold in.
// - `If-None-Match: *` (create only) answered 412: the resource already exists.
// - S3's 409 ConditionalRequestConflict: another conditional write to the object is in
//   flight; the same request, unchanged, succeeds or fails properly after a pause.
// - Idempotency-Key (IETF httpapi draft; Stripe, Shopify): 409 while a request with the same
//   key is still being processed (retry the same request, same key), 422 when the key was
//   already used with a different body (a changed request under an old key).
import { headerValue } from '../send/send-model';
import type { Dialect, Exchange, Recognition } from './conflict-model';
import { responseText } from './exchange-body';
import { refetchRequest } from './refetch-request';
import { isCreateOnly } from './write-precondition';

function createOnly(exchange: Exchange): Recognition | undefined {
  const { request, response } = exchange;
  if (response.status !== 412 || headerValue(request.headers, 'if-match') !== undefined) return undefined;
  if (!isCreateOnly(request.headers)) return undefined;
  return {
    confidence: 0.9,
    kind: 'not-a-version-conflict',
    evidence: ['412 to a write sent with If-None-Match: * (create only): something already exists at this URL.'],
    summary:
      'It already exists: this write was sent with If-None-Match: *, which only creates, and the server already has a resource here. ' +
      'Nothing was merged or overwritten. Read it first; to change it, send the write with If-Match: <its ETag> instead of If-None-Match: *.',
    retry: {
      case: 'already-exists',
      advice:
        'Read what is there first. To replace or change it, turn this write into an update: send it with If-Match: <its ETag> instead of If-None-Match: *. To keep both, create it at another URL.',
    },
  };
}

function s3InFlight(exchange: Exchange): Recognition | undefined {
  if (exchange.response.status !== 409) return undefined;
  const code =
    headerValue(exchange.response.headers, 'x-amz-error-code') ??
    /<Code>\s*([A-Za-z]+)\s*<\/Code>/.exec(responseText(exchange.response).slice(0, 2000))?.[1];
  if (code !== 'ConditionalRequestConflict') return undefined;
  return {
    confidence: 0.95,
    kind: 'not-a-version-conflict',
    evidence: ['409 with S3 error code ConditionalRequestConflict: a conditional write to this object is in progress.'],
    summary:
      'Another conditional write to this object was in progress (S3 ConditionalRequestConflict). Nothing is known to have changed, so there is nothing to merge: ' +
      'retry the same request, unchanged, after a short pause.',
    retry: {
      case: 'in-flight',
      code,
      source: 'S3 error Code',
      message: /<Message>([^<]{1,300})<\/Message>/.exec(responseText(exchange.response).slice(0, 2000))?.[1]?.trim(),
      advice:
        'Send the same request again, unchanged, after a short pause (a second or two, longer each time). Do not merge and do not change its precondition.',
    },
  };
}

function idempotencyKey(exchange: Exchange): Recognition | undefined {
  const key = headerValue(exchange.request.headers, 'idempotency-key');
  if (key === undefined) return undefined;
  const { status } = exchange.response;
  // A write with both a key and a precondition can meet a real version conflict: unless the
  // answer speaks of the key, the version dialects outbid this one.
  const aboutKey = /idempoten/i.test(responseText(exchange.response).slice(0, 4000));
  if (status === 409) {
    return {
      confidence: aboutKey ? 0.96 : 0.5,
      kind: 'not-a-version-conflict',
      evidence: [`409 to a request carrying Idempotency-Key ${key}: a request with this key is still being processed.`],
      summary:
        `A request with the same Idempotency-Key (${key}) is still being processed. Retry this request unchanged — same body, same key — after a moment; ` +
        'a new key would risk doing the operation twice.',
      retry: {
        case: 'in-flight',
        code: 'Idempotency-Key 409',
        source: `Idempotency-Key: ${key}`,
        advice: `Send the same request again after a pause — same body, same Idempotency-Key (${key}). Never a new key: the first request may still go through, and a new key would do it twice.`,
      },
    };
  }
  if (status === 422) {
    return {
      confidence: aboutKey ? 0.96 : 0.5,
      kind: 'not-a-version-conflict',
      evidence: [
        `422 to a request carrying Idempotency-Key ${key}: the key was already used with a different request.`,
      ],
      summary:
        `The Idempotency-Key ${key} was already used for a request with a different body, and the server will not apply a changed request under it. ` +
        'If this is the same operation, send the original body again; if it is a new operation, give it a new key on purpose.',
      retry: {
        case: 'key-reused',
        code: 'Idempotency-Key 422',
        source: `Idempotency-Key: ${key}`,
        advice: `The server remembers key ${key} with another body and will not apply this one under it. Same operation: send the original body again. A new operation: give it a new key on purpose — nothing here picks one for you.`,
      },
    };
  }
  return undefined;
}

export const retryNotMergeDialect: Dialect = {
  id: 'retry-not-merge',
  label: 'Retry or explain, not merge (create-only, in-flight, idempotency key)',
  recognise: (exchange) => createOnly(exchange) ?? s3InFlight(exchange) ?? idempotencyKey(exchange),
  staleTokens: () => [],
  currentTokens: () => [],
  readTokens: () => [],
  planRefetch: (exchange) => refetchRequest(exchange.request),
  applyToken: () => [],
  versionPaths: () => [],
};
