// Kubernetes: optimistic concurrency on `metadata.resourceVersion`; a stale update gets a
// Status object with reason "Conflict" and "the object has been modified; please apply your
// changes to the latest version and try again". Reason "AlreadyExists" is a create clash.
import type { OutgoingRequest } from '../send/send-model';
import type { ConflictOptions, Dialect, Exchange, Recognition, TokenUpdate, VersionToken } from './conflict-model';
import { isObject, requestObject, responseObject } from './exchange-body';
import { valueAt } from './json-text-edit';
import { refetchRequest } from './refetch-request';

const resourceVersionPath = ['metadata', 'resourceVersion'];
const location = { kind: 'body', path: resourceVersionPath } as const;

function tokenIn(body: unknown): VersionToken[] {
  const value = valueAt(body, resourceVersionPath);
  return typeof value === 'string' && value !== '' ? [{ value, location }] : [];
}

function recognise(exchange: Exchange): Recognition | undefined {
  if (exchange.response.status !== 409) return undefined;
  const body = responseObject(exchange);
  if (body?.kind !== 'Status') return undefined;
  const message = typeof body.message === 'string' ? body.message : '';
  const evidence = [`A Kubernetes Status object with reason "${String(body.reason)}".`];
  if (body.reason === 'AlreadyExists') return { confidence: 0.9, kind: 'not-a-version-conflict', evidence };
  if (body.reason !== 'Conflict') return undefined;
  let confidence = 0.8;
  if (/the object has been modified/i.test(message)) {
    confidence = 0.95;
    evidence.push('Its message says the object has been modified since it was read.');
  }
  const sent = tokenIn(requestObject(exchange))[0];
  if (sent) {
    confidence += 0.02;
    evidence.push(`The request sent metadata.resourceVersion "${sent.value}".`);
  }
  return { confidence, evidence };
}

function applyToken(_request: OutgoingRequest, token: VersionToken, _options: ConflictOptions): TokenUpdate[] {
  return token.location.kind === 'body' ? [{ location, value: String(token.value) }] : [];
}

export const kubernetesDialect: Dialect = {
  id: 'kubernetes',
  label: 'Kubernetes metadata.resourceVersion',
  recognise,
  staleTokens: (exchange) => tokenIn(requestObject(exchange)),
  currentTokens: () => [],
  readTokens: (exchange) => {
    const body = responseObject(exchange);
    return isObject(body) && body.kind !== 'Status' ? tokenIn(body) : [];
  },
  // Query parameters of a write (dryRun, fieldManager, …) mean nothing to a read.
  planRefetch: (exchange) => refetchRequest(exchange.request, { url: exchange.request.url.replace(/[?#].*$/, '') }),
  applyToken,
  versionPaths: () => [resourceVersionPath],
  // Set by the API server on every write. Not `status` (writable where a CRD has no status
  // subresource) and not `uid` (a different uid is a different object, which must not pass).
  serverManagedPaths: (current) => {
    const body = responseObject(current);
    return isObject(body) &&
      typeof body.apiVersion === 'string' &&
      typeof body.kind === 'string' &&
      isObject(body.metadata)
      ? ['/metadata/managedFields', '/metadata/generation', '/metadata/creationTimestamp', '/metadata/selfLink']
      : [];
  },
};
