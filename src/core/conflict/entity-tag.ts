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

/** A token that must never be copied into If-Match: `*`, empty, weak, or with CR/LF. */
export function unusableInIfMatch(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return 'it contains a line break';
  const trimmed = value.trim();
  if (trimmed === '') return 'it is empty';
  if (trimmed === '*') return '"*" matches any version, which would overwrite blindly';
  if (trimmed.startsWith('W/')) return 'it is a weak ETag, and If-Match compares strongly, so it can never match';
  return undefined;
}
