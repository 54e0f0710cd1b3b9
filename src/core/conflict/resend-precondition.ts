// Which precondition a resend carries and why it changed, in plain words: the CLI prints these
// lines under the resend, so a switch from If-Match to If-Unmodified-Since (the fresh ETag was
// weak) or a weak ETag sent as it is (the protocol compares weak tags) is never silent.
import type { TokenLocation, TokenUpdate, VersionToken } from './conflict-model';
import { locationKey } from './token-placement';

/** `If-Match`, `?rev=`, `_rev`: how the place reads in a request. */
function describeLocation(location: TokenLocation): string {
  if (location.kind === 'header') return location.name;
  if (location.kind === 'query') return `?${location.name}=`;
  return `body ${location.path.join('.')}`;
}

function sentBefore(update: TokenUpdate, stale: readonly VersionToken[]): string | undefined {
  const token = stale.find((t) => locationKey(t.location) === locationKey(update.location));
  return token === undefined ? undefined : String(token.value);
}

/**
 * One line per precondition the resend sets or drops, e.g.
 * `resent with If-Match: W/"…" (was W/"…") — a weak ETag, sent as it is: …`.
 */
export function describeResendPreconditions(
  updates: readonly TokenUpdate[],
  stale: readonly VersionToken[] = [],
): string[] {
  const lines: string[] = [];
  const removed = updates.filter((u) => u.remove);
  for (const update of updates.filter((u) => !u.remove)) {
    const where = describeLocation(update.location);
    const before = sentBefore(update, stale);
    const replaced = before === undefined ? removed.map((u) => describeLocation(u.location)).join(', ') : '';
    let line = `resent with ${update.location.kind === 'query' ? `${where}${String(update.value)}` : `${where}: ${String(update.value)}`}`;
    if (before !== undefined && before !== String(update.value)) line += ` (was ${before})`;
    else if (replaced) line += ` instead of ${replaced}`;
    const why: string[] = [];
    if (update.weak && update.weakCompared) why.push(`a weak ETag, sent as it is: ${update.weakCompared}`);
    if (update.reason) why.push(update.reason);
    lines.push(why.length ? `${line} — ${why.join('; ')}` : line);
  }
  for (const update of removed) {
    if (!lines.some((l) => l.includes(`instead of ${describeLocation(update.location)}`)))
      lines.push(`resent without ${describeLocation(update.location)}`);
  }
  return lines;
}
