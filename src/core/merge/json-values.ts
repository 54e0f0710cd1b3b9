// Plain JSON values as JSON.parse returns them, plus exact numbers (see exact-number.ts),
// and the few questions the merge asks of them.
import { ExactNumber, sameNumber } from './exact-number';

export type JsonObject = Record<string, unknown>;

/** Marks a field or element that does not exist on one side (distinct from `null`). */
export const ABSENT: unique symbol = Symbol('absent');

/**
 * How deep the merge follows a document. Deeper bodies are refused as a whole with a
 * message instead of overflowing the stack part way through a merge.
 */
export const MAX_DEPTH = 1000;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof ExactNumber);
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
  // Numbers kept as written equal others of the same value, however spelt.
  if (a instanceof ExactNumber) return sameNumber(a, b);
  if (b instanceof ExactNumber) return sameNumber(b, a);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    // NaN cannot come from JSON; numbers and strings compare by value above.
    return false;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const x: unknown = a[i];
      const y: unknown = b[i];
      if (x !== y && !deepEqual(x, y)) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  // for-in rather than Object.keys: no arrays allocated on this hot path. JSON values
  // have no inherited enumerable keys. Equal members (nearly all of them) are settled
  // without a call: a value read from `bo` that is identical to a JSON value of `ao`
  // cannot be inherited (a plain object inherits functions and its prototype, never a
  // JSON value), so only the members that differ need the own-property check.
  let count = 0;
  for (const key in ao) {
    const x = ao[key];
    const y = bo[key];
    if (x !== y && (!hasOwn(bo, key) || !deepEqual(x, y))) return false;
    count++;
  }
  for (const key in bo) if (key !== undefined) count--;
  return count === 0;
}

/**
 * An empty path (keys and indices) that V8 already stores as values of any kind: one that
 * starts as small integers changes its element kind at the first key pushed, which throws
 * away the optimised code of the walk doing the pushing, in every merge.
 */
export function emptyPath(): Array<string | number> {
  const path: Array<string | number> = [''];
  path.length = 0;
  return path;
}

/** `sidesEqualToBase`: the server's value deep-equals the base. */
export const THEIRS_SAME = 1;
/** `sidesEqualToBase`: so does the user's (reported only with THEIRS_SAME). */
export const OURS_SAME = 2;

/**
 * `deepEqual(theirs, base)` as THEIRS_SAME, and in the same walk whether the user's value
 * equals the base too (OURS_SAME), so the user's change list need not walk again what
 * the merge left alone. The user's side is followed only as far as the server's: once
 * the server's value differs the answer is 0, and OURS_SAME is left out (not known, not
 * false) wherever finding it would cost more than the server's side did.
 */
export function sidesEqualToBase(base: unknown, theirs: unknown, ours: unknown): number {
  if (theirs === base) return ours === base || (!isContainer(base) && deepEqual(ours, base)) ? 3 : THEIRS_SAME;
  if (Array.isArray(base)) {
    if (!Array.isArray(theirs) || theirs.length !== base.length) return 0;
    let open = Array.isArray(ours) && ours.length === base.length;
    for (let i = 0; i < base.length; i++) {
      const v: unknown = base[i];
      const x: unknown = theirs[i];
      if (x !== v) {
        if (!open) {
          if (!deepEqual(x, v)) return 0;
          continue;
        }
        const y: unknown = (ours as unknown[])[i];
        if (y === v) {
          if (!deepEqual(x, v)) return 0;
          continue;
        }
        const both = sidesEqualToBase(v, x, y);
        if (both === 0) return 0;
        open = both === 3;
      } else if (open) {
        const y: unknown = (ours as unknown[])[i];
        if (y !== v) open = !isContainer(v) && deepEqual(y, v);
      }
    }
    return open ? 3 : THEIRS_SAME;
  }
  if (!isObject(base)) return deepEqual(theirs, base) ? (deepEqual(ours, base) ? 3 : THEIRS_SAME) : 0;
  if (!isObject(theirs)) return 0;
  let open = isObject(ours);
  const o = ours as JsonObject;
  let count = 0;
  for (const key in base) {
    const v = base[key];
    const x = theirs[key];
    count++;
    if (x !== v) {
      // Inherited members are never JSON values, so an identical one is an own one (see deepEqual).
      if (!hasOwn(theirs, key)) return 0;
      if (!open) {
        if (!deepEqual(x, v)) return 0;
        continue;
      }
      const y = o[key];
      if (y === v) {
        if (!deepEqual(x, v)) return 0;
        continue;
      }
      if (!hasOwn(o, key)) {
        open = false;
        if (!deepEqual(x, v)) return 0;
        continue;
      }
      const both = sidesEqualToBase(v, x, y);
      if (both === 0) return 0;
      open = both === 3;
    } else if (open) {
      const y = o[key];
      // A member the user lacks reads as something inherited, never equal to a scalar.
      if (y !== v) open = !isContainer(v) && deepEqual(y, v);
    }
  }
  if (memberCount(theirs) !== count) return 0;
  return open && memberCount(o) === count ? 3 : THEIRS_SAME;
}

/** An object or array (an exact number is a scalar). */
function isContainer(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !(value instanceof ExactNumber);
}

function memberCount(record: JsonObject): number {
  let count = 0;
  for (const key in record) if (key !== undefined) count++;
  return count;
}

export interface ValueShape {
  /** Deeper than MAX_DEPTH: nothing else was counted. */
  readonly tooDeep: boolean;
  /** Members of all objects together (a repeated key in the text counts once here). */
  readonly members: number;
}

/**
 * Depth and member count of a parsed value. Recursive, but never deeper than MAX_DEPTH
 * frames (the merge itself recurses that far), which the stack holds with room to spare.
 */
export function valueShape(value: unknown): ValueShape {
  const members = countMembers(value, 0);
  return members < 0 ? { tooDeep: true, members: 0 } : { tooDeep: false, members };
}

/** Members of all objects under `value`, or -1 when a container sits at MAX_DEPTH or deeper. */
function countMembers(value: unknown, depth: number): number {
  if (typeof value !== 'object' || value === null || value instanceof ExactNumber) return 0;
  if (depth >= MAX_DEPTH) return -1;
  let members = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const element: unknown = value[i];
      if (typeof element !== 'object' || element === null) continue;
      const inner = countMembers(element, depth + 1);
      if (inner < 0) return -1;
      members += inner;
    }
    return members;
  }
  const record = value as JsonObject;
  for (const key in record) {
    members++;
    const element = record[key];
    if (typeof element !== 'object' || element === null) continue;
    const inner = countMembers(element, depth + 1);
    if (inner < 0) return -1;
    members += inner;
  }
  return members;
}

/**
 * The fields that name a list element across versions, in order of preference: the merge
 * pairs keyed list elements by the first one every element carries with distinct values, and
 * the history's change summary pairs elements the same way.
 */
export const identityKeys = ['id', '_id', 'key', 'name'] as const;
