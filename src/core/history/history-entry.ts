// One response the editor received, as the history keeps it: the request as sent with its
// secrets redacted (URL tokens and userinfo, credential headers, secret values and
// credential fields in the body), the response's status, headers and body (up to a size
// limit, past which only a digest and why are kept), the timings and when. Nothing here is
// ever executed: bodies are data.
import { randomBytes } from 'node:crypto';
import type { HeaderList } from '../http-headers';
import { redactHeaders, redactText, redactUrl } from '../redact';
import type { Timings } from '../send/send-model';
import { formatSize, keptBodyText } from './baseline-record';
import { digestInSlices } from './body-digest';
import type { ComparableResponse } from './response-changes';

export const historyFormat = 1;

/** Bodies up to this many bytes are kept (request and response each). */
export const defaultHistoryBodyLimit = 1024 * 1024;

export interface HistoryRequest {
  readonly method: string;
  /** Query secrets and userinfo masked. */
  readonly url: string;
  readonly headers: Array<[string, string]>;
  readonly body?: string;
  readonly bodyOmitted?: string;
}

export interface HistoryResponse extends ComparableResponse {
  readonly statusText: string;
  readonly httpVersion: string;
  readonly headers: Array<[string, string]>;
  readonly contentType?: string;
  readonly sizeBytes: number;
  readonly truncated: boolean;
}

/**
 * Who sent a request the user did not send by hand: the conflict flow's refetch of the current
 * version, or the lost-update probe. Real answers from the server, so kept and labelled.
 */
export type HistoryOrigin = 'refetch' | 'probe';

export function isHistoryOrigin(value: unknown): value is HistoryOrigin {
  return value === 'refetch' || value === 'probe';
}

export interface HistoryEntry {
  readonly format: typeof historyFormat;
  readonly id: string;
  /** ISO 8601: when the response arrived. */
  readonly time: string;
  /** The .http file it was sent from (workspace-relative when possible). */
  readonly file?: string;
  /** `# @name` or the `###` title (of the request whose conflict or probe sent it, for `by`). */
  readonly label?: string;
  /** Absent: the user's own Send. */
  readonly by?: HistoryOrigin;
  readonly request: HistoryRequest;
  readonly response: HistoryResponse;
  readonly timings: Readonly<Record<string, number>>;
  readonly durationMs: number;
}

export interface HistoryInput {
  readonly file?: string;
  readonly label?: string;
  readonly by?: HistoryOrigin;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: HeaderList;
    readonly bodyText?: string;
    readonly streamed?: boolean;
  };
  readonly response: {
    readonly status: number;
    readonly statusText: string;
    readonly httpVersion: string;
    readonly headers: HeaderList;
    readonly body: Uint8Array;
    readonly truncated: boolean;
    readonly timings: Partial<Timings>;
  };
  readonly time: Date;
}

// Form fields that carry credentials (a token request's client_secret, a login's password).
const credentialField =
  /^(password|passwd|client_secret|secret|access_token|refresh_token|id_token|token|api_?key|assertion|client_assertion|code|code_verifier)$/i;

function maskFormFields(text: string): string {
  return text.replace(/(^|&)([^=&]*)=([^&]*)/g, (whole, separator: string, name: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      /* kept as written */
    }
    return credentialField.test(decoded.trim()) ? `${separator}${name}=•••` : whole;
  });
}

