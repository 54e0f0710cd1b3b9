// Is the refetched copy the version the server compares writes against? A cache or a lagging
// replica can answer the refetch with an older version: merged onto that and sent with the
// token the conflict response named, the write passes the precondition and silently discards
// the change the merge never saw. So the body merged onto and the token sent must come from
// the same response, and when the conflict named a current version, the refetch must be that
// version (or provably newer): anything else is refused before anything is merged or sent.
import type { ConflictReport, VersionToken } from './conflict-model';
import { locationKey } from './token-placement';

function plain(value: string | number): string {
  return String(value).trim().replace(/^W\//, '').replace(/^"|"$/g, '');
}

function describe(tokens: readonly VersionToken[]): string {
  return tokens.map((t) => (typeof t.value === 'number' ? String(t.value) : t.value)).join(' / ');
}

/** Both plain whole numbers (body version fields, Elasticsearch's seq_no): newer is provable. */
function isNewer(refetched: string | number, named: string | number): boolean {
  const a = plain(refetched);
  const b = plain(named);
  return /^\d{1,30}$/.test(a) && /^\d{1,30}$/.test(b) && BigInt(a) > BigInt(b);
}

/**
 * Undefined when the refetched tokens may be used with the refetched body; otherwise why not,
 * in words for the user. `refetched` are the dialect's tokens read from the refetch response.
 */
export function refetchVersionProblem(report: ConflictReport, refetched: readonly VersionToken[]): string | undefined {
  const named = report.currentTokens;
  if (named.length === 0) return undefined;
  if (refetched.length === 0) {
    return `the ${report.status} response named ${describe(named)} as the current version, but the refetched copy carries no version token (no ETag or version field), so it cannot be proven to be that version: a cache or a lagging replica may have answered`;
  }
  for (const token of named) {
    const there = refetched.find((t) => locationKey(t.location) === locationKey(token.location));
    if (!there || plain(there.value) === plain(token.value) || isNewer(there.value, token.value)) continue;
    return `the ${report.status} response named ${describe([token])} as the current version, but the refetch returned ${describe([there])}: an older copy (a cache or a lagging replica) or another version, so merging onto it could discard a change nobody has seen`;
  }
  return undefined;
}
