// Decides what a 409/412/428 means: which dialect explains it best (highest confidence, with
// its evidence), or that it is not about versions at all, so rebase is never offered for a
// duplicate key or a forbidden state transition.
import type { ConflictKind, ConflictOptions, ConflictReport, Dialect, Exchange, Recognition, VersionToken } from './conflict-model';
import { defaultConflictOptions, unknownDialect } from './conflict-model';
import { dialects as registeredDialects } from './dialects';
import { responseText } from './exchange-body';
import { serverMessage } from './server-message';

export interface ClassifyOptions {
  readonly versionFields?: readonly string[];
  /** The `httpConflicts.serverManagedFields` setting: JSON pointers of fields the server sets. */
  readonly serverManagedFields?: readonly string[];
  readonly dialects?: readonly Dialect[];
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

function summarise(kind: ConflictKind, stale: readonly VersionToken[], current: readonly VersionToken[], message: string | undefined): string {
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

/** Undefined for a response that is not a conflict (a 2xx, a 404, a 500, …). */
export function classifyConflict(exchange: Exchange, options: ClassifyOptions = {}): ConflictReport | undefined {
  const status = exchange.response.status;
  // A success or a redirect is never a conflict: no dialect needs to look (this runs per send).
  if (status < 400) return undefined;
  const opts = conflictOptions(options);
  const best = bestCandidate(exchange, options.dialects ?? registeredDialects, opts);
  if (!best && !conflictStatuses.has(status)) return undefined;
  const message = serverMessage(exchange);
  const words = `${message ?? ''}\n${responseText(exchange.response).slice(0, 4000)}`;
  const wordsSayNotVersion = notAboutVersions.test(words);

  let kind: ConflictKind;
  if (best?.recognition.kind === 'not-a-version-conflict') kind = 'not-a-version-conflict';
  else if (wordsSayNotVersion && (!best || best.recognition.confidence < 0.7)) kind = 'not-a-version-conflict';
  else kind = best?.recognition.kind ?? (status === 428 ? 'precondition-required' : 'version-conflict');

  const evidence = best ? [...best.recognition.evidence] : [`${status} without any version evidence a known dialect recognises.`];
  if (kind === 'not-a-version-conflict' && wordsSayNotVersion && best?.recognition.kind !== 'not-a-version-conflict') {
    evidence.unshift(`The server's message describes a clash that is not about versions (${notAboutVersions.exec(words)?.[0]}).`);
  }
  const dialect = kind === 'not-a-version-conflict' && !best ? notAVersionConflictDialect : best?.dialect ?? unknownDialect;
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
    summary: summarise(kind, staleTokens, currentTokens, message),
  };
}