function headerValue(headers: HeaderList, name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

function requestBody(
  input: HistoryInput['request'],
  secrets: readonly string[],
  limit: number,
): Pick<HistoryRequest, 'body' | 'bodyOmitted'> {
  if (input.bodyText === undefined) return input.streamed ? { bodyOmitted: 'the body was streamed from a file' } : {};
  const bytes = new TextEncoder().encode(input.bodyText);
  if (/application\/x-www-form-urlencoded/i.test(headerValue(input.headers, 'content-type') ?? '')) {
    if (bytes.length > limit)
      return {
        bodyOmitted: `the body is ${formatSize(bytes.length)}, over the ${formatSize(limit)} the history keeps`,
      };
    return { body: maskFormFields(redactText(input.bodyText, secrets)) };
  }
  const kept = keptBodyText(bytes, undefined, secrets, limit, 'the history');
  return kept.bodyOmitted ? { bodyOmitted: kept.bodyOmitted } : { body: kept.bodyText };
}

export function newHistoryId(time: Date): string {
  return `${time.getTime().toString(36)}-${randomBytes(5).toString('hex')}`;
}

export function isHistoryId(id: string): boolean {
  return /^[0-9a-z]{1,12}-[0-9a-f]{10}$/.test(id);
}

export function historyEntry(
  input: HistoryInput,
  secrets: readonly string[],
  bodyLimit = defaultHistoryBodyLimit,
  /** The response body's sha256, when the caller hashed it already (see `historyEntrySliced`). */
  bodyDigest?: string,
): HistoryEntry {
  const { response } = input;
  const body = keptBodyText(
    response.body,
    response.truncated ? 'the response size limit' : undefined,
    secrets,
    bodyLimit,
    'the history',
    bodyDigest,
  );
  const contentType = headerValue(response.headers, 'content-type');
  return {
    format: historyFormat,
    id: newHistoryId(input.time),
    time: input.time.toISOString(),
    ...(input.file !== undefined ? { file: input.file } : {}),
    ...(input.label !== undefined ? { label: redactText(input.label, secrets) } : {}),
    ...(input.by !== undefined ? { by: input.by } : {}),
    request: {
      method: input.request.method,
      url: redactUrl(input.request.url, secrets),
      headers: redactHeaders(input.request.headers, secrets),
      ...requestBody(input.request, secrets, bodyLimit),
    },
    response: {
      status: response.status,
      statusText: response.statusText,
      httpVersion: response.httpVersion,
      headers: redactHeaders(response.headers, secrets),
      ...(contentType ? { contentType } : {}),
      ...body,
      sizeBytes: response.body.length,
      truncated: response.truncated,
    },
    timings: Object.fromEntries(
      Object.entries(response.timings).filter((e): e is [string, number] => typeof e[1] === 'number'),
    ),
    durationMs: Math.round(response.timings.total ?? 0),
  };
}

/**
 * `historyEntry`, with the digest of a body it will not keep (over `bodyLimit`, or cut by the
 * sender) taken a slice at a time first, so a 10 MB body never holds the thread for its hash.
 */
export async function historyEntrySliced(
  input: HistoryInput,
  secrets: readonly string[],
  bodyLimit = defaultHistoryBodyLimit,
): Promise<HistoryEntry> {
  const { body, truncated } = input.response;
  const digest = truncated || body.length > bodyLimit ? await digestInSlices(body) : undefined;
  return historyEntry(input, secrets, bodyLimit, digest);
}

/** What groups entries: one request of one file (its name, or method and URL). */
export function requestKeyOf(entry: Pick<HistoryEntry, 'file' | 'label' | 'request'>): string {
  return `${entry.file ?? ''}\n${entry.label ?? `${entry.request.method} ${entry.request.url}`}`;
}

/** What "a read of a URL read before" means: the same method and (redacted) URL. */
export function resourceKeyOf(entry: Pick<HistoryEntry, 'request'>): string {
  return `${entry.request.method.toUpperCase()} ${entry.request.url}`;
}

function isStringPairs(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string')
  );
}

export function isHistoryEntry(value: unknown): value is HistoryEntry {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  const request = v.request as Record<string, unknown> | null | undefined;
  const response = v.response as Record<string, unknown> | null | undefined;
  return (
    v.format === historyFormat &&
    typeof v.id === 'string' &&
    isHistoryId(v.id) &&
    typeof v.time === 'string' &&
    (v.by === undefined || isHistoryOrigin(v.by)) &&
    typeof request === 'object' &&
    request !== null &&
    typeof request.method === 'string' &&
    typeof request.url === 'string' &&
    isStringPairs(request.headers) &&
    typeof response === 'object' &&
    response !== null &&
    typeof response.status === 'number' &&
    typeof response.bodyText === 'string' &&
    isStringPairs(response.headers)
  );
}
