// The conflict engine's contract: what a dialect is, what a version token is, and the
// report the panel, the editor and the CLI show for a 409/412/428. Data only, no I/O.
import type { JsonPath } from '../merge/merge-model';
import type { HttpResponse, OutgoingRequest } from '../send/send-model';

/** Where a version token travels in a write request. */
export type TokenLocation =
  | { readonly kind: 'header'; readonly name: string }
  | { readonly kind: 'body'; readonly path: JsonPath }
  | { readonly kind: 'query'; readonly name: string };

export interface VersionToken {
  /** Exactly as it goes on the wire (`"v6"`, `W/"v6"`, `2-9f1c…`) or as a JSON number for body fields. */
  readonly value: string | number;
  /** Where this token goes in a write request (If-Match, `_rev`, `if_seq_no`, …). */
  readonly location: TokenLocation;
  /** A weak ETag (`W/"…"`): If-Match compares strongly, so it can never match. */
  readonly weak?: boolean;
}

/** Plain-words sentences the panel shows under "how we recognised this". */
export type Evidence = readonly string[];

export interface Exchange {
  readonly request: OutgoingRequest;
  /** The request body as text when it was not a text body (bytes decoded, stream read by the caller). */
  readonly requestBodyText?: string;
  readonly response: HttpResponse;
}

export type ConflictKind = 'version-conflict' | 'precondition-required' | 'not-a-version-conflict';

export interface Recognition {
  /** 0..1: how sure the dialect is that this exchange is its kind of conflict. */
  readonly confidence: number;
  readonly evidence: Evidence;
  /** A dialect may recognise its own protocol's non-version 409 (Kubernetes AlreadyExists, …). */
  readonly kind?: ConflictKind;
}

/** One change to the resend: set this location to this value (or remove it). */
export interface TokenUpdate {
  readonly location: TokenLocation;
  readonly value: string | number;
  readonly weak?: boolean;
  /** Remove the header / parameter / field instead (a stale precondition that would win). */
  readonly remove?: true;
}

export interface ConflictOptions {
  /** Top-level JSON fields that hold a version in bodies (`version`, `_version`, `rev`, `etag`). */
  readonly versionFields: readonly string[];
  /**
   * JSON pointers of fields the server sets on every write (the `httpConflicts.serverManagedFields`
   * setting), beside those a dialect names; `*` matches within a segment (`/odata.*`).
   */
  readonly serverManagedFields?: readonly string[];
}

export const defaultConflictOptions: ConflictOptions = {
  versionFields: ['version', '_version', 'rev', 'etag'],
};

/**
 * A document embedded in the body in encoded form (GitHub's base64 `content`): the rebase
 * merges the decoded documents, because merging two base64 strings can only ever conflict.
 */
export interface EmbeddedContent {
  readonly path: JsonPath;
  decode(encoded: string): string;
  encode(text: string): string;
  /** Content type of the decoded document, guessed from the request (file extension). */
  contentType(request: OutgoingRequest): string | undefined;
}

export interface Dialect {
  readonly id: string;
  readonly label: string;
  /** Does this conflict response (409/412/428/…) speak this dialect, and on what evidence? */
  recognise(exchange: Exchange, options: ConflictOptions): Recognition | undefined;
  /** Tokens the failed request carried, located where the request put them. */
  staleTokens(exchange: Exchange, options: ConflictOptions): readonly VersionToken[];
  /** Tokens the conflict response says are current, when it says so. */
  currentTokens(exchange: Exchange, options: ConflictOptions): readonly VersionToken[];
  /** Tokens in a successful read/write response (and its request), located where a write sends them. */
  readTokens(exchange: Exchange, options: ConflictOptions): readonly VersionToken[];
  /** The GET that fetches the current version of what the failed request wrote. */
  planRefetch(exchange: Exchange): OutgoingRequest;
  /** Where the fresh token goes in this request; empty when this request does not use it. */
  applyToken(request: OutgoingRequest, token: VersionToken, options: ConflictOptions, requestBodyText?: string): readonly TokenUpdate[];
  /** Body fields holding the token: the merge always takes the current value there. */
  versionPaths(options: ConflictOptions): readonly JsonPath[];
  /**
   * Fields this protocol's server sets on every write (JSON pointers, `*` within a segment),
   * when the current version shows it speaks the protocol: for a full document they take the
   * current value, are never a conflict, and are never added to a body that left them out.
   */
  serverManagedPaths?(current: Exchange): readonly string[];
  /** The part of a stored/refetched body that the user's write body corresponds to (ES `_source`). */
  documentText?(bodyText: string): string | undefined;
  readonly embeddedContent?: EmbeddedContent;
}

export interface ConflictReport {
  readonly kind: ConflictKind;
  readonly status: number;
  readonly dialectId: string;
  readonly dialectLabel: string;
  readonly confidence: number;
  readonly evidence: Evidence;
  /** The token the failed request sent (the first one for multi-part tokens such as ES). */
  readonly staleToken?: VersionToken;
  /** The current token, when the conflict response says it. */
  readonly currentToken?: VersionToken;
  readonly staleTokens: readonly VersionToken[];
  readonly currentTokens: readonly VersionToken[];
  /** The server's own words: problem+json title/detail, `error.message`, `reason`, … */
  readonly serverMessage?: string;
  /** One plain sentence for the banner. */
  readonly summary: string;
}

/** The id used when a conflict status came back without evidence any dialect recognises. */
export const unknownDialect = { id: 'unknown', label: 'Unknown (no version evidence)' } as const;
