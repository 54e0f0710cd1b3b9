// REST Client's Authorization shorthands: `Basic user:pass` and `Basic user pass` are sent as
// `Basic base64(user:pass)`; `Digest user pass` asks for digest authentication, which we do
// not do yet — and sending it as written would put the password on the wire in clear, so the
// request is not sent and the user is told why.

export type AuthorizationValue =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'basic'; readonly value: string; readonly secrets: readonly string[] }
  | { readonly kind: 'digest-unsupported'; readonly message: string };

/** The Authorization header value (variables already resolved) as it should be sent. */
export function expandAuthorization(value: string): AuthorizationValue {
  const match = /^\s*(basic|digest)\s+(.*?)\s*$/i.exec(value);
  if (match === null) return { kind: 'unchanged' };
  const scheme = match[1].toLowerCase();
  const credentials = match[2];
  const pair = /^(\S+)\s+(.+)$/.exec(credentials);
  if (scheme === 'digest') {
    if (pair === null) return { kind: 'unchanged' };
    return {
      kind: 'digest-unsupported',
      message:
        'Digest authentication (`Authorization: Digest user password`) is not supported yet, so the request was not sent: written as it is, the password would go to the server in clear. Use Basic over HTTPS or a token instead.',
    };
  }
  let user: string;
  let password: string;
  if (pair !== null) {
    [user, password] = [pair[1], pair[2]];
  } else if (credentials.includes(':')) {
    const colon = credentials.indexOf(':');
    [user, password] = [credentials.slice(0, colon), credentials.slice(colon + 1)];
  } else {
    // Already `Basic <base64>`: a token has neither a space nor a colon.
    return { kind: 'unchanged' };
  }
  const token = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
  return { kind: 'basic', value: `Basic ${token}`, secrets: password === '' ? [token] : [token, password] };
}
