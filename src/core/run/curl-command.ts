// "Copy Request as cURL": the request as a shell command someone can paste. Secrets are
// redacted unless the user explicitly asks for them.
import { redactHeaders, redactText, redactUrl } from '../redact';
import type { OutgoingRequest } from '../send/send-model';

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(
  request: OutgoingRequest,
  options: { readonly secrets: readonly string[]; readonly redact: boolean },
): string {
  const headers = options.redact ? redactHeaders(request.headers, options.secrets) : request.headers;
  const url = options.redact ? redactUrl(request.url, options.secrets) : request.url;
  const parts = [
    request.method !== 'GET' || request.body ? `curl -X ${request.method} ${quote(url)}` : `curl ${quote(url)}`,
  ];
  for (const [name, value] of headers) parts.push(`-H ${quote(`${name}: ${value}`)}`);
  if (request.body?.kind === 'text') {
    const body = options.redact ? redactText(request.body.text, options.secrets) : request.body.text;
    parts.push(`--data-raw ${quote(body)}`);
  } else if (request.body) {
    parts.push(`--data-binary ${quote('@<file or stream from the .http file>')}`);
  }
  return parts.join(' \\\n  ');
}
