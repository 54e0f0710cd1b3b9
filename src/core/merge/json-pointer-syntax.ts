// RFC 6901 pointers as JSON Patch writes them, and pointer *patterns* for naming
// server-managed fields (`/odata.*`, `/metadata/managedFields`): a `*` inside a segment
// matches any run of characters, so one entry covers a family of fields.
import type { JsonPath } from './merge-model';
import { ABSENT, member } from './json-values';

/** The segments of a pointer (`/a/b~1c` → ['a', 'b/c']); undefined when it is not one. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  const segments: string[] = [];
  for (const raw of pointer.slice(1).split('/')) {
    if (/~(?![01])/.test(raw)) return undefined;
    segments.push(raw.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  return segments;
}

/** `a` is `b` or lies above it. */
export function isPrefixPath(a: JsonPath, b: JsonPath): boolean {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
}

export function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && isPrefixPath(a, b);
}

type SegmentMatcher = (segment: string) => boolean;

export interface PathPattern {
  readonly source: string;
  readonly segments: readonly SegmentMatcher[];
}

function segmentMatcher(segment: string): SegmentMatcher {
  if (!segment.includes('*')) return (s) => s === segment;
  const escaped = segment.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  const regex = new RegExp(`^${escaped.join('.*')}$`, 's');
  return (s) => regex.test(s);
}

/** Compiles pointer patterns; entries that are not pointers are left out. */
export function compilePatterns(pointers: readonly string[] | undefined): PathPattern[] {
  const out: PathPattern[] = [];
  for (const source of pointers ?? []) {
    const segments = parsePointer(source.trim());
    if (segments && segments.length > 0) out.push({ source, segments: segments.map(segmentMatcher) });
  }
  return out;
}

/** The path is a managed field or lies inside one. */
export function underPattern(path: JsonPath, patterns: readonly PathPattern[]): boolean {
  return patterns.some(
    (p) => p.segments.length <= path.length && p.segments.every((match, i) => match(String(path[i]))),
  );
}

/** The path is one of the version paths or lies inside one. */
export function underAnyPath(path: JsonPath, paths: readonly JsonPath[] | undefined): boolean {
  return (paths ?? []).some((p) => isPrefixPath(p, path));
}

/** Every concrete path in `value` a pattern names (arrays indexed by number). */
export function expandPatterns(value: unknown, patterns: readonly PathPattern[]): JsonPath[] {
  const out: JsonPath[] = [];
  const walk = (node: unknown, pattern: PathPattern, depth: number, path: Array<string | number>): void => {
    if (depth === pattern.segments.length) {
      out.push(path.slice());
      return;
    }
    const match = pattern.segments[depth];
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        if (!match(String(i))) continue;
        path.push(i);
        walk(node[i], pattern, depth + 1, path);
        path.pop();
      }
    } else if (typeof node === 'object' && node !== null) {
      for (const key of Object.keys(node)) {
        if (!match(key)) continue;
        path.push(key);
        walk((node as Record<string, unknown>)[key], pattern, depth + 1, path);
        path.pop();
      }
    }
  };
  for (const pattern of patterns) walk(value, pattern, 0, []);
  return out;
}

/** The value at `path`, or ABSENT. */
export function valueAtPath(doc: unknown, path: JsonPath): unknown {
  let node = doc;
  for (const segment of path) {
    if (Array.isArray(node))
      node =
        /^(0|[1-9][0-9]*)$/.test(String(segment)) && Number(segment) < node.length ? node[Number(segment)] : ABSENT;
    else node = member(node, String(segment));
    if (node === ABSENT) return ABSENT;
  }
  return node;
}
