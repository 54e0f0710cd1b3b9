// The resend: the rebased body with the fresh token where the dialect wants it. Refuses while
// any conflict is unresolved, and refuses a write that would carry no usable precondition,
// because either would overwrite someone else's change without anyone deciding to.
import type { OutgoingRequest } from '../send/send-model';
import { unusableInIfMatch } from './entity-tag';
import type { RebaseResult } from './rebase';
import { describeLocation, placeTokens, removeHeaders } from './token-placement';
import { tokenValueProblem } from './token-safety';

export type ResendRefusal = 'conflicts-remain' | 'no-current-token' | 'weak-etag' | 'unusable-token';

export type ResendPlan =
  | {
      readonly ok: true;
      readonly request: OutgoingRequest;
      /** The body as it should read in the .http file: merged, tokens written in, placeholders kept. */
      readonly bodyText?: string;
    }
  | { readonly ok: false; readonly reason: ResendRefusal; readonly message: string };

export interface ResendInput {
  /** The request that conflicted, as sent. */
  readonly request: OutgoingRequest;
  readonly rebase: RebaseResult;
  readonly resolvePlaceholders?: (text: string) => string;
}

function refusal(reason: ResendRefusal, message: string): ResendPlan & { ok: false } {
  return { ok: false, reason, message };
}

/** Why the rebase's tokens cannot go out (refused, missing, weak, empty, unsafe), or undefined. */
export function tokenProblem(rebase: RebaseResult): (ResendPlan & { ok: false }) | undefined {
  const refused = rebase.refusedTokens?.[0];
  if (refused) return refusal('unusable-token', `Not resent: ${refused.problem}.`);
  const sets = rebase.tokenUpdates.filter((u) => !u.remove);
  if (sets.length === 0) {
    return refusal(
      'no-current-token',
      'The current version token is unknown, so the resend would carry no precondition and could overwrite a change nobody has seen. Refetch the resource first.',
    );
  }
  for (const update of sets) {
    const value = String(update.value);
    if (update.location.kind === 'header' && update.location.name.toLowerCase() === 'if-match') {
      const problem = unusableInIfMatch(value, update);
      if (problem) {
        const reason = value.trim().startsWith('W/') ? 'weak-etag' : 'unusable-token';
        return refusal(
          reason,
          `The server's current ETag ${value} cannot go into If-Match: ${problem}. Ask the server for a strong ETag or use another precondition.`,
        );
      }
    }
    const unsafe = tokenValueProblem(value);
    if (unsafe) return refusal('unusable-token', `Not resent: ${describeLocation(update.location)}: ${unsafe}.`);
    if (update.location.kind !== 'body' && value.trim() === '') {
      return refusal('unusable-token', `The current version token for ${describeLocation(update.location)} is empty.`);
    }
  }
  return undefined;
}

export function planResend(input: ResendInput): ResendPlan {
  const { merge } = input.rebase;
  if (merge.conflicts.length > 0) {
    const shown = merge.conflicts
      .slice(0, 3)
      .map((c) => c.description)
      .join('; ');
    const more = merge.conflicts.length > 3 ? ` and ${merge.conflicts.length - 3} more` : '';
    return refusal(
      'conflicts-remain',
      `${merge.conflicts.length} conflict${merge.conflicts.length === 1 ? '' : 's'} still to resolve: ${shown}${more}.`,
    );
  }
  const problem = tokenProblem(input.rebase);
  if (problem) return problem;
  const hadBody = input.request.body !== undefined;
  const placed = placeTokens(input.request, hadBody ? merge.merged : undefined, input.rebase.tokenUpdates);
  const bodyText = placed.bodyText;
  const sentText =
    bodyText === undefined ? undefined : input.resolvePlaceholders ? input.resolvePlaceholders(bodyText) : bodyText;
  const request: OutgoingRequest = {
    ...placed.request,
    // The body changed length; the sender computes it again.
    headers: removeHeaders(placed.request.headers, ['content-length']),
    body: sentText === undefined ? undefined : { kind: 'text', text: sentText },
  };
  return { ok: true, request, bodyText };
}
