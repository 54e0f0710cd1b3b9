// "Your write already landed": after a timeout or a connection reset the user (or a retry)
// sends the write again, and it meets its own first attempt as a 412. Refetched and merged,
// such a write changes nothing: every change it makes is already on the server. Resending it
// would only produce another version for nothing — or, with a weaker precondition, overwrite
// whatever came after. So the loop stops and says so.
import type { RetryAdvice } from './conflict-model';
import type { RebaseResult } from './rebase';

const key = (c: { at: string; kind: string; after?: string }) => `${c.kind} ${c.at} ${c.after ?? ''}`;

/** The sentence to show when the server already holds everything this write says; else undefined. */
export function alreadyApplied(rebase: RebaseResult): string | undefined {
  const { merge } = rebase;
  if (merge.conflicts.length > 0) return undefined;
  if (merge.mode === 'three-way') {
    const theirs = new Set(merge.theirsChanges.map(key));
    if (!merge.oursChanges.every((c) => theirs.has(key(c)))) return undefined;
    if (merge.oursChanges.length === 0) {
      return 'Nothing to resend: the server already holds everything this write says, so sending it again would change nothing.';
    }
  }
  // Two-way (no base): every difference is a conflict, so none means the server's document
  // already is the user's, version fields aside.
  const n = merge.oursChanges.length;
  return (
    `Your write already landed: ${n > 0 ? `every change it makes (${n}) is` : 'what it writes is'} already on the server. ` +
    'Most likely an earlier attempt that timed out or lost its connection got through, and this refusal is the write meeting itself. Nothing was resent.'
  );
}

/** The panel's "your write already landed" case: nothing to merge or resend. */
export const ownWriteAdvice: RetryAdvice = {
  case: 'own-write',
  advice:
    'Nothing to do: the server holds your write. Before changing the resource again, read it again so the write names its current version.',
};
