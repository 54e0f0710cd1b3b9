// Entity tags as RFC 9110 §8.8.3 writes them: `"opaque"` or `W/"opaque"`.
export interface EntityTag {
  readonly raw: string;
  readonly weak: boolean;
  readonly opaque: string;
}

export function parseEntityTag(value: string): EntityTag | undefined {
  const raw = value.trim();
  const match = /^(W\/)?"([^"]*)"$/.exec(raw);
  if (match) return { raw, weak: match[1] !== undefined, opaque: match[2] };
  // Plenty of servers send bare tags; keep them, they still round-trip.
  if (raw !== '' && raw !== '*' && !/[\s",]/.test(raw)) return { raw, weak: false, opaque: raw };
  return undefined;
}

/** The first tag of an If-Match list (`"a", "b"`), or undefined for `*` and empty values. */
export function firstListedTag(value: string): EntityTag | undefined {
  const first = value.split(',')[0] ?? '';
  return parseEntityTag(first);
}

export const weakNeverMatches =
  'it is a weak ETag, and If-Match compares strongly (RFC 9110 §13.1.1), so it can never match';

export interface IfMatchUse {
  /**
   * Why weak tags are compared where this one goes (the protocol says so, or the server has
   * accepted one): then a weak ETag is sent as it is. Absent: RFC 9110's strong comparison.
   */
  readonly weakCompared?: string;
}

/** A token that must never be copied into If-Match: `*`, empty, weak (unless compared weakly there), or with CR/LF. */
export function unusableInIfMatch(value: string, use: IfMatchUse = {}): string | undefined {
  if (/[\r\n]/.test(value)) return 'it contains a line break';
  const trimmed = value.trim();
  if (trimmed === '') return 'it is empty';
  if (trimmed === '*') return '"*" matches any version, which would overwrite blindly';
  if (trimmed.startsWith('W/') && !use.weakCompared) return weakNeverMatches;
  return undefined;
}
