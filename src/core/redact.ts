// Secrets never reach logs, the panel's request view, snapshots or error messages in clear
// text. Header names and query parameters that carry credentials are recognised by name;
// values the caller knows are secret (private env files, prompts) are replaced wherever
// they appear.
import type { HeaderList } from './http-headers';

export const redacted = '•••';

const credentialHeader = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token|x-access-token|x-csrf-token|.*-token|.*-secret|.*-api-key)$/i;
const credentialParam = /^(access_token|token|api_key|apikey|key|secret|client_secret|password|sig|signature|code)$/i;

// IANA's HTTP Authentication Scheme registry, plus the common unregistered ones.
const authSchemes = new Set(['basic', 'bearer', 'digest', 'dpop', 'gnap', 'hoba', 'mutual', 'negotiate', 'ntlm', 'oauth', 'privatetoken', 'scram-sha-1', 'scram-sha-256', 'vapid', 'token', 'bot', 'apikey', 'aws4-hmac-sha256', 'hawk', 'mac', 'sharedkey', 'sharedkeylite', 'sso-key', 'splunk', 'key']);

export function isCredentialHeader(name: string): boolean {
  return credentialHeader.test(name.trim());
}

export function redactHeaders(headers: HeaderList, secrets: readonly string[] = []): Array<[string, string]> {
  return headers.map(([name, value]) => {
    if (!isCredentialHeader(name)) return [name, redactText(value, secrets)];
    // Keep the scheme ("Bearer", "Basic") so the user can tell which credential was sent —
    // only a registered scheme name, and only when no secret covers it: a secret with a space
    // in it ("tok1 tok2-secret") would otherwise keep its first word visible.
    const scheme = /^([\w-]+)\s+\S/.exec(value);
    const keep =
      scheme &&
      /^authorization$|^proxy-authorization$/i.test(name.trim()) &&
      authSchemes.has(scheme[1].toLowerCase()) &&
      redactText(value, secrets).startsWith(`${scheme[1]} `) &&
      !secrets.some((s) => s.length >= 4 && (s.includes(scheme[1]) || scheme[1].includes(s)));
    return [name, keep ? `${scheme[1]} ${redacted}` : redacted];
  });
}

export function redactUrl(url: string, secrets: readonly string[] = []): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactText(redactUnparsedUrl(url), secrets);
  }
  if (parsed.username || parsed.password) {
    parsed.username = parsed.username ? redacted : '';
    parsed.password = parsed.password ? redacted : '';
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (credentialParam.test(key)) parsed.searchParams.set(key, redacted);
  }
  return redactText(parsed.toString(), secrets);
}

/** For text the URL parser rejects (a space, a broken host): userinfo and token parameters by pattern. */
function redactUnparsedUrl(url: string): string {
  const withoutUserinfo = url.replace(/^(\s*[a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, `$1${redacted}@`);
  return withoutUserinfo.replace(/([?&])([^=&#]*)=([^&#]*)/g, (whole, separator: string, name: string) =>
    credentialParam.test(name) ? `${separator}${name}=${redacted}` : whole,
  );
}

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a secret that contains another is replaced whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) out = out.split(secret).join(redacted);
  }
  return out;
}
