// The one check before a request with an open conflict goes out again — the editor's Send,
// Send All and Resend, and the CLI's resend after a rebase all ask it. It goes out only when
// the current version is known (or the request still carries the very token the server
// refused, so it can only fail again), every merge conflict is decided, no conflict marker is
// left in the body, the body holds the server's changes, the token is usable where it goes
// (`planResend`: not empty, no line break, not weak unless the protocol compares weakly), and
// the request as it will be sent carries that token rather than the stale one.
import type { OutgoingRequest } from '../send/send-model';
import { headerValue } from '../send/send-model';
import type { TokenLocation, TokenUpdate, VersionToken } from './conflict-model';
import type { RebaseResult } from './rebase';
import type { ResendInput, ResendPlan, ResendRefusal } from './resend-plan';
import { planResend, tokenProblem } from './resend-plan';
import { isCreateOnly } from './write-precondition';

export type ResendBlock =
  ResendRefusal | 'unknown-current' | 'needs-rebase' | 'merge-failed' | 'markers-left' | 'not-merged' | 'stale-token';

export type ResendCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: ResendBlock; readonly message: string };

/** What will go out: the request with variables resolved, and its body text. */
export interface OutgoingText {
  readonly request: OutgoingRequest;
  readonly bodyText?: string;
}

/** A rebase onto the current version, computed from the body as it reads now. */
export interface RebasedBody {
  readonly result: RebaseResult;
  /** The merged body with body tokens placed, placeholders kept (undefined for a bodiless request). */
  readonly bodyText?: string;
  readonly resolve?: (text: string) => string;
}

export interface ResendCheckInput {
  /** The request that conflicted, as sent. */
  readonly conflicted: OutgoingRequest;
  /** The tokens the server refused (the report's `staleTokens`). */
  readonly staleTokens: readonly VersionToken[];
  /** The current version was read. */
  readonly currentKnown: boolean;
  /** The body as written now (undefined: the request has no body). */
  readonly writtenBody?: string;
  /** The last rebase written into the request (needed for a request without a body). */
  readonly lastRebase?: RebaseResult;
  /** The rebase of `writtenBody` now; undefined when the merge failed. */
  readonly rebased?: RebasedBody;
  /** Conflict ids the user decided. */
  readonly decided: ReadonlySet<string>;
  readonly outgoing: OutgoingText;
}

const conflictMarker = /^(<{7}|>{7}|={7})(\s|$)/m;

function blocked(reason: ResendBlock, message: string): ResendCheck {
  return { ok: false, reason, message };
}

/** The token value the request carries at a location, as it will be sent. */
export function tokenIn(outgoing: OutgoingText, location: TokenLocation): string | undefined {
  if (location.kind === 'header') return headerValue(outgoing.request.headers, location.name);
  try {
    if (location.kind === 'query') return new URL(outgoing.request.url).searchParams.get(location.name) ?? undefined;
    let value: unknown = JSON.parse(outgoing.bodyText ?? '');
    for (const part of location.path) value = (value as Record<string | number, unknown>)?.[part];
    return value === undefined ? undefined : String(value);
  } catch {
    return undefined;
  }
}

/** The request must carry every fresh token, or the resend would be stale again. */
export function staleTokenProblem(outgoing: OutgoingText, updates: readonly TokenUpdate[]): string | undefined {
  for (const update of updates) {
    if (update.remove) continue;
    const want = String(update.value);
    const have = tokenIn(outgoing, update.location);
    if (have?.trim() !== want.trim()) {
      return `The request carries ${have === undefined ? 'no version' : `version ${have}`} where the current one is ${want}. Rebase again to take the current version.`;
    }
  }
  return undefined;
}

/** Still the very tokens the server refused: sending again cannot overwrite, only fail again. */
export function carriesRefusedTokens(outgoing: OutgoingText, stale: readonly VersionToken[]): boolean {
  return (
    stale.length > 0 && stale.every((token) => tokenIn(outgoing, token.location)?.trim() === String(token.value).trim())
  );
}

export function checkResend(input: ResendCheckInput): ResendCheck {
  // A create-only write is refused wherever anything exists, so it cannot overwrite a change,
  // whatever the current version is or the body says (a 428 on a create, answered with it).
  if (isCreateOnly(input.outgoing.request.headers)) return { ok: true };
  if (!input.currentKnown) {
    // Unknown current version (the refetch failed): only a send the server will judge by the
    // very token it refused can go; it overwrites nothing.
    if (carriesRefusedTokens(input.outgoing, input.staleTokens)) return { ok: true };
    return blocked(
      'unknown-current',
      "the current version could not be read, so nothing shows that your body holds the server's changes. Refetch it, then Rebase.",
    );
  }
  if (input.writtenBody === undefined) {
    // Nothing merges into a request without a body; Rebase gives it the current token.
    const last = input.lastRebase;
    if (!last) return blocked('needs-rebase', 'Rebase first: it takes the current version token.');
    const token = tokenProblem(last);
    if (token) return token;
    const stale = staleTokenProblem(input.outgoing, last.tokenUpdates);
    return stale ? blocked('stale-token', stale) : { ok: true };
  }
  const rebased = input.rebased;
  if (!rebased)
    return blocked('merge-failed', 'the merge onto the current version failed; Compare Versions shows both sides.');
  const open = rebased.result.merge.conflicts.filter((c) => !input.decided.has(c.id));
  if (open.length)
    return blocked(
      'conflicts-remain',
      `${open.length} conflict(s) still need a decision (${open[0].description}). Decide them in the panel, then Rebase.`,
    );
  if (conflictMarker.test(input.writtenBody))
    return blocked('markers-left', 'the body still holds conflict markers (<<<<<<< / >>>>>>>).');
  if (rebased.bodyText !== input.writtenBody) {
    const theirs = rebased.result.merge.theirsChanges.map((c) => c.at);
    const named = theirs.length ? ` (${theirs.slice(0, 3).join(', ')}${theirs.length > 3 ? ', …' : ''})` : '';
    return blocked(
      'not-merged',
      `your body does not hold the server's changes since your version${named}. Rebase first (one undoable edit), or Overwrite to replace them.`,
    );
  }
  const plan = planResend({ request: input.conflicted, rebase: rebased.result, resolvePlaceholders: rebased.resolve });
  if (!plan.ok) return plan;
  const stale = staleTokenProblem(input.outgoing, rebased.result.tokenUpdates);
  return stale ? blocked('stale-token', stale) : { ok: true };
}

export type CheckedPlan =
  (ResendPlan & { readonly ok: true }) | { readonly ok: false; readonly reason: ResendBlock; readonly message: string };

/**
 * The CLI's resend: `planResend` builds it from the rebase, then the same check the editor
 * runs before a send looks at the request as it will go out (markers, the stale token).
 */
export function planCheckedResend(input: ResendInput & { readonly staleTokens: readonly VersionToken[] }): CheckedPlan {
  const plan = planResend(input);
  if (!plan.ok) return plan;
  const body = plan.request.body;
  const check = checkResend({
    conflicted: input.request,
    staleTokens: input.staleTokens,
    currentKnown: true,
    writtenBody: plan.bodyText,
    lastRebase: input.rebase,
    rebased: { result: input.rebase, bodyText: plan.bodyText, resolve: input.resolvePlaceholders },
    decided: new Set(),
    outgoing: { request: plan.request, bodyText: body?.kind === 'text' ? body.text : undefined },
  });
  return check.ok ? plan : check;
}
