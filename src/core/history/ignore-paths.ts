// Paths a comparison leaves out (`$.updatedAt`, `$.items[*].updatedAt`): a small JSONPath
// subset, enough to name the fields a server rewrites on every read. Supported:
//   $                 the root (required first)
//   .name  ['name']   an object member (quoted form for names with dots or spaces)
//   [3]               a list element by position
//   [*]  .*           any one member or element
// Not supported (reported as an error, never silently matching nothing): `..`, filters,
// slices, unions.

export type PathSegment =
  { readonly kind: 'key'; readonly key: string } | { readonly kind: 'index'; readonly index: number };

type PatternSegment = PathSegment | { readonly kind: 'any' };

export interface IgnorePattern {
  readonly source: string;
  readonly segments: readonly PatternSegment[];
}

export function parseIgnorePath(source: string): IgnorePattern | { readonly error: string } {
  const text = source.trim();
  if (!text.startsWith('$'))
    return { error: `"${source}" must start with $ (for example $.updatedAt or $.items[*].updatedAt)` };
  const segments: PatternSegment[] = [];
  let i = 1;
  while (i < text.length) {
    const rest = text.slice(i);
    let m: RegExpExecArray | null;
    if (rest.startsWith('..')) return { error: `"${source}": recursive descent (..) is not supported` };
    if ((m = /^\.\*/.exec(rest)) || (m = /^\[\*\]/.exec(rest))) segments.push({ kind: 'any' });
    else if ((m = /^\.([A-Za-z_$@-][\w$@-]*)/.exec(rest))) segments.push({ kind: 'key', key: m[1] });
    else if ((m = /^\[(\d+)\]/.exec(rest))) segments.push({ kind: 'index', index: Number(m[1]) });
    else if ((m = /^\['((?:[^'\\]|\\.)*)'\]/.exec(rest)) || (m = /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest)))
      segments.push({ kind: 'key', key: m[1].replace(/\\(.)/g, '$1') });
    else return { error: `"${source}": cannot read "${rest}" (supported: .name, ['name'], [N], [*], .*)` };
    i += m[0].length;
  }
  return { source, segments };
}

/** True when `path` is the pattern's node or lies inside it. */
export function isIgnored(path: readonly PathSegment[], patterns: readonly IgnorePattern[]): boolean {
  return patterns.some((p) => p.segments.length <= path.length && p.segments.every((s, i) => matches(s, path[i])));
}

function matches(pattern: PatternSegment, segment: PathSegment): boolean {
  if (pattern.kind === 'any') return true;
  if (pattern.kind === 'key') return segment.kind === 'key' && segment.key === pattern.key;
  return segment.kind === 'index' && segment.index === pattern.index;
}
