// What the probe's answers mean. Pure: the statuses in, the verdict and its plain words out.
export type ProbeVerdict = 'protected' | 'lost-updates' | 'inconclusive';

/** How one copy of the write was answered. */
export type WriteOutcome = 'accepted' | 'rejected' | 'precondition-required' | 'other' | 'failed';

export interface ProbeWrite {
  /** 1…N for the concurrent copies; N+1 for the copy sent without a precondition. */
  readonly index: number;
  readonly kind: 'concurrent' | 'without-precondition';
  readonly outcome: WriteOutcome;
  /** Undefined when the copy never got an answer. */
  readonly status?: number;
  readonly statusText?: string;
  /** The failure, or the server's own words for a refusal. */
  readonly detail?: string;
}

export interface VerdictInput {
  readonly writers: number;
  readonly writes: readonly ProbeWrite[];
  /** The write as written names the version it changes. */
  readonly carriesPrecondition: boolean;
  /** The answer to the copy sent without a precondition, when one was sent. */
  readonly withoutPrecondition?: ProbeWrite;
  /**
   * Every accepted copy's answer named the very version the copies sent: the write changed
   * nothing (a content-hash ETag, a server that skips no-op updates). The token, as sent.
   */
  readonly unchangedVersion?: string;
  /** The weak ETag the write sent in If-Match, when it sent one. */
  readonly weakIfMatch?: string;
}

export interface Verdict {
  readonly verdict: ProbeVerdict;
  readonly accepted: number;
  readonly rejected: number;
  readonly requiresPrecondition: boolean | null;
  readonly summary: string;
}

function count(writes: readonly ProbeWrite[], outcome: WriteOutcome): number {
  return writes.filter((w) => w.outcome === outcome).length;
}

function statusWords(writes: readonly ProbeWrite[]): string {
  const counts = new Map<string, number>();
  for (const w of writes) {
    const key =
      w.status === undefined
        ? `no answer (${w.detail ?? 'failed'})`
        : `${w.status}${w.statusText ? ` ${w.statusText}` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${n}× ${key}`).join(', ');
}

/**
 * With a precondition on the write, the extra copy answers the question directly; without
 * one, the concurrent copies already did: accepted means not required, 428 means required.
 */
function requiresPrecondition(input: VerdictInput, concurrent: readonly ProbeWrite[]): boolean | null {
  const probe = input.carriesPrecondition ? input.withoutPrecondition : undefined;
  // Refused as a version conflict although it named no version (CouchDB's 409 without
  // `_rev`): the API wants a precondition as surely as with a 428.
  if (probe)
    return probe.outcome === 'precondition-required' || probe.outcome === 'rejected'
      ? true
      : probe.outcome === 'accepted'
        ? false
        : null;
  if (input.carriesPrecondition) return null;
  if (concurrent.some((w) => w.outcome === 'accepted')) return false;
  // 428, or a version conflict for a write that named no version at all (CouchDB's 409 to a
  // PUT without `_rev`): either way the API wants to be told which version is changed.
  if (
    concurrent.length > 0 &&
    concurrent.every((w) => w.outcome === 'precondition-required' || w.outcome === 'rejected')
  )
    return true;
  return null;
}

function preconditionSentence(input: VerdictInput, required: boolean | null): string {
  const probe = input.withoutPrecondition;
  if (input.carriesPrecondition && probe) {
    const answer =
      probe.status === undefined
        ? 'got no answer'
        : `was answered ${probe.status}${probe.statusText ? ` ${probe.statusText}` : ''}`;
    if (required === true)
      return ` One more copy without the precondition was refused (${answer.replace('was answered ', '')}): the API requires one.`;
    if (required === false)
      return ` One more copy without the precondition was accepted — and written: the API does not require a precondition, so a client that omits it can still overwrite changes.`;
    return ` One more copy without the precondition ${answer}, which does not tell whether the API requires one.`;
  }
  if (!input.carriesPrecondition && required === false)
    return ' This write carries no version, and the API accepts writes without one.';
  if (!input.carriesPrecondition && required === true)
    return ' The API refuses writes that name no version, and this write names none: add one (`http-conflicts check` shows how).';
  return '';
}

export function judgeProbe(input: VerdictInput): Verdict {
  const concurrent = input.writes.filter((w) => w.kind === 'concurrent');
  const accepted = count(concurrent, 'accepted');
  const rejected = count(concurrent, 'rejected') + count(concurrent, 'precondition-required');
  const required = requiresPrecondition(input, concurrent);
  const tail = preconditionSentence(input, required);
  const n = input.writers;
  const seen = statusWords(concurrent);
  let verdict: ProbeVerdict;
  let lead: string;
  if (accepted >= 2 && input.unchangedVersion !== undefined) {
    verdict = 'inconclusive';
    lead =
      `Inconclusive: ${accepted} of ${n} concurrent writes were accepted (${seen}), but the write changes nothing: ` +
      `every answer names the very version the copies sent (${input.unchangedVersion}), so the resource stayed as it was and no update was lost. ` +
      'Servers whose version is a hash of the content (CalDAV servers such as Radicale) or that skip no-op updates (Kubernetes) accept such copies safely. ' +
      'Make the write change something — put {{$guid}} or {{$timestamp}} in the body — and probe again.';
  } else if (accepted >= 2) {
    verdict = 'lost-updates';
    const why = input.carriesPrecondition
      ? 'the API ignores the version this write sends'
      : 'nothing in the write or the API checks the version';
    lead = `Lost updates: ${accepted} of ${n} concurrent writes based on the same version were accepted (${seen}); each overwrote the one before it without a conflict, because ${why}.`;
  } else if (concurrent.length === 0) {
    verdict = 'inconclusive';
    lead = 'Inconclusive: no copy of the write was sent.';
  } else if (count(concurrent, 'failed') + count(concurrent, 'other') > 0) {
    verdict = 'inconclusive';
    lead = `Inconclusive: of ${n} concurrent writes, some failed or were refused for reasons other than a version conflict (${seen}).`;
  } else if (accepted === 1) {
    verdict = 'protected';
    lead = `Protected: of ${n} concurrent writes based on the same version, 1 was accepted and ${rejected} refused as conflicts (${seen}).`;
  } else if (required === true && !input.carriesPrecondition) {
    verdict = 'protected';
    lead = `Protected: the API refused all ${n} writes because they named no version (${seen}).`;
  } else if (input.weakIfMatch !== undefined) {
    verdict = 'inconclusive';
    lead =
      `Inconclusive: none of ${n} concurrent writes was accepted (${seen}). The write sends a weak ETag in If-Match (${input.weakIfMatch}), ` +
      'and this server compares If-Match strongly (RFC 9110), so a weak tag never matches, not even the current one. ' +
      'Apache hands out weak ETags for a file changed within the last second: read it again a moment later and probe once more, or name the version with If-Unmodified-Since.';
  } else {
    verdict = 'inconclusive';
    lead = `Inconclusive: none of ${n} concurrent writes was accepted (${seen}); the version the write names may already be stale — read it again and probe once more.`;
  }
  return { verdict, accepted, rejected, requiresPrecondition: required, summary: lead + tail };
}
