// Decides what a 409/412/428 means: which dialect explains it best (highest confidence, with
// its evidence), or that it is not about versions at all, so rebase is never offered for a
// duplicate key or a forbidden state transition.
import type {
  ConflictKind,
  ConflictOptions,
  ConflictReport,
  Dialect,
  Exchange,
  Recognition,
  VersionToken,
} from './conflict-model';
import { defaultConflictOptions, unknownDialect } from './conflict-model';
import { dialects as registeredDialects } from './dialects';
import { responseText } from './exchange-body';
import { serverMessage } from './server-message';

export interface ClassifyOptions {
  readonly versionFields?: readonly string[];
  /** The `httpConflicts.serverManagedFields` setting: JSON pointers of fields the server sets. */
  readonly serverManagedFields?: readonly string[];
  readonly dialects?: readonly Dialect[];
  /** See `ConflictOptions.acceptedWeakIfMatch`. */
  readonly acceptedWeakIfMatch?: (url: string) => boolean;
}

const conflictStatuses = new Set([409, 412, 428]);

/** Words servers use for 409s that no refetch can fix. */
const notAboutVersions =
  /duplicate|already exists|already registered|already taken|unique (constraint|violation|key)|invalid (state|transition|status)|state transition|cannot (be )?(transition|cancel|change)|not allowed in (the )?(current )?(state|status)/i;

export const notAVersionConflictDialect = { id: 'not-a-version-conflict', label: 'Not a version conflict' } as const;

interface Candidate {
  readonly dialect: Dialect;
  readonly recognition: Recognition;
}

export function conflictOptions(options: ClassifyOptions = {}): ConflictOptions {
  return {
    versionFields: options.versionFields ?? defaultConflictOptions.versionFields,
    ...(options.serverManagedFields?.length ? { serverManagedFields: options.serverManagedFields } : {}),
    ...(options.acceptedWeakIfMatch ? { acceptedWeakIfMatch: options.acceptedWeakIfMatch } : {}),
  };
}

function bestCandidate(exchange: Exchange, from: readonly Dialect[], options: ConflictOptions): Candidate | undefined {
  let best: Candidate | undefined;
  for (const dialect of from) {
    const recognition = dialect.recognise(exchange, options);
    if (recognition && (!best || recognition.confidence > best.recognition.confidence)) best = { dialect, recognition };
  }
  return best;
}

export function describeTokens(tokens: readonly VersionToken[]): string {
  return tokens.map((t) => String(t.value)).join(' / ');
}

function summarise(
  kind: ConflictKind,
  stale: readonly VersionToken[],
  current: readonly VersionToken[],
  message: string | undefined,
): string {
  if (kind === 'not-a-version-conflict') {
    const words = message ? `: ${message.trim().replace(/[.!]+$/, '')}` : '';
    return `The server refused the write for a reason other than a version change${words}. Refetching and rebasing will not help.`;
  }
  if (kind === 'precondition-required') {
    return 'The server only accepts this write when it says which version it changes. Refetch to get the current version token.';
  }
  const yours = stale.length ? `your version ${describeTokens(stale)}` : 'the version you sent is unknown';
  const theirs = current.length ? `current ${describeTokens(current)}` : 'refetch to see the current version';
  return `The resource changed on the server since you fetched it: ${yours}, ${theirs}.`;
}

/** Words that tie a response to versions, even in a body no dialect could parse. */
const versionWords = /version|etag|revision|\b_?rev\b|stale|modified|precondition|concurren/i;

/** WebDAV methods whose 409 means a missing parent collection (RFC 4918 §9.7.1, §9.3.1, §9.8.5, §9.9.4). */
const davMethods = new Set(['PUT', 'MKCOL', 'COPY', 'MOVE']);

/**
 * A 409 where nothing is about versions: the request named none, no dialect recognises the
 * answer and its words never mention one. Saying "the resource changed since you fetched
 * it" would be a guess — nothing may have been read, and there is no version to compare.
 */
