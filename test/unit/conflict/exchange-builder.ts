// Builds exchanges the way the sender hands them over, so classification tests read like the
// wire: a request line, headers, a body, and the server's status, headers and body.
import type { Exchange } from '../../../src/core/conflict/conflict-model';
import type { HeaderList, HttpResponse, OutgoingRequest } from '../../../src/core/send/send-model';

export interface ResponseSpec {
  readonly status: number;
  readonly statusText?: string;
  readonly headers?: HeaderList;
  readonly body?: string | object;
}

export function httpResponse(spec: ResponseSpec, url = 'http://127.0.0.1/'): HttpResponse {
  const text = spec.body === undefined ? '' : typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
  const body = new TextEncoder().encode(text);
  const headers: HeaderList =
    spec.headers ?? (typeof spec.body === 'object' ? [['Content-Type', 'application/json']] : []);
  return {
    status: spec.status,
    statusText: spec.statusText ?? '',
    httpVersion: '1.1',
    headers,
    body,
    truncated: false,
    wireBytes: body.length,
    timings: { dns: 0, connect: 0, tls: 0, firstByte: 0, download: 0, total: 0 },
    url,
    redirects: [],
    notices: [],
  };
}

export function outgoing(
  method: string,
  url: string,
  headers: HeaderList = [],
  body?: string | object,
): OutgoingRequest {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  return { method, url, headers, body: text === undefined ? undefined : { kind: 'text', text } };
}

export function exchange(request: OutgoingRequest, response: ResponseSpec): Exchange {
  return { request, response: httpResponse(response, request.url) };
}
