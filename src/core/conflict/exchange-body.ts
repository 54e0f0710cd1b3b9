// Reads request and response bodies as text and JSON for detection. Every dialect asks the
// same questions of the same exchange, so parsed responses are cached per response object.
import type { HttpResponse, OutgoingRequest } from '../send/send-model';
import { responseText } from '../send/response-text';
import type { Exchange } from './conflict-model';

export { responseText };

const jsonCache = new WeakMap<object, { value: unknown }>();

/** JSON.parse that answers undefined instead of throwing: conflict bodies are often not JSON. */
export function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

export function responseJson(response: HttpResponse): unknown {
  let cached = jsonCache.get(response);
  if (!cached) {
    cached = { value: parseJson(responseText(response)) };
    jsonCache.set(response, cached);
  }
  return cached.value;
}

export function requestText(request: OutgoingRequest, fallback?: string): string | undefined {
  if (fallback !== undefined) return fallback;
  const body = request.body;
  if (!body) return undefined;
  if (body.kind === 'text') return body.text;
  if (body.kind === 'bytes') return new TextDecoder('utf-8').decode(body.bytes);
  return undefined;
}

export function requestBodyText(exchange: Exchange): string | undefined {
  return requestText(exchange.request, exchange.requestBodyText);
}

export function requestJson(exchange: Exchange): unknown {
  return parseJson(requestBodyText(exchange));
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function responseObject(exchange: Exchange): Record<string, unknown> | undefined {
  const value = responseJson(exchange.response);
  return isObject(value) ? value : undefined;
}

export function requestObject(exchange: Exchange): Record<string, unknown> | undefined {
  const value = requestJson(exchange);
  return isObject(value) ? value : undefined;
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
