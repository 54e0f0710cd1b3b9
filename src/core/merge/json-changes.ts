// What one side changed relative to the base, field by field, for the panel's version diff.
// Array positions are the after-side index, except for removals (the base index).
import type { Change, JsonPath } from './merge-model';
import { identityKey, identityOf } from './json-array-merge';
import { jsonText } from './json-format';
import { toPointer } from './json-pointer';
import { deepEqual, emptyPath, hasOwn, isObject } from './json-values';
import { diffSymbols } from './sequence-diff';
import { internValues } from './value-symbols';

/**
 * `known` (after → before) names containers already found deep-equal to their counterpart,
 * which the walk then skips: the merge has compared most of the server's records with the
 * base by the time it asks for the server's changes.
 */
export function jsonChanges(before: unknown, after: unknown, known?: ReadonlyMap<object, unknown>): Change[] {
  const out: Change[] = [];
  walk(before, after, emptyPath(), out, known);
  return out;
}

function walk(
  before: unknown,
  after: unknown,
  path: Array<string | number>,
  out: Change[],
  known: ReadonlyMap<object, unknown> | undefined,
): void {
  if (before === after) return;
  if (known && typeof after === 'object' && after !== null && known.get(after) === before) return;
  if (isObject(before) && isObject(after)) {
    // for-in rather than Object.keys, and equal scalars settled in place: walking a 10 MB
    // document allocates nothing where nothing changed.
    let shared = 0;
    for (const key in before) {
      const was = before[key];
      const now = after[key];
      // Identical to a JSON value of `before`, `now` is `after`'s own member (see deepEqual).
      if (was === now) {
        shared++;
        continue;
      }
      if (!hasOwn(after, key)) {
        path.push(key);
        out.push(change(path, 'removed', was, undefined));
        path.pop();
        continue;
      }
      shared++;
      path.push(key);
      walk(was, now, path, out, known);
      path.pop();
    }
    let total = 0;
    for (const key in after) if (key !== undefined) total++;
    if (total === shared) return;
    for (const key in after) {
      if (hasOwn(before, key)) continue;
      path.push(key);
      out.push(change(path, 'added', undefined, after[key]));
      path.pop();
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    walkArray(before, after, path, out, known);
    return;
  }
  if (!deepEqual(before, after)) out.push(change(path, 'changed', before, after));
}

function walkArray(
  before: unknown[],
  after: unknown[],
  path: Array<string | number>,
  out: Change[],
  known: ReadonlyMap<object, unknown> | undefined,
): void {
  if (before.length === after.length && before.length <= 16 && deepEqual(before, after)) return;
  const identity = identityKey([before, after]);
  // Elements still where they were (same identity, or equal) pair up without any lookup;
  // in a long list that is nearly all of it.
  const same = identity
    ? (a: unknown, b: unknown): boolean => identityOf(a, identity) === identityOf(b, identity)
    : deepEqual;
  const shorter = Math.min(before.length, after.length);
  let lo = 0;
  while (lo < shorter && same(before[lo], after[lo])) lo++;
  let hi = 0;
  while (hi < shorter - lo && same(before[before.length - 1 - hi], after[after.length - 1 - hi])) hi++;
  const pair = (i: number, j: number): void => {
    path.push(j);
    walk(before[i], after[j], path, out, known);
    path.pop();
  };
  for (let k = 0; k < lo; k++) pair(k, k);
  walkMiddle(before, after, lo, before.length - hi, lo, after.length - hi, identity, path, out, pair);
  for (let k = hi; k > 0; k--) pair(before.length - k, after.length - k);
}

function walkMiddle(
  before: unknown[],
  after: unknown[],
  bLo: number,
  bHi: number,
  aLo: number,
  aHi: number,
  identity: string | undefined,
  path: Array<string | number>,
  out: Change[],
  pair: (i: number, j: number) => void,
): void {
  const removed = (i: number): void => {
    path.push(i);
    out.push(change(path, 'removed', before[i], undefined));
    path.pop();
  };
  const added = (j: number): void => {
    path.push(j);
    out.push(change(path, 'added', undefined, after[j]));
    path.pop();
  };
  if (identity) {
    const idOf = (element: unknown): unknown => identityOf(element, identity);
    const beforeById = new Map<unknown, number>();
    for (let i = bLo; i < bHi; i++) beforeById.set(idOf(before[i]), i);
    const afterIds = new Set<unknown>();
    for (let j = aLo; j < aHi; j++) {
      const id = idOf(after[j]);
      afterIds.add(id);
      const i = beforeById.get(id);
      if (i === undefined) added(j);
      else pair(i, j);
    }
    for (let i = bLo; i < bHi; i++) if (!afterIds.has(idOf(before[i]))) removed(i);
    return;
  }
  // A diff rather than position by position: one element removed early in a long list
  // is one change, not a change at every later position.
  const { lists, symbolCount } = internValues([before.slice(bLo, bHi), after.slice(aLo, aHi)]);
  const hunks = diffSymbols(lists[0], lists[1], symbolCount);
  for (const hunk of hunks) {
    const paired = Math.min(hunk.aEnd - hunk.aStart, hunk.bEnd - hunk.bStart);
    for (let k = 0; k < paired; k++) pair(bLo + hunk.aStart + k, aLo + hunk.bStart + k);
    for (let i = hunk.aStart + paired; i < hunk.aEnd; i++) removed(bLo + i);
    for (let j = hunk.bStart + paired; j < hunk.bEnd; j++) added(aLo + j);
  }
}

function change(path: JsonPath, kind: Change['kind'], before: unknown, after: unknown): Change {
  return {
    at: toPointer(path),
    kind,
    ...(before === undefined ? {} : { before: jsonText(before) }),
    ...(after === undefined ? {} : { after: jsonText(after) }),
  };
}
