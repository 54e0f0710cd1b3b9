// What a baseline keeps of one response: enough to say later what changed, nothing that
// could leak. Every string is masked with the run's secrets, credential headers are redacted,
// token-like JSON members (a login response's access_token) are masked, and cookies keep only
// their names. A body past the size limit or holding binary data is not kept: a digest stands
// in for it, and the comparison says so instead of comparing a cut body.
import { createHash } from 'node:crypto';
import type { HeaderList } from '../http-headers';
import { redacted, redactHeaders, redactText, redactUrl } from '../redact';
import type { ComparableResponse } from './response-changes';
import { isNoiseHeader } from './response-changes';

export const baselineFormat = 1;

/** Bodies up to this many bytes are kept and compared field by field. */
export const defaultBaselineBodyLimit = 1024 * 1024;

export interface BaselineRecord extends ComparableResponse {
  readonly format: typeof baselineFormat;
  readonly name: string;
  readonly method: string;
  /** Query secrets and userinfo masked. */
  readonly url: string;
  readonly headers: Array<[string, string]>;
  /** ISO 8601. */
  readonly time: string;
}

export interface BaselineInput {
  readonly name: string;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: HeaderList;
  readonly body: Uint8Array;
  /** True when the sender cut the body (--max-size). */
  readonly truncated: boolean;
  readonly time: Date;
}

// Members whose value is a credential wherever they appear in a JSON body.
const credentialMember =
  /^(access_?token|id_?token|refresh_?token|token|api_?key|apikey|secret|client_?secret|password|passwd|session_?token|private_?key)$/i;

function maskMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskMembers);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = credentialMember.test(k) && (typeof v === 'string' || typeof v === 'number') ? redacted : maskMembers(v);
    return out;
  }
  return value;
}

/** JSON bodies are kept pretty-printed (readable in a review of a committed baseline). */
function keptBody(text: string): string {
  if (!/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.stringify(maskMembers(JSON.parse(text)), null, 2);
  } catch {
    return text;
  }
}

export function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A body as a store keeps it: secrets masked, token-like JSON members masked (JSON then
 * pretty-printed), or — cut by the sender, over `limit`, or binary — not kept at all, with
 * why in words and a digest that still shows whether it changed. `keeper` names the store in
 * the message ("a baseline", "the history").
 */
export function keptBodyText(
  bytes: Uint8Array,
  /** Set when the sender cut the body: the limit that cut it, in words (`--max-size`). */
  cutBy: string | undefined,
  secrets: readonly string[],
  limit: number,
  keeper: string,
  /** The body's sha256 when the caller already has it (History hashes a big body in slices). */
  digest?: string,
): { readonly bodyText: string; readonly bodyOmitted?: string; readonly bodyDigest?: string } {
  let bodyOmitted: string | undefined;
  if (cutBy) bodyOmitted = `the response body was cut at ${formatSize(bytes.length)} (${cutBy})`;
  else if (bytes.length > limit)
    bodyOmitted = `the body is ${formatSize(bytes.length)}, over the ${formatSize(limit)} ${keeper} keeps`;
  else if (bytes.indexOf(0) !== -1) bodyOmitted = `the body is binary (${formatSize(bytes.length)})`;
  if (bodyOmitted)
    return { bodyText: '', bodyOmitted, bodyDigest: digest ?? createHash('sha256').update(bytes).digest('hex') };
  return { bodyText: keptBody(redactText(new TextDecoder('utf-8', { fatal: false }).decode(bytes), secrets)) };
}

function keptHeaders(headers: HeaderList, secrets: readonly string[]): Array<[string, string]> {
  const cookies = headers
    .filter(([n]) => n.toLowerCase() === 'set-cookie')
    .map(([n, v]): [string, string] => [n, `${redactText(v.split('=')[0].trim(), secrets)}=${redacted}`]);
  const rest = headers.filter(([n]) => n.toLowerCase() !== 'set-cookie' && !isNoiseHeader(n));
  return [...redactHeaders(rest, secrets), ...cookies];
}

export function baselineRecord(
  input: BaselineInput,
  secrets: readonly string[],
  bodyLimit = defaultBaselineBodyLimit,
): BaselineRecord {
  const kept = keptBodyText(input.body, input.truncated ? '--max-size' : undefined, secrets, bodyLimit, 'a baseline');
  return {
    format: baselineFormat,
    name: input.name,
    method: input.method,
    url: redactUrl(input.url, secrets),
    status: input.status,
    headers: keptHeaders(input.headers, secrets),
    bodyText: kept.bodyText,
    ...(kept.bodyOmitted ? { bodyOmitted: kept.bodyOmitted, bodyDigest: kept.bodyDigest } : {}),
    time: input.time.toISOString(),
  };
}

export function isBaselineRecord(value: unknown): value is BaselineRecord {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    v.format === baselineFormat &&
    typeof v.name === 'string' &&
    typeof v.status === 'number' &&
    typeof v.bodyText === 'string' &&
    Array.isArray(v.headers) &&
    v.headers.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string')
  );
}
