// Plain JSON values as JSON.parse returns them, and the few questions the merge asks of them.

export type JsonObject = Record<string, unknown>;

/** Marks a field or element that does not exist on one side (distinct from `null`). */
export const ABSENT: unique symbol = Symbol('absent');

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasOwn(target: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(target, key);
}

/** The member at `key`, or ABSENT. */
export function member(target: unknown, key: string): unknown {
  return isObject(target) && hasOwn(target, key) ? target[key] : ABSENT;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    // NaN cannot come from JSON; numbers and strings compare by value above.
    return false;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  // for-in rather than Object.keys: no arrays allocated on this hot path. JSON values
  // have no inherited enumerable keys.
  let count = 0;
  for (const key in ao) {
    if (!hasOwn(bo, key) || !deepEqual(ao[key], bo[key])) return false;
    count++;
  }
  for (const key in bo) if (key !== undefined) count--;
  return count === 0;
}
