// Azure Table storage (and Azurite, Cosmos DB's Table API): OData entities addressed as
// `table(PartitionKey='…',RowKey='…')`, weak ETags (`W/"datetime'…'"`) compared in If-Match
// (current tag 204, stale tag 412 UpdateConditionNotSatisfied), PUT to replace and MERGE to
// merge. Outbids plain OData so its weak tags are sent as they are; `Timestamp` is a
// server-managed field (see the OData dialect), never a conflict.
import { headerValue } from '../send/send-model';
import type { Dialect, Exchange, Recognition } from './conflict-model';
import { isObject, responseObject } from './exchange-body';
import { odataApplyToken, odataEtagDialect, odataReadTokens, odataStaleTokens } from './odata-etag-dialect';
import { refetchRequest } from './refetch-request';
import { removeHeaders } from './token-placement';

const entityUrl = /\(\s*PartitionKey\s*=\s*'[^']*'\s*,\s*RowKey\s*=\s*'[^']*'\s*\)/i;
const azureErrorCodes = /^(UpdateConditionNotSatisfied|ConditionNotMet|EntityAlreadyExists)$/;

export const azureTableComparesWeakTags =
  'Azure Table storage compares its weak ETags in If-Match (current tag accepted, stale tag 412)';

function azureEvidence(exchange: Exchange): string[] {
  const evidence: string[] = [];
  const server = headerValue(exchange.response.headers, 'server') ?? '';
  if (/azurite-table|windows-azure-table/i.test(server)) evidence.push(`The server identifies itself as ${server}.`);
  const code = headerValue(exchange.response.headers, 'x-ms-error-code');
  if (code && azureErrorCodes.test(code)) evidence.push(`Azure Storage error code ${code}.`);
  const body = responseObject(exchange);
  const odataError = isObject(body?.['odata.error']) ? body?.['odata.error'] : undefined;
  if (isObject(odataError) && typeof odataError.code === 'string' && azureErrorCodes.test(odataError.code) && !code)
    evidence.push(`Azure Storage error code ${odataError.code} in the body.`);
  return evidence;
}

function recognise(exchange: Exchange): Recognition | undefined {
  if (!entityUrl.test(exchange.request.url)) return undefined;
  const azure = azureEvidence(exchange);
  if (azure.length === 0) return undefined;
  const { status } = exchange.response;
  const sent = odataStaleTokens(exchange);
  const evidence = [...azure, 'The URL addresses an entity by PartitionKey and RowKey.'];
  if (status === 412 && sent.length > 0)
    return { confidence: 0.99, evidence: [`412 to a Table write sent with If-Match ${sent[0].value}.`, ...evidence] };
  if (status === 409 && /EntityAlreadyExists/.test(azure.join(' '))) {
    return {
      confidence: 0.95,
      kind: 'not-a-version-conflict',
      evidence: ['409 EntityAlreadyExists: an insert met an entity with the same keys.', ...evidence],
    };
  }
  return undefined;
}

export const azureTableDialect: Dialect = {
  id: 'azure-table',
  label: 'Azure Table storage (OData, weak ETags)',
  recognise,
  staleTokens: (exchange) =>
    odataStaleTokens(exchange).map((t) => (t.weak ? { ...t, weakCompared: azureTableComparesWeakTags } : t)),
  currentTokens: odataEtagDialect.currentTokens,
  readTokens: (exchange) =>
    odataReadTokens(exchange).map((t) => (t.weak ? { ...t, weakCompared: azureTableComparesWeakTags } : t)),
  planRefetch: (exchange) => {
    const read = refetchRequest(exchange.request);
    // Without an Accept the service answers in Atom, or (Azurite) 415: ask for plain JSON.
    const json = /json/i.test(headerValue(read.headers, 'accept') ?? '');
    return json
      ? read
      : {
          ...read,
          headers: [...removeHeaders(read.headers, ['accept']), ['Accept', 'application/json;odata=nometadata']],
        };
  },
  applyToken: (request, token) =>
    odataApplyToken(request, token.weak ? { ...token, weakCompared: azureTableComparesWeakTags } : token),
  versionPaths: () => [['odata.etag'], ['@odata.etag']],
  // Timestamp and the odata.* annotations are the service's: taken from the current version,
  // never a conflict, never added to a body that left them out.
  serverManagedPaths: (current) => odataEtagDialect.serverManagedPaths?.(current) ?? [],
};
