// The default refetch: GET the same resource with the same credentials. Headers are copied
// by exclusion rather than by an allow-list of auth names, because APIs authenticate with
// headers of every name (X-Api-Key, Ocp-Apim-Subscription-Key, …) and the GET goes to the
// very origin the write went to.
import type { OutgoingRequest } from '../send/send-model';
import { removeHeaders, removeQueryParams } from './token-placement';

const notForARead = [
  'content-type',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'content-md5',
  'if-match',
  'if-none-match',
  'if-unmodified-since',
  'if-modified-since',
  'if-range',
  'expect',
  'host',
  'connection',
  'x-http-method-override',
];

export function refetchRequest(
  request: OutgoingRequest,
  options: { url?: string; dropQuery?: readonly string[] } = {},
): OutgoingRequest {
  const url = options.url ?? removeQueryParams(request.url, options.dropQuery ?? []);
  return { method: 'GET', url, headers: removeHeaders(request.headers, notForARead) };
}
