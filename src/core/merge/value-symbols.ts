// Numbers equal JSON values alike (key order aside), so lists of values can be diffed as
// integers. A structural hash narrows the candidates and a deep comparison decides, which
// is exact and much cheaper than building a canonical string for every element.
import { ExactNumber } from './exact-number';
import { deepEqual } from './json-values';

export function internValues(lists: ReadonlyArray<readonly unknown[]>): { lists: Int32Array[]; symbolCount: number } {
  const buckets = new Map<number, Array<{ readonly value: unknown; readonly id: number }>>();
  let symbolCount = 0;
  const out = lists.map((list) => {
    const symbols = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const value = list[i];
      const hash = hashValue(value);
      let bucket = buckets.get(hash);
      if (!bucket) {
        bucket = [];
        buckets.set(hash, bucket);
      }
      let id = -1;
      for (const entry of bucket) {
        if (deepEqual(entry.value, value)) {
          id = entry.id;
          break;
        }
      }
      if (id < 0) {
        id = symbolCount++;
        bucket.push({ value, id });
      }
      symbols[i] = id;
    }
    return symbols;
  });
  return { lists: out, symbolCount };
}

function hashString(text: string, seed: number): number {
  let h = seed ^ text.length;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h;
}

/** Equal values hash alike; object members combine by addition, so key order does not count. */
function hashValue(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return hashString(value, 0x811c9dc5);
    case 'number':
      return hashString(String(value), 0x5bd1e995);
    case 'boolean':
      return value ? 0x27d4eb2d : 0x165667b1;
    default:
      break;
  }
  if (value === null || value === undefined) return 0x3c6ef372;
  // As the plain number it equals, when there is one.
  if (value instanceof ExactNumber)
    return hashString(value.double === undefined ? value.canonical : String(value.double), 0x5bd1e995);
  if (Array.isArray(value)) {
    let h = 0x9e3779b9 ^ value.length;
    for (let i = 0; i < value.length; i++) h = Math.imul(h ^ hashValue(value[i]), 0x01000193);
    return h;
  }
  let h = 0x85ebca6b;
  const record = value as Record<string, unknown>;
  for (const key in record) h = (h + Math.imul(hashString(key, 0x2f) ^ hashValue(record[key]), 0x2c1b3c6d)) | 0;
  return h;
}
