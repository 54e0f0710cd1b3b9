// Rebase: the user's body merged onto the current version (three-way from the snapshot the
// edit started from, two-way without one), and where the fresh token goes in the request.
// The merge itself is injected: this file decides *what* to merge, never *how* — including
// what the body is (a document, a JSON Merge Patch, a JSON Patch) and which fields the
// server manages.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { MergeInput, MergeResult, TextEdit, WriteBodyKind } from '../merge/merge-model';
import { headerValue } from '../send/send-model';
import type {
  ConflictOptions,
  ConflictReport,
  Dialect,
  EmbeddedContent,
  Exchange,
  TokenUpdate,
  VersionToken,
} from './conflict-model';
import { defaultConflictOptions } from './conflict-model';
import { dialects as registeredDialects } from './dialects';
import { requestBodyText, responseText } from './exchange-body';
import { operationsNaming } from './json-patch-token';
import { setJsonValue } from './json-text-edit';
import type { Snapshot } from './snapshot-store';
import { locationKey } from './token-placement';
import type { RefusedToken } from './token-safety';
import { checkTokenUpdates } from './token-safety';
import { writeBodyKind } from './write-body-kind';

export type MergeFn = (input: MergeInput) => MergeResult;

export interface RebaseInput {
  readonly report: ConflictReport;
  readonly dialect: Dialect;
  /** The write that conflicted. */
  readonly exchange: Exchange;
  /** The snapshot the user's edit started from; undefined → two-way merge. */
  readonly base?: Snapshot;
  /** The body as written in the .http file (comments, `{{placeholders}}`). */
  readonly userBodyText: string;
  /** The refetched current version. */
  readonly current: Exchange;
  readonly merge: MergeFn;
  readonly resolvePlaceholders?: (text: string) => string;
  readonly options?: ConflictOptions;
}

export interface RebaseResult {
  readonly merge: MergeResult;
  /** How the body was rebased: as a document, a merge patch, or a JSON Patch. */
  readonly bodyKind?: WriteBodyKind;
  readonly currentToken?: VersionToken;
  readonly currentTokens: readonly VersionToken[];
  /** Where in the request the current token goes (header, body field, query parameter). */
  readonly tokenUpdates: readonly TokenUpdate[];
  /** Tokens with control characters: left out of tokenUpdates, never written or sent. */
  readonly refusedTokens?: readonly RefusedToken[];
}

function documentOf(dialect: Dialect, bodyText: string): string {
  return dialect.documentText?.(bodyText) ?? bodyText;
}

/** One edit covering what differs between two texts (common prefix and suffix left alone). */
function singleEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return [{ start, end: endBefore, newText: after.slice(start, endAfter) }];
}

function embeddedText(bodyText: string | undefined, content: EmbeddedContent): string | undefined {
  if (bodyText === undefined) return undefined;
  const root = parseTree(bodyText);
  const node = root ? findNodeAtLocation(root, [...content.path]) : undefined;
  return node?.type === 'string' && typeof node.value === 'string' ? content.decode(node.value) : undefined;
}

/**
 * For an encoded document inside the body (GitHub's base64 `content`), merge the decoded
 * documents, then write the re-encoded result and the body tokens into the user's body.
 */
function mergeEmbedded(
  input: RebaseInput,
  content: EmbeddedContent,
  tokenUpdates: readonly TokenUpdate[],
): MergeResult | undefined {
  const ours = embeddedText(input.userBodyText, content);
  const theirs = embeddedText(responseText(input.current.response), content);
  if (ours === undefined || theirs === undefined) return undefined;
  const inner = input.merge({
    base: embeddedText(input.base?.bodyText, content),
    ours,
    theirs,
    contentType: content.contentType(input.exchange.request),
  });
  let merged = setJsonValue(input.userBodyText, content.path, content.encode(inner.merged));
  for (const update of tokenUpdates)
    if (update.location.kind === 'body') merged = setJsonValue(merged, update.location.path, update.value);
  return { ...inner, merged, edits: singleEdit(input.userBodyText, merged) };
}

function tokenUpdatesFor(input: RebaseInput, tokens: readonly VersionToken[], options: ConflictOptions): TokenUpdate[] {
  const seen = new Set<string>();
  const updates: TokenUpdate[] = [];
  const bodyText = requestBodyText(input.exchange);
  for (const token of tokens) {
    for (const update of input.dialect.applyToken(input.exchange.request, token, options, bodyText)) {
      const key = locationKey(update.location);
      if (!seen.has(key)) {
        seen.add(key);
        updates.push(update);
      }
    }
  }
  return updates;
}

/**
 * Fields the server sets on every write: what each dialect recognises in the current version
 * (an Azure Table entity's `Timestamp`, a Kubernetes object's `managedFields`, …), whichever
 * dialect explained the conflict, plus the user's own list.
 */
function serverManagedPaths(input: RebaseInput, options: ConflictOptions): string[] {
  const named = new Set<string>(options.serverManagedFields ?? []);
  const asked = registeredDialects.includes(input.dialect)
    ? registeredDialects
    : [input.dialect, ...registeredDialects];
  for (const dialect of asked) for (const path of dialect.serverManagedPaths?.(input.current) ?? []) named.add(path);
  return [...named];
}

export function rebase(input: RebaseInput): RebaseResult {
  const options = input.options ?? defaultConflictOptions;
  // Only the response merged onto may supply the token: the conflict response's token sent
  // with another response's body could pass the precondition on a version never merged.
  const currentTokens = input.dialect.readTokens(input.current, options);
  const bodyKind = writeBodyKind(input.exchange.request, input.userBodyText, input.resolvePlaceholders);
  const checked = checkTokenUpdates(tokenUpdatesFor(input, currentTokens, options));
  let tokenUpdates = checked.safe;
  const refused = checked.refused;
  if (bodyKind === 'json-patch') {
    // An operation list has no fields: a body token can only go into an operation naming it.
    tokenUpdates = tokenUpdates.filter(
      (u) =>
        u.location.kind !== 'body' ||
        (!u.remove && (operationsNaming(input.userBodyText, u.location.path)?.length ?? 0) > 0),
    );
  }
  const embedded = input.dialect.embeddedContent
    ? mergeEmbedded(input, input.dialect.embeddedContent, tokenUpdates)
    : undefined;
  const merge =
    embedded ??
    input.merge({
      base: input.base ? documentOf(input.dialect, input.base.bodyText) : undefined,
      ours: input.userBodyText,
      theirs: documentOf(input.dialect, responseText(input.current.response)),
      contentType:
        headerValue(input.exchange.request.headers, 'content-type') ??
        headerValue(input.current.response.headers, 'content-type'),
      versionPaths: input.dialect.versionPaths(options),
      resolvePlaceholders: input.resolvePlaceholders,
      bodyKind,
      serverManagedPaths: serverManagedPaths(input, options),
    });
  return {
    merge,
    bodyKind,
    currentToken: currentTokens[0],
    currentTokens,
    tokenUpdates,
    ...(refused.length ? { refusedTokens: refused } : {}),
  };
}
