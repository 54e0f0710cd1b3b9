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
  /** A weak ETag (`W/"…"`): If-Match compares strongly, so it can never match — unless `weakCompared` says otherwise. */
  readonly weak?: boolean;
  /**
   * Why a weak ETag may still go into If-Match here, in plain words: the protocol compares
   * weak tags (OData, Azure Table), or this server already accepted one.
   */
  readonly weakCompared?: string;
  /** Why a write sends this token rather than the obvious one (a Last-Modified date instead of a weak ETag, …). */
  readonly reason?: string;
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

/**
 * A conflict to retry or explain, never to merge, by case — each has its own view in the
 * panel and its own CLI exit code:
 * - `in-flight`: the same request is still being processed (Idempotency-Key 409, S3
 *   ConditionalRequestConflict, Shopify IDEMPOTENCY_CONCURRENT_REQUEST): send it again unchanged after a pause.
 * - `key-reused`: an Idempotency-Key came back with a different body (422): explain.
 * - `already-exists`: a create-only write (`If-None-Match: *`) met an existing resource.
 * - `stale-write`: the server named a stale or concurrent write in its own words (GraphQL
 *   `userErrors[].code` / `errors[].extensions.code`, Google `error.status` ABORTED /
 *   FAILED_PRECONDITION) where no version a rebase could use is identifiable: read again and redo.
 * - `own-write`: the refusal was the user's own earlier write meeting itself (found by the
 *   refetch, never by the classification).
 */
export type RetryCase = 'in-flight' | 'key-reused' | 'already-exists' | 'stale-write' | 'own-write';

export interface RetryAdvice {
  readonly case: RetryCase;
  /** The server's own code (`CHANGE_FROM_QUANTITY_STALE`, `ABORTED`, `ConditionalRequestConflict`). */
  readonly code?: string;
  /** Where that code was read (`data.inventorySetQuantities.userErrors[0].code`, `error.status`). */
  readonly source?: string;
  /** The server's message beside the code. */
  readonly message?: string;
  /** What can be done now, in plain words. */
  readonly advice: string;
}

export interface Recognition {
  /** 0..1: how sure the dialect is that this exchange is its kind of conflict. */
  readonly confidence: number;
  readonly evidence: Evidence;
  /** A dialect may recognise its own protocol's non-version 409 (Kubernetes AlreadyExists, …). */
  readonly kind?: ConflictKind;
  /** The banner sentence, when the dialect knows better words than the generic ones (retry, already exists). */
  readonly summary?: string;
  /** This conflict is to be retried or explained, not merged: which case, and what to do. */
  readonly retry?: RetryAdvice;
}

/** One change to the resend: set this location to this value (or remove it). */
export interface TokenUpdate {
  readonly location: TokenLocation;
  readonly value: string | number;
  readonly weak?: boolean;
  /** Remove the header / parameter / field instead (a stale precondition that would win). */
  readonly remove?: true;
  /** See `VersionToken.weakCompared`: a weak ETag that may be sent as it is. */
  readonly weakCompared?: string;
  /** Why the resend carries this precondition (shown beside it in the CLI and the panel). */
  readonly reason?: string;
}

export interface ConflictOptions {
  /** Top-level JSON fields that hold a version in bodies (`version`, `_version`, `rev`, `etag`). */
  readonly versionFields: readonly string[];
  /**
   * JSON pointers of fields the server sets on every write (the `httpConflicts.serverManagedFields`
   * setting), beside those a dialect names; `*` matches within a segment (`/odata.*`).
   */
  readonly serverManagedFields?: readonly string[];
  /**
   * Evidence from earlier exchanges: did this origin answer 2xx to a write whose If-Match
   * carried a weak ETag? Then it compares weak tags, and a weak ETag may be sent as it is.
   */
  readonly acceptedWeakIfMatch?: (url: string) => boolean;
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
  /**
   * This dialect also reads 2xx answers (a GraphQL mutation refused inside a 200): only such
   * dialects are asked about a success, so the others never see one.
   */
  readonly inSuccessBodies?: true;
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
  applyToken(
    request: OutgoingRequest,
    token: VersionToken,
    options: ConflictOptions,
    requestBodyText?: string,
  ): readonly TokenUpdate[];
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
  /** Set when the conflict is to be retried or explained, never merged (see `RetryCase`). */
  readonly retry?: RetryAdvice;
}

/** The id used when a conflict status came back without evidence any dialect recognises. */
export const unknownDialect = { id: 'unknown', label: 'Unknown (no version evidence)' } as const;
