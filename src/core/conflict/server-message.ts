// The server's own words from an error body. Common shapes, most specific first: RFC 9457
// problem+json, `{"error":{"message"|"reason"}}` (Google, OData, Elasticsearch),
// `{"error":"…","reason":"…"}` (CouchDB), `{"message"}` (GitHub, Kubernetes Status).
import { isObject, responseObject, responseText } from './exchange-body';
import type { Exchange } from './conflict-model';

const maxLength = 500;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function join(first: string | undefined, second: string | undefined): string | undefined {
  if (first && second) return second.includes(first) ? second : `${first}: ${second}`;
  return first ?? second;
}

function fromObject(body: Record<string, unknown>): string | undefined {
  const problem = join(text(body.title), text(body.detail));
  if (problem) return problem;
  // A Kubernetes Status's `reason` is a one-word code; its `message` is the sentence.
  if (body.kind === 'Status' && text(body.message)) return text(body.message);
  const error = body.error;
  if (isObject(error)) {
    const nested = text(error.reason) ?? text(error.message) ?? text(error.detail) ?? text(error.title);
    if (nested) return nested;
  }
  if (text(body.reason)) return text(body.reason);
  if (text(body.message)) return text(body.message);
  if (text(error)) return text(error);
  return fromErrorList(body.errors);
}

/** GraphQL `errors[0].message` (with `extensions.code`), JSON:API `errors[0].detail` / `title` (with `code`). */
function fromErrorList(errors: unknown): string | undefined {
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  if (!isObject(first)) return undefined;
  const words = text(first.message) ?? join(text(first.title), text(first.detail));
  const code = text(isObject(first.extensions) ? first.extensions.code : undefined) ?? text(first.code);
  return words && code && !words.includes(code) ? `${code}: ${words}` : (words ?? code);
}

function clip(message: string): string {
  return message.length > maxLength ? `${message.slice(0, maxLength)}…` : message;
}

/** Undefined when the body is empty; the first few hundred characters when it is not JSON. */
export function serverMessage(exchange: Exchange): string | undefined {
  const body = responseObject(exchange);
  if (body) {
    const found = fromObject(body);
    return found ? clip(found) : undefined;
  }
  const raw = responseText(exchange.response).trim();
  if (raw === '' || raw.startsWith('<')) return undefined;
  return clip(raw);
}