function noVersionEvidenceSummary(exchange: Exchange, message: string | undefined): string {
  const said = message ? ` The server says: ${message.trim().replace(/[.!]+$/, '')}.` : '';
  const dav = davMethods.has(exchange.request.method.toUpperCase())
    ? ` On a WebDAV server a 409 to ${exchange.request.method.toUpperCase()} means a parent collection of the target does not exist (RFC 4918 §9.7.1): create it (MKCOL) and send again.`
    : '';
  return `The server answered 409 Conflict, but nothing shows a version changed: the request named no version and the answer names none.${said}${dav} Refetching and rebasing will not help.`;
}

function sentAnyVersion(exchange: Exchange, from: readonly Dialect[], options: ConflictOptions): boolean {
  return from.some((d) => d.staleTokens(exchange, options).length > 0);
}

/** Undefined for a response that is not a conflict (a 2xx, a 404, a 500, …). */
export function classifyConflict(exchange: Exchange, options: ClassifyOptions = {}): ConflictReport | undefined {
  const status = exchange.response.status;
  // A success or a redirect is a conflict only when its body says so (a GraphQL mutation's
  // userErrors): only the dialects that read such bodies look (this runs per send).
  const from = options.dialects ?? registeredDialects;
  const success = status < 400;
  const opts = conflictOptions(options);
  const best = bestCandidate(exchange, success ? from.filter((d) => d.inSuccessBodies) : from, opts);
  if (success && !best) return undefined;
  if (!best && !conflictStatuses.has(status)) return undefined;
  const message = serverMessage(exchange);
  const words = `${message ?? ''}\n${responseText(exchange.response).slice(0, 4000)}`;
  const wordsSayNotVersion = notAboutVersions.test(words);

  const noEvidence =
    !best &&
    status === 409 &&
    !wordsSayNotVersion &&
    !versionWords.test(words) &&
    !sentAnyVersion(exchange, options.dialects ?? registeredDialects, opts);
  let kind: ConflictKind;
  if (best?.recognition.kind === 'not-a-version-conflict') kind = 'not-a-version-conflict';
  else if (noEvidence) kind = 'not-a-version-conflict';
  else if (wordsSayNotVersion && (!best || best.recognition.confidence < 0.7)) kind = 'not-a-version-conflict';
  else kind = best?.recognition.kind ?? (status === 428 ? 'precondition-required' : 'version-conflict');

  const evidence = best
    ? [...best.recognition.evidence]
    : noEvidence
      ? ['409 Conflict, though the request named no version and neither the answer nor its words mention one.']
      : [`${status} without any version evidence a known dialect recognises.`];
  if (kind === 'not-a-version-conflict' && wordsSayNotVersion && best?.recognition.kind !== 'not-a-version-conflict') {
    evidence.unshift(
      `The server's message describes a clash that is not about versions (${notAboutVersions.exec(words)?.[0]}).`,
    );
  }
  const dialect =
    kind === 'not-a-version-conflict' && !best ? notAVersionConflictDialect : (best?.dialect ?? unknownDialect);
  const staleTokens = best ? best.dialect.staleTokens(exchange, opts) : [];
  const currentTokens = best && kind !== 'not-a-version-conflict' ? best.dialect.currentTokens(exchange, opts) : [];
  return {
    kind,
    status,
    dialectId: dialect.id,
    dialectLabel: dialect.label,
    confidence: best ? best.recognition.confidence : kind === 'not-a-version-conflict' ? 0.6 : 0.2,
    evidence,
    staleToken: staleTokens[0],
    currentToken: currentTokens[0],
    staleTokens,
    currentTokens,
    serverMessage: message,
    summary:
      best?.recognition.summary ??
      (noEvidence ? noVersionEvidenceSummary(exchange, message) : summarise(kind, staleTokens, currentTokens, message)),
    ...(best?.recognition.retry ? { retry: best.recognition.retry } : {}),
  };
}
