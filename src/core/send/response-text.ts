// A response body as text, decoded by its charset, once per response object: the session
// (named results), the conflict dialects and the editor all ask for it.
import type { HttpResponse } from './send-model';
import { headerValue } from './send-model';

const textCache = new WeakMap<HttpResponse, string>();

function charsetOf(contentType: string | undefined): string {
  const match = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return match ? match[1].toLowerCase() : 'utf-8';
}

function decode(bytes: Uint8Array, contentType: string | undefined): string {
  try {
    return new TextDecoder(charsetOf(contentType)).decode(bytes);
  } catch {
    // An unknown charset label: UTF-8 is the best guess for API bodies.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

export function responseText(response: HttpResponse): string {
  let text = textCache.get(response);
  if (text === undefined) {
    text = decode(response.body, headerValue(response.headers, 'content-type'));
    textCache.set(response, text);
  }
  return text;
}
