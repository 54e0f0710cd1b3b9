// Secrets never reach logs, the panel's request view, snapshots or error messages in clear
// text. Header names and query parameters that carry credentials are recognised by name;
// values the caller knows are secret (private env files, prompts) are replaced wherever
// they appear.
import type { HeaderList } from './http-headers';

export const redacted = '•••';

const credentialHeader =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token|x-access-token|x-csrf-token|.*-authorization|.*-token|.*-secret|.*-api-key)$/i;
// OAuth (access/id/refresh tokens, authorization codes), API keys, and the signatures and
// session tokens of pre-signed URLs (AWS SigV4, Google, Azure SAS `sig`).
const credentialParam =
  /^(access_token|id_token|refresh_token|token|api_key|apikey|key|secret|client_secret|password|sig|signature|code|x-amz-signature|x-amz-security-token|x-amz-credential|x-goog-signature|x-goog-credential)$/i;

// IANA's HTTP Authentication Scheme registry, plus the common unregistered ones.
const authSchemes = new Set([
  'basic',
  'bearer',
  'digest',
  'dpop',
  'gnap',
  'hoba',
  'mutual',
  'negotiate',
  'ntlm',
  'oauth',
  'privatetoken',
  'scram-sha-1',
  'scram-sha-256',
  'vapid',
  'token',
  'bot',
  'apikey',
  'aws4-hmac-sha256',
  'hawk',
  'mac',
  'sharedkey',
  'sharedkeylite',
  'sso-key',
  'splunk',
  'key',
]);

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

/**
 * Userinfo and token-like parameters (in the query and in a `#access_token=…` fragment) are
 * masked in the text as written, without parsing and serialising it again: a re-encoded URL
 * (`PRIV/+=x` → `PRIV%2F+%3Dx`) would no longer contain the secret value it must mask.
 */
export function redactUrl(url: string, secrets: readonly string[] = []): string {
  // Every userinfo, not only the leading URL's: a URL nested in the query (`?next=https://u:pw@…`)
  // carries its own.
  const withoutUserinfo = redactText(url, secrets).replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/gi, `$1${redacted}@`);
  const masked = withoutUserinfo.replace(/([?&#;])([^=&#;]*)=([^&#;]*)/g, (whole, separator: string, name: string) =>
    credentialParam.test(decodedName(name)) ? `${separator}${name}=${redacted}` : whole,
  );
  return redactText(masked, secrets);
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).trim();
  } catch {
    return name;
  }
}

/** Every URL inside free text (a notice, a message, a header value) passed through redactUrl. */
export function redactUrlsInText(text: string, secrets: readonly string[] = []): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi, (url) => redactUrl(url, secrets));
}

/**
 * The forms a secret takes on its way out: as written, percent-encoded (a path or query),
 * form-encoded (where `+` was read as a space, and written back as one), and JSON-escaped.
 */
function secretForms(secret: string): string[] {
  const forms = new Set([secret]);
  const add = (make: () => string) => {
    try {
      forms.add(make());
    } catch {
      /* a lone surrogate cannot be percent-encoded: nothing to add */
    }
  };
  add(() => encodeURIComponent(secret));
  add(() => encodeURI(secret));
  add(() => new URLSearchParams([['x', secret]]).toString().slice(2));
  add(() => new URLSearchParams([['x', secret.replace(/\+/g, ' ')]]).toString().slice(2));
  add(() => JSON.stringify(secret).slice(1, -1));
  return [...forms];
}

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  const forms = secrets.filter((s) => s.length >= 4).flatMap(secretForms);
  // Longest first, so a secret that contains another is replaced whole.
  for (const secret of [...new Set(forms)].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(redacted);
  }
  return out;
}
