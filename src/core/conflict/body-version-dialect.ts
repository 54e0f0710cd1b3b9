// A version number or revision in the JSON body itself (`{"title": …, "version": 5}`): the
// client sends back the version it read, and the server answers 409 when it moved on.
import type { OutgoingRequest } from '../send/send-model';
import type { ConflictOptions, Dialect, Exchange, Recognition, TokenUpdate, VersionToken } from './conflict-model';
import { belongsToAnotherProtocol, findVersionField } from './body-version-field';
import { parseJson, requestJson, requestText, responseJson, responseText } from './exchange-body';
import { refetchRequest } from './refetch-request';

const conflictWords = /version|stale|outdated|modified|concurrent|conflict|optimistic/i;

function staleTokens(exchange: Exchange, options: ConflictOptions): VersionToken[] {
  const found = findVersionField(requestJson(exchange), options);
  return found ? [{ value: found.value, location: { kind: 'body', path: [found.field] } }] : [];
}

function readTokens(exchange: Exchange, options: ConflictOptions): VersionToken[] {
  const body = responseJson(exchange.response);
  if (belongsToAnotherProtocol(body)) return [];
  const found = findVersionField(body, options);
  return found ? [{ value: found.value, location: { kind: 'body', path: [found.field] } }] : [];
}

/** Some APIs answer a 409 with the current representation: its version is the current one. */
function currentTokens(exchange: Exchange, options: ConflictOptions): VersionToken[] {
  const stale = staleTokens(exchange, options)[0];
  const current = readTokens(exchange, options)[0];
  return stale && current && current.value !== stale.value ? [current] : [];
}

function recognise(exchange: Exchange, options: ConflictOptions): Recognition | undefined {
  const { status } = exchange.response;
  if (status !== 409 && status !== 412) return undefined;
  const stale = staleTokens(exchange, options)[0];
  if (!stale || stale.location.kind !== 'body') return undefined;
  const evidence = [`The request body carries ${stale.location.path.join('.')}: ${JSON.stringify(stale.value)}.`];
  let confidence = 0.6;
  const current = currentTokens(exchange, options)[0];
  if (current) {
    confidence = 0.8;
    evidence.push(
      `The response body shows the current ${stale.location.path.join('.')}: ${JSON.stringify(current.value)}.`,
    );
  } else if (conflictWords.test(responseText(exchange.response))) {
    confidence = 0.7;
    evidence.push('The response speaks of a version conflict.');
  }
  return { confidence, evidence };
}

function applyToken(
  request: OutgoingRequest,
  token: VersionToken,
  options: ConflictOptions,
  requestBodyText?: string,
): TokenUpdate[] {
  if (token.location.kind !== 'body') return [];
  const sent = findVersionField(parseJson(requestText(request, requestBodyText)), options);
  const path = sent ? [sent.field] : token.location.path;
  return [{ location: { kind: 'body', path }, value: token.value }];
}

export const bodyVersionDialect: Dialect = {
  id: 'body-version',
  label: 'Version field in the JSON body',
  recognise,
  staleTokens,
  currentTokens,
  readTokens,
  planRefetch: (exchange) => refetchRequest(exchange.request),
  applyToken,
  versionPaths: (options) => options.versionFields.map((f) => [f]),
};
