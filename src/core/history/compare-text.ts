// What the two sides of "Compare with Previous" show, and the panel's one-line summary. A
// side is a response as text for a line diff: the status line, the headers worth comparing,
// then the body pretty-printed — with the noise left out (Date, ETag, request ids, cookie
// values, and the configured JSON paths such as $.updatedAt), named at the end so nothing
// disappears silently.
import type { HistoryEntry } from './history-entry';
import type { IgnorePattern, PathSegment } from './ignore-paths';
import { isIgnored } from './ignore-paths';
import type { ResponseChanges } from './response-changes';
import { comparedHeaders, compareResponses } from './response-changes';

export interface CompareTextOptions {
  readonly ignore?: readonly IgnorePattern[];
  /** Show everything, noise included. */
  readonly includeNoise?: boolean;
}

function withoutIgnored(value: unknown, path: PathSegment[], ignore: readonly IgnorePattern[], depth: number): unknown {
  if (depth > 200) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((item, index) => {
      const at = [...path, { kind: 'index', index } as const];
      out.push(isIgnored(at, ignore) ? '(left out)' : withoutIgnored(item, at, ignore, depth + 1));
    });
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const at = [...path, { kind: 'key', key } as const];
      if (!isIgnored(at, ignore)) out[key] = withoutIgnored(item, at, ignore, depth + 1);
    }
    return out;
  }
  return value;
}

function prettyBody(text: string, ignore: readonly IgnorePattern[]): string {
  if (!/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.stringify(withoutIgnored(JSON.parse(text), [], ignore, 0), null, 2);
  } catch {
    return text;
  }
}

/** One side of the diff editor. */
export function comparisonText(entry: HistoryEntry, options: CompareTextOptions = {}): string {
  const { response } = entry;
  const ignore = options.includeNoise ? [] : (options.ignore ?? []);
  const lines = [
    `${entry.request.method} ${entry.request.url}`,
    `HTTP ${response.status} ${response.statusText}`.trimEnd(),
  ];
  if (options.includeNoise) for (const [name, value] of response.headers) lines.push(`${name}: ${value}`);
  else
    for (const [name, value] of [...comparedHeaders(response.headers)].sort(([a], [b]) => a.localeCompare(b)))
      lines.push(`${name}: ${value}`);
  lines.push('');
  lines.push(
    response.bodyOmitted
      ? `(body not kept: ${response.bodyOmitted}; sha256 ${response.bodyDigest ?? 'unknown'})`
      : prettyBody(response.bodyText, ignore),
  );
  if (!options.includeNoise) {
    lines.push(
      '',
      `— left out: Date, ETag, Last-Modified, request ids and other per-response headers, cookie values${ignore.length ? `, ${ignore.map((p) => p.source).join(', ')}` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function compareEntries(
  old: HistoryEntry,
  now: HistoryEntry,
  ignore: readonly IgnorePattern[] = [],
): ResponseChanges {
  return compareResponses(old.response, now.response, { ignore });
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * "3 fields changed since 10:42 (1 added, 2 changed)": what changed since the previous read,
 * in one line for the panel. `since` is how the caller writes the earlier time.
 */
export function changeLine(changes: ResponseChanges, since: string): string {
  const parts: string[] = [];
  const body = changes.body;
  if (body.kind === 'json') {
    const count = (kind: string) =>
      body.fields.filter((f) =>
        kind === 'changed' ? f.kind === 'changed' || f.kind === 'type-changed' : f.kind === kind,
      ).length;
    const detail = (['added', 'removed', 'changed'] as const)
      .filter((k) => count(k) > 0)
      .map((k) => `${count(k)} ${k}`);
    parts.push(`${plural(body.fields.length, 'field')} changed since ${since} (${detail.join(', ')})`);
  } else if (body.kind === 'text')
    parts.push(`${plural(body.changedLines, 'line')} of the body changed since ${since}`);
  else if (body.kind === 'not-compared' && body.changed)
    parts.push(`The body changed since ${since} (too big or binary to compare field by field)`);
  if (changes.status) parts.push(`status ${changes.status.old} → ${changes.status.new}`);
  if (changes.headers.length) parts.push(plural(changes.headers.length, 'header') + ' changed');
  if (!parts.length) return `No changes since ${since}`;
  if (!/since/.test(parts[0])) parts[0] = `${parts[0]} since ${since}`;
  return `${parts[0].charAt(0).toUpperCase()}${parts[0].slice(1)}${parts.length > 1 ? `; ${parts.slice(1).join('; ')}` : ''}`;
}
