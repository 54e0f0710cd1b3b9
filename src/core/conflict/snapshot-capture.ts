// Turns a successful exchange into a snapshot: a read's body as the server sent it, or, for
// a write that answered only with a token (CouchDB `{"ok":true,"rev":…}`, Elasticsearch's
// index result), the body that was written, since that is now what the server holds.
import { headerValue } from '../send/send-model';
import type { ConflictOptions, Dialect, Exchange, VersionToken } from './conflict-model';
import { defaultConflictOptions } from './conflict-model';
import { dialects as registeredDialects } from './dialects';
import { isObject, isSuccess, parseJson, requestBodyText, responseJson, responseText } from './exchange-body';
import { setJsonValue, valueAt } from './json-text-edit';
import { resourceKey } from './resource-url';
import type { Snapshot, SnapshotStore } from './snapshot-store';
import { locationKey } from './token-placement';

export interface CaptureOptions {
  readonly now?: () => Date;
  readonly dialects?: readonly Dialect[];
  readonly conflictOptions?: ConflictOptions;
  /** Larger bodies are not kept (UTF-16 code units). */
  readonly maxBodyChars?: number;
}

const defaultMaxBodyChars = 5 * 1024 * 1024;

/** Every dialect's reading, plus the raw validators so a later If-Match finds its base. */
export function readAllTokens(exchange: Exchange, from: readonly Dialect[], options: ConflictOptions): VersionToken[] {
  const tokens: VersionToken[] = [];
  const seen = new Set<string>();
  const add = (token: VersionToken) => {
    const key = `${locationKey(token.location)}=${String(token.value)}`;
    if (!seen.has(key)) {
      seen.add(key);
      tokens.push(token);
    }
  };
  for (const dialect of from) for (const token of dialect.readTokens(exchange, options)) add(token);
  const etag = headerValue(exchange.response.headers, 'etag');
  if (etag)
    add({ value: etag.trim(), location: { kind: 'header', name: 'If-Match' }, weak: etag.trim().startsWith('W/') });
  const modified = headerValue(exchange.response.headers, 'last-modified');
  if (modified) add({ value: modified.trim(), location: { kind: 'header', name: 'If-Unmodified-Since' } });
  return tokens;
}

/** A write's answer is a representation when it repeats most of what was written. */
function looksLikeRepresentation(responseBody: unknown, requestBody: unknown): boolean {
  if (!isObject(responseBody) || !isObject(requestBody)) return false;
  const written = Object.keys(requestBody);
  if (written.length === 0) return false;
  const repeated = written.filter((k) => k in responseBody).length;
  return repeated * 2 >= written.length;
}

/**
 * The written body as the server now holds it: a version field the body carried (CouchDB's
 * `_rev`) takes the value the answer gave, so a request variable read from this snapshot
 * names the new version. Fields the body did not carry are not added.
 */
function withNewTokens(written: string, tokens: readonly VersionToken[]): string {
  const value = parseJson(written);
  let text = written;
  for (const token of tokens) {
    if (token.location.kind !== 'body' || valueAt(value, token.location.path) === undefined) continue;
    text = setJsonValue(text, token.location.path, token.value);
  }
  return text;
}

export function captureSnapshot(exchange: Exchange, options: CaptureOptions = {}): Snapshot | undefined {
  const { request, response } = exchange;
  if (!isSuccess(response.status) || response.truncated) return undefined;
  const method = request.method.toUpperCase();
  const tokens = readAllTokens(
    exchange,
    options.dialects ?? registeredDialects,
    options.conflictOptions ?? defaultConflictOptions,
  );
  const contentType = headerValue(response.headers, 'content-type');
  let bodyText: string | undefined;
  let bodyType = contentType;
  if (method === 'GET') bodyText = responseText(response);
  else if (method === 'PUT' || method === 'POST' || method === 'PATCH') {
    const written = requestBodyText(exchange);
    const answer = responseText(response);
    // responseJson: the parse the dialects' readTokens just made of this response, cached.
    if (looksLikeRepresentation(responseJson(response), parseJson(written))) bodyText = answer;
    else if (tokens.length > 0 && method !== 'PATCH' && written !== undefined) {
      // A PATCH body is a change, not the resource: it cannot serve as a base.
      bodyText = withNewTokens(written, tokens);
      bodyType = headerValue(request.headers, 'content-type') ?? contentType;
    }
  }
  if (bodyText === undefined || bodyText.length > (options.maxBodyChars ?? defaultMaxBodyChars)) return undefined;
  return {
    url: resourceKey(request.url),
    status: response.status,
    tokens,
    bodyText,
    contentType: bodyType,
    time: (options.now?.() ?? new Date()).toISOString(),
  };
}

/** Records the exchange when it is worth keeping; answers whether it was. */
export async function recordExchange(
  store: SnapshotStore,
  exchange: Exchange,
  options: CaptureOptions = {},
): Promise<boolean> {
  const snapshot = captureSnapshot(exchange, options);
  if (!snapshot) return false;
  await store.record(snapshot);
  return true;
}
