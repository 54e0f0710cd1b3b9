// One key per resource, so a GET and the conditional PUT that follows it find the same
// snapshot: scheme and host lower-cased, default port and fragment dropped, query sorted, and
// the parameters that only carry a version token (`rev`, `if_seq_no`, …) removed.
const tokenParameters = new Set(['rev', 'if_seq_no', 'if_primary_term', 'version', 'version_type', 'refresh']);

/** Keys of recent URLs: a read is keyed when it is captured and again when it is stored. */
const recentKeys = new Map<string, string>();
const maxRecentKeys = 256;

export function resourceKey(url: string): string {
  let key = recentKeys.get(url);
  if (key === undefined) {
    key = computeKey(url);
    if (recentKeys.size >= maxRecentKeys) recentKeys.clear();
    recentKeys.set(url, key);
  }
  return key;
}

function computeKey(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.trim();
  }
  // No query and no fragment (most URLs): the parsed form is already the key, without the
  // setters below re-serialising it twice.
  if (!url.includes('?') && !url.includes('#')) return parsed.href;
  parsed.hash = '';
  const kept = [...parsed.searchParams.entries()].filter(([name]) => !tokenParameters.has(name));
  kept.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  parsed.search = '';
  for (const [name, value] of kept) parsed.searchParams.append(name, value);
  return parsed.toString();
}
