// Puts version tokens into a request as data edits: a header set, a query parameter set, a
// body field set. Each touches only its own spot, so the rest of the request stays as written.
import type { HeaderList, OutgoingRequest } from '../send/send-model';
import type { TokenLocation, TokenUpdate } from './conflict-model';
import { setTokenInOperations } from './json-patch-token';
import { jsonValueText, setJsonValue } from './json-text-edit';

export function setHeader(headers: HeaderList, name: string, value: string): HeaderList {
  const lower = name.toLowerCase();
  const out: Array<readonly [string, string]> = [];
  let replaced = false;
  for (const [n, v] of headers) {
    if (n.toLowerCase() !== lower) out.push([n, v]);
    else if (!replaced) {
      out.push([n, value]);
      replaced = true;
    }
  }
  if (!replaced) out.push([name, value]);
  return out;
}

export function removeHeaders(headers: HeaderList, names: readonly string[]): HeaderList {
  const lower = new Set(names.map((n) => n.toLowerCase()));
  return headers.filter(([n]) => !lower.has(n.toLowerCase()));
}

function splitUrl(url: string): { head: string; query: string; fragment: string } {
  const hash = url.indexOf('#');
  const fragment = hash >= 0 ? url.slice(hash) : '';
  const rest = hash >= 0 ? url.slice(0, hash) : url;
  const q = rest.indexOf('?');
  return q >= 0 ? { head: rest.slice(0, q), query: rest.slice(q + 1), fragment } : { head: rest, query: '', fragment };
}

function paramName(part: string): string {
  const eq = part.indexOf('=');
  const raw = eq >= 0 ? part.slice(0, eq) : part;
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

export function queryParam(url: string, name: string): string | undefined {
  for (const part of splitUrl(url).query.split('&')) {
    if (part === '' || paramName(part) !== name) continue;
    const eq = part.indexOf('=');
    const raw = eq >= 0 ? part.slice(eq + 1) : '';
    try {
      return decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
      return raw;
    }
  }
  return undefined;
}

/** Replaces (or appends) one parameter; the other parameters keep their exact encoding. */
export function setQueryParam(url: string, name: string, value: string): string {
  const { head, query, fragment } = splitUrl(url);
  const encoded = `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  const parts = query === '' ? [] : query.split('&');
  let replaced = false;
  const out: string[] = [];
  for (const part of parts) {
    if (part !== '' && paramName(part) === name) {
      if (!replaced) out.push(encoded);
      replaced = true;
    } else out.push(part);
  }
  if (!replaced) out.push(encoded);
  return `${head}?${out.join('&')}${fragment}`;
}

export function removeQueryParams(url: string, names: readonly string[]): string {
  const { head, query, fragment } = splitUrl(url);
  const kept = query.split('&').filter((part) => part !== '' && !names.includes(paramName(part)));
  return `${head}${kept.length ? `?${kept.join('&')}` : ''}${fragment}`;
}

export function locationKey(location: TokenLocation): string {
  switch (location.kind) {
    case 'header':
      return `header:${location.name.toLowerCase()}`;
    case 'query':
      return `query:${location.name}`;
    case 'body':
      return `body:${JSON.stringify(location.path)}`;
  }
}

export function describeLocation(location: TokenLocation): string {
  switch (location.kind) {
    case 'header':
      return `the ${location.name} header`;
    case 'query':
      return `the ${location.name} query parameter`;
    case 'body':
      return `the body field ${location.path.join('.')}`;
  }
}

export interface PlacedRequest {
  readonly request: OutgoingRequest;
  /** The body text with body-located tokens written in (undefined when there is no body). */
  readonly bodyText?: string;
}

export interface PlaceOptions {
  /**
   * Resolves `{{…}}` in a piece of the body. When given, a body field written through a
   * placeholder that already resolves to the token keeps its placeholder: the user's
   * `"version": {{item.response.body.$.version}}` stays as written instead of turning literal.
   */
  readonly resolvePlaceholders?: (text: string) => string;
}

/** Does the placeholder text at the token's spot already say what the update would write? */
function placeholderSays(text: string, update: TokenUpdate, resolve: (text: string) => string): boolean {
  if (update.location.kind !== 'body') return false;
  const written = jsonValueText(text, update.location.path);
  if (written === undefined || !written.includes('{{')) return false;
  const resolved = resolve(written);
  if (resolved.includes('{{')) return false;
  try {
    return String(JSON.parse(resolved)) === String(update.value);
  } catch {
    return false;
  }
}

export function placeTokens(
  request: OutgoingRequest,
  bodyText: string | undefined,
  updates: readonly TokenUpdate[],
  options: PlaceOptions = {},
): PlacedRequest {
  let headers = request.headers;
  let url = request.url;
  let text = bodyText;
  for (const update of updates) {
    const { location } = update;
    if (update.remove) {
      if (location.kind === 'header') headers = removeHeaders(headers, [location.name]);
      else if (location.kind === 'query') url = removeQueryParams(url, [location.name]);
      else if (text !== undefined) text = setJsonValue(text, location.path, undefined);
    } else if (location.kind === 'header') headers = setHeader(headers, location.name, String(update.value));
    else if (location.kind === 'query') url = setQueryParam(url, location.name, String(update.value));
    else if (
      text !== undefined &&
      options.resolvePlaceholders &&
      placeholderSays(text, update, options.resolvePlaceholders)
    )
      continue;
    else
      text =
        (text !== undefined ? setTokenInOperations(text, location.path, update.value) : undefined) ??
        setJsonValue(text ?? '{}', location.path, update.value);
  }
  return { request: { ...request, url, headers }, bodyText: text };
}
