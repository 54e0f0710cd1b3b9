// The sender's contract: a fully resolved request goes in, a response or a typed failure
// comes out. Callers branch on `failure.code`, never on message text.
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';

import type { HeaderList } from '../http-headers';

export type { HeaderList } from '../http-headers';
export { headerValue } from '../http-headers';

export type OutgoingBody =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  /** Files and multipart parts are streamed, never read whole into memory. */
  | { readonly kind: 'stream'; readonly open: () => Readable; readonly length?: number };

/** A request with every variable resolved: exactly what goes on the wire. */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderList;
  readonly body?: OutgoingBody;
}

export interface TlsOptions {
  /** PEM text of extra certificate authorities. */
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly passphrase?: string;
  /** false = accept any certificate; the response then carries a visible warning. */
  readonly verify: boolean;
}

export interface SendOptions {
  readonly connectTimeoutMs: number;
  /** Time allowed until response headers arrive. */
  readonly headersTimeoutMs: number;
  /** Longest silence allowed while the body is arriving. */
  readonly bodyTimeoutMs: number;
  /** Overall deadline for the whole exchange, redirects included (0 = none). */
  readonly totalTimeoutMs: number;
  readonly followRedirects: boolean;
  readonly maxRedirects: number;
  /** Decoded bytes kept; the rest is dropped and the response marked truncated. */
  readonly maxBodyBytes: number;
  /** `http://host:port`; undefined = read HTTP(S)_PROXY / NO_PROXY from `env`. */
  readonly proxy?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly tls: TlsOptions;
  readonly signal?: AbortSignal;
  /** Injected for tests and for sharing keep-alive connections; never the global one. */
  readonly dispatcher?: Dispatcher;
}

export const defaultSendOptions: SendOptions = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  totalTimeoutMs: 120_000,
  followRedirects: true,
  maxRedirects: 10,
  maxBodyBytes: 50 * 1024 * 1024,
  tls: { verify: true },
};

/**
 * Milliseconds per phase; a phase that did not happen on this attempt (reused connection) is
 * 0. A phase the exchange can never have is absent: no `tls` for plain http://, no `dns` for
 * an IP address, so no view shows "TLS 0 ms" for a request that never spoke TLS.
 */
export interface Timings {
  readonly dns?: number;
  readonly connect: number;
  readonly tls?: number;
  readonly firstByte: number;
  readonly download: number;
  readonly total: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly httpVersion: string;
  /** Raw header pairs in arrival order; names as sent by the server. */
  readonly headers: HeaderList;
  /** Decoded body bytes (after gzip/br/deflate), at most `maxBodyBytes`. */
  readonly body: Uint8Array;
  /** True when the body was cut at `maxBodyBytes`; `notices` says so in words. */
  readonly truncated: boolean;
  /** Bytes received on the wire (before decoding). */
  readonly wireBytes: number;
  readonly timings: Timings;
  /** The URL that produced this response, after redirects. */
  readonly url: string;
  /** Each redirect followed, in order. */
  readonly redirects: readonly string[];
  /** Things the user should see: truncation, TLS verification off, headers dropped on redirect. */
  readonly notices: readonly string[];
}

export type FailureCode =
  | 'invalid-url'
  | 'dns'
  | 'refused'
  | 'reset'
  | 'timeout'
  | 'tls'
  | 'aborted'
  | 'redirect-loop'
  | 'too-many-redirects'
  /** A redirect to another origin would have carried a secret in the request body. */
  | 'redirect-refused'
  | 'decode'
  | 'protocol'
  | 'proxy'
  | 'body-source'
  | 'unknown';

export type FailurePhase = 'prepare' | 'connect' | 'request' | 'headers' | 'body';

export interface SendFailure {
  readonly code: FailureCode;
  readonly phase: FailurePhase;
  /** Plain words: what happened, what it means, what to do next. */
  readonly message: string;
  /** The underlying error's code (e.g. undici's `UND_ERR_SOCKET`), for the log. */
  readonly cause?: string;
  /** For a write that failed after it may have reached the server: outcome unknown. */
  readonly mayHaveReachedServer: boolean;
  readonly timings?: Partial<Timings>;
}

export type SendResult =
  { readonly ok: true; readonly response: HttpResponse } | { readonly ok: false; readonly failure: SendFailure };
