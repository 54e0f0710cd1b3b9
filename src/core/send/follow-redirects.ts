// Decides what one redirect turns into. We follow redirects ourselves instead of using
// undici's redirect interceptor, because that one forwards custom credential headers such
// as X-Api-Key to another origin (undici #4917, security.md §4.5).
import { redactUrl } from '../redact';
import type { HeaderList, OutgoingBody } from './send-model';

export interface Hop {
  readonly method: string;
  readonly url: URL;
  readonly headers: HeaderList;
  readonly body?: OutgoingBody;
}

export type RedirectPlan =
  | { readonly kind: 'follow'; readonly hop: Hop; readonly droppedHeaders: readonly string[] }
  | {
      readonly kind: 'fail';
      readonly code: 'redirect-loop' | 'too-many-redirects' | 'invalid-url' | 'redirect-refused';
      readonly message: string;
    };

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

export function isFollowableRedirect(status: number, location: string | undefined): location is string {
  return redirectStatuses.has(status) && location !== undefined && location.trim() !== '';
}

const alwaysCredentials = new Set(['authorization', 'proxy-authorization', 'cookie']);
const credentialWords = /auth|token|secret|key|passw|session|credential|cookie|signature|jwt|bearer/i;

/** Header names that carry, or look like they carry, credentials (`X-Api-Key`, `X-Auth-Token`…). */
export function looksLikeCredentialHeader(name: string): boolean {
  return alwaysCredentials.has(name.toLowerCase()) || credentialWords.test(name);
}

const bodyHeaders = new Set([
  'content-length',
  'content-type',
  'content-encoding',
  'content-language',
  'content-location',
  'transfer-encoding',
]);

/** `method url`, so a 303 from PUT /doc to GET /doc is a new step and not a loop. */
export function hopKey(method: string, url: URL): string {
  return `${method.toUpperCase()} ${url.href}`;
}

export interface RedirectState {
  readonly visited: ReadonlySet<string>;
  readonly followed: number;
  readonly maxRedirects: number;
  /**
   * Values from secret sources (private env files, prompts, Basic credentials): whatever a
   * header is called, one holding such a value is not forwarded to another origin, and a
   * body holding one is not re-sent there.
   */
  readonly secrets?: readonly string[];
}

/** Secrets shorter than this are not searched for: they would match ordinary text. */
const minSecretLength = 4;

function carriesSecret(text: string, secrets: readonly string[]): boolean {
  return secrets.some((s) => s.length >= minSecretLength && text.includes(s));
}

function bodyText(body: OutgoingBody | undefined): string | undefined {
  if (!body) return undefined;
  if (body.kind === 'text') return body.text;
  if (body.kind === 'bytes') return new TextDecoder('utf-8', { fatal: false }).decode(body.bytes);
  return undefined; // a streamed file: its content is the user's file, not a secret source
}

export function planRedirect(current: Hop, status: number, location: string, state: RedirectState): RedirectPlan {
  let next: URL;
  try {
    next = new URL(location, current.url);
  } catch {
    return {
      kind: 'fail',
      code: 'invalid-url',
      message: `The server redirected to "${redactUrl(location)}", which is not a valid URL.`,
    };
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    return {
      kind: 'fail',
      code: 'invalid-url',
      message: `The server redirected to ${next.protocol} URL, which cannot be followed. Only http and https are supported.`,
    };
  }
  if (state.followed >= state.maxRedirects) {
    return {
      kind: 'fail',
      code: 'too-many-redirects',
      message: `Stopped after ${state.maxRedirects} redirects; the next one went to ${redactUrl(next.href)}. The server may be misconfigured.`,
    };
  }
  const becomesGet = (status === 301 || status === 302 || status === 303) && current.method.toUpperCase() !== 'HEAD';
  const method = becomesGet ? 'GET' : current.method;
  if (state.visited.has(hopKey(method, next))) {
    return {
      kind: 'fail',
      code: 'redirect-loop',
      message: `The server redirects in a loop: ${redactUrl(next.href)} was already visited.`,
    };
  }
  const crossOrigin = next.origin !== current.url.origin;
  const secrets = state.secrets ?? [];
  if (crossOrigin && !becomesGet) {
    const text = bodyText(current.body);
    if (text !== undefined && carriesSecret(text, secrets)) {
      return {
        kind: 'fail',
        code: 'redirect-refused',
        message: `The server redirected this ${current.method.toUpperCase()} to ${next.origin}, another origin; its body carries a value from your private environment, so it was not re-sent there. Send it to ${redactUrl(next.href, secrets)} yourself if you trust that origin.`,
      };
    }
  }
  const droppedHeaders: string[] = [];
  const headers = current.headers.filter(([name, value]) => {
    const lower = name.toLowerCase();
    if (becomesGet && bodyHeaders.has(lower)) return false;
    if (crossOrigin && lower === 'host') return false;
    if (crossOrigin && (looksLikeCredentialHeader(name) || carriesSecret(value, secrets))) {
      droppedHeaders.push(name);
      return false;
    }
    return true;
  });
  const body = becomesGet ? undefined : current.body;
  return { kind: 'follow', hop: { method, url: next, headers, ...(body ? { body } : {}) }, droppedHeaders };
}

export function droppedHeadersNotice(dropped: readonly string[], target: URL): string {
  return `Not sent to ${target.origin} after the redirect, because it is another origin: ${dropped.join(', ')}`;
}
