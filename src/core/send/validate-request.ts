// Checks that happen before any network: a request that cannot be sent as written fails
// here with a clear message instead of somewhere inside undici.
import { redactUrl } from '../redact';
import type { OutgoingRequest, SendFailure } from './send-model';

const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const forbiddenInValue = /[\r\n\0]/;

export type ValidatedRequest =
  { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly failure: SendFailure };

function rejected(code: SendFailure['code'], message: string): ValidatedRequest {
  return { ok: false, failure: { code, phase: 'prepare', message, mayHaveReachedServer: false } };
}

export function validateRequest(request: OutgoingRequest): ValidatedRequest {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return rejected(
      'invalid-url',
      `"${redactUrl(request.url)}" is not a valid URL. A full URL starts with http:// or https://.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return rejected(
      'invalid-url',
      `Only http:// and https:// URLs can be sent; this one starts with ${url.protocol}//.`,
    );
  }
  if (!headerName.test(request.method)) {
    return rejected('protocol', `"${request.method}" is not a valid HTTP method.`);
  }
  for (const [name, value] of request.headers) {
    if (!headerName.test(name)) return rejected('protocol', `"${name}" is not a valid header name.`);
    // A line break in a value would let it inject extra headers (often from a variable).
    if (forbiddenInValue.test(value))
      return rejected('protocol', `The value of header ${name} contains a line break, which cannot be sent.`);
  }
  return { ok: true, url };
}
