// OData (v4, and v3's `odata.etag`): the entity's ETag travels in the body as `@odata.etag`
// and goes back in If-Match. Outbids plain HTTP validators when the exchange is clearly OData.
import { headerValue } from '../send/send-model';
import type { OutgoingRequest } from '../send/send-model';
import type { Dialect, Exchange, Recognition, TokenUpdate, VersionToken } from './conflict-model';
import { firstListedTag, parseEntityTag } from './entity-tag';
import { isObject, requestObject, responseObject } from './exchange-body';
import { refetchRequest } from './refetch-request';

const ifMatch = { kind: 'header', name: 'If-Match' } as const;
const etagFields = ['@odata.etag', 'odata.etag'];

/**
 * Most OData services (Azure Table, Cosmos DB Table, Dataverse, SAP Gateway) hand out weak
 * ETags and compare them in If-Match: the tag goes back exactly as the service gave it.
 */
export const odataComparesWeakTags = 'OData services compare the weak ETags they hand out in If-Match';

function odataEvidence(exchange: Exchange): string[] {
  const evidence: string[] = [];
  const version =
    headerValue(exchange.response.headers, 'odata-version') ?? headerValue(exchange.request.headers, 'odata-version');
  if (version) evidence.push(`OData-Version ${version} header.`);
  const sentEtag = etagFields.find((f) => typeof requestObject(exchange)?.[f] === 'string');
  if (sentEtag) evidence.push(`The request body carries ${sentEtag}.`);
  const body = responseObject(exchange);
  if (body && ('@odata.context' in body || 'odata.metadata' in body))
    evidence.push('The response carries @odata.context.');
  if (
    body &&
    (isObject(body['odata.error']) ||
      (isObject(body.error) &&
        'code' in body.error &&
        /odata/i.test(headerValue(exchange.response.headers, 'content-type') ?? '')))
  ) {
    evidence.push('The error body is an OData error.');
  }
  if (/\/odata\/|\([^)]*\)(\/|$|\?)/i.test(exchange.request.url)) evidence.push('The URL has OData entity-key syntax.');
  return evidence;
}

function tokenFrom(value: string): VersionToken | undefined {
  const tag = parseEntityTag(value);
  return tag
    ? {
        value: tag.raw,
        location: ifMatch,
        weak: tag.weak,
        ...(tag.weak ? { weakCompared: odataComparesWeakTags } : {}),
      }
    : undefined;
}

export function odataStaleTokens(exchange: Exchange): VersionToken[] {
  const header = headerValue(exchange.request.headers, 'if-match');
  const tag = header === undefined ? undefined : firstListedTag(header);
  if (tag)
    return [
      {
        value: tag.raw,
        location: ifMatch,
        weak: tag.weak,
        ...(tag.weak ? { weakCompared: odataComparesWeakTags } : {}),
      },
    ];
  const body = requestObject(exchange);
  const field = etagFields.find((f) => typeof body?.[f] === 'string');
  const token = field ? tokenFrom(String(body?.[field])) : undefined;
  return token ? [token] : [];
}

export function odataReadTokens(exchange: Exchange): VersionToken[] {
  const body = responseObject(exchange);
  const field = etagFields.find((f) => typeof body?.[f] === 'string');
  const fromBody = field ? tokenFrom(String(body?.[field])) : undefined;
  if (fromBody) return [fromBody];
  const header = headerValue(exchange.response.headers, 'etag');
  const fromHeader = header === undefined ? undefined : tokenFrom(header);
  return fromHeader ? [fromHeader] : [];
}

function recognise(exchange: Exchange): Recognition | undefined {
  const { status } = exchange.response;
  const evidence = odataEvidence(exchange);
  if (evidence.length === 0) return undefined;
  const sent = odataStaleTokens(exchange);
  if (status === 428) {
    return {
      confidence: 0.92,
      kind: 'precondition-required',
      evidence: ['OData service requires If-Match (428 Precondition Required).', ...evidence],
    };
  }
  if ((status === 412 || status === 409) && sent.length > 0) {
    return {
      confidence: status === 412 ? 0.97 : 0.7,
      evidence: [`${status} to an OData write sent with ETag ${sent[0].value}.`, ...evidence],
    };
  }
  return undefined;
}

/** Annotations only the service writes; an Azure Table entity also has `Timestamp` and all `odata.*`. */
const serviceAnnotations = [
  '/@odata.context',
  '/@odata.id',
  '/@odata.editLink',
  '/@odata.readLink',
  '/odata.metadata',
  '/odata.id',
  '/odata.editLink',
];

function isAzureTableEntity(current: Exchange): boolean {
  const body = responseObject(current);
  if (body && typeof body.PartitionKey === 'string' && typeof body.RowKey === 'string' && 'Timestamp' in body)
    return true;
  try {
    return /\.table\.(core\.windows\.net|cosmos\.azure\.com)$/i.test(new URL(current.request.url).hostname);
  } catch {
    return false;
  }
}

function serverManagedPaths(current: Exchange): string[] {
  return isAzureTableEntity(current)
    ? [...serviceAnnotations, '/odata.*', '/Timestamp', '/Timestamp@odata.type']
    : serviceAnnotations;
}

export function odataApplyToken(_request: OutgoingRequest, token: VersionToken): TokenUpdate[] {
  if (token.location.kind !== 'header') return [];
  const weak = token.weak ? { weak: true, weakCompared: token.weakCompared ?? odataComparesWeakTags } : {};
  return [{ location: token.location, value: token.value, ...weak, ...(token.reason ? { reason: token.reason } : {}) }];
}

export const odataEtagDialect: Dialect = {
  id: 'odata-etag',
  label: 'OData @odata.etag',
  recognise,
  staleTokens: odataStaleTokens,
  currentTokens: (exchange) => {
    const header = headerValue(exchange.response.headers, 'etag');
    const token = header === undefined ? undefined : tokenFrom(header);
    return token ? [token] : [];
  },
  readTokens: odataReadTokens,
  planRefetch: (exchange) => refetchRequest(exchange.request),
  applyToken: odataApplyToken,
  versionPaths: () => etagFields.map((f) => [f]),
  serverManagedPaths,
};
