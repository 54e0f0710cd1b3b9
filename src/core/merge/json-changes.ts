// What one side changed relative to the base, field by field, for the panel's version diff.
// Array positions are the after-side index, except for removals (the base index).
import type { Change, JsonPath } from './merge-model';
import { identityKey } from './json-array-merge';
import { toPointer } from './json-pointer';
import { canonicalKey, hasOwn, isObject, deepEqual, type JsonObject } from './json-values';
import { diffSequences } from './sequence-diff';

export function jsonChanges(before: unknown, after: unknown): Change[] {
  const out: Change[] = [];
  walk(before, after, [], out);
  return out;
}

function walk(before: unknown, after: unknown, path: Array<string | number>, out: Change[]): void {
  if (before === after) return;
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) {
      path.push(key);
      if (hasOwn(after, key)) walk(before[key], after[key], path, out);
      else out.push(change(path, 'removed', before[key], undefined));
      path.pop();
    }
    for (const key of Object.keys(after)) {
      if (hasOwn(before, key)) continue;
      path.push(key);
      out.push(change(path, 'added', undefined, after[key]));
      path.pop();
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    walkArray(before, after, path, out);
    return;
  }
  if (!deepEqual(before, after)) out.push(change(path, 'changed', before, after));
}

function walkArray(before: unknown[], after: unknown[], path: Array<string | number>, out: Change[]): void {
  const identity = identityKey([before, after]);
  if (identity) {
    const idOf = (element: unknown): string => canonicalKey((element as JsonObject)[identity]);
    const beforeById = new Map<string, number>();
    before.forEach((element, i) => beforeById.set(idOf(element), i));
    const afterIds = new Set<string>();
    after.forEach((element, j) => {
      const id = idOf(element);
      afterIds.add(id);
      const i = beforeById.get(id);
      path.push(j);
      if (i === undefined) out.push(change(path, 'added', undefined, element));
      else walk(before[i], element, path, out);
      path.pop();
    });
    before.forEach((element, i) => {
      if (afterIds.has(idOf(element))) return;
      path.push(i);
      out.push(change(path, 'removed', element, undefined));
      path.pop();
    });
    return;
  }
  if (before.length === after.length) {
    for (let i = 0; i < before.length; i++) {
      path.push(i);
      walk(before[i], after[i], path, out);
      path.pop();
    }
    return;
  }
  for (const hunk of diffSequences(before.map(canonicalKey), after.map(canonicalKey))) {
    const paired = Math.min(hunk.aEnd - hunk.aStart, hunk.bEnd - hunk.bStart);
    for (let k = 0; k < paired; k++) {
      path.push(hunk.bStart + k);
      walk(before[hunk.aStart + k], after[hunk.bStart + k], path, out);
      path.pop();
    }
    for (let i = hunk.aStart + paired; i < hunk.aEnd; i++) {
      path.push(i);
      out.push(change(path, 'removed', before[i], undefined));
      path.pop();
    }
    for (let j = hunk.bStart + paired; j < hunk.bEnd; j++) {
      path.push(j);
      out.push(change(path, 'added', undefined, after[j]));
      path.pop();
    }
  }
}

function change(path: JsonPath, kind: Change['kind'], before: unknown, after: unknown): Change {
  return {
    at: toPointer(path),
    kind,
    ...(before === undefined ? {} : { before: JSON.stringify(before) }),
    ...(after === undefined ? {} : { after: JSON.stringify(after) }),
  };
}
