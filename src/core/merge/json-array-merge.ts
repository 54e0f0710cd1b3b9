// Arrays merge two ways. Lists of records that carry an identity (`id`, `_id`, `key`,
// `name`) are matched by it, so adding, editing and removing different records on the two
// sides never collide, whatever their positions; only two different new orders do. Other
// lists are ordered sequences (json-sequence-merge.ts).
import type { TextEdit } from './merge-model';
import { ExactNumber } from './exact-number';
import {
  childTrie,
  ListPlan,
  renderValue,
  settleListOrder,
  settleOursOnly,
  settleTheirsOnly,
  theirsUnchanged,
  type Insertion,
  type JsonMergeContext,
  type VersionTrie,
} from './json-merge-context';
import type { ListLayout } from './json-list-rewrite';
import { mergeSequence } from './json-sequence-merge';
import type { SourceNode } from './json-source-tree';
import { ABSENT, hasOwn, identityKeys, isObject, type JsonObject } from './json-values';

export function mergeArray(
  ctx: JsonMergeContext,
  base: unknown,
  node: SourceNode,
  theirs: unknown[],
  sink: TextEdit[],
  trie: VersionTrie | undefined,
): void {
  const baseArray = Array.isArray(base) ? (base as unknown[]) : undefined;
  const ours = node.value as unknown[];
  const identity = identityKey(baseArray ? [baseArray, ours, theirs] : [ours, theirs]);
  if (identity) mergeKeyed(ctx, identity, baseArray, node, theirs, sink, trie);
  else mergeSequence(ctx, base, baseArray, node, theirs, sink, trie);
}

/** The identity field every element on every side carries, with no repeats within a side. */
export function identityKey(arrays: ReadonlyArray<readonly unknown[]>): string | undefined {
  // Keys every first element holds, in order of preference; each is checked through the
  // whole of every list only until one holds, so a list keyed by `id` never has its
  // `name`s hashed.
  let candidates = ALL_KEYS;
  let total = 0;
  for (const array of arrays) {
    candidates &= firstElementKeys(array);
    total += array.length;
  }
  if (total === 0) return undefined;
  for (let k = 0; k < identityKeys.length; k++) {
    if (candidates & (1 << k) && arrays.every((array) => uniqueIds(array, identityKeys[k]))) return identityKeys[k];
  }
  return undefined;
}

// The same parsed arrays are asked about by the merge and by both change lists; only
// long ones are worth remembering.
const REMEMBER_FROM = 64;
const ALL_KEYS = (1 << identityKeys.length) - 1;

/** Bit k set when the first element is a record with a scalar under identityKeys[k] (all bits for an empty list). */
function firstElementKeys(array: readonly unknown[]): number {
  if (array.length === 0) return ALL_KEYS;
  const first = array[0];
  if (!isObject(first)) return 0;
  let mask = 0;
  for (let k = 0; k < identityKeys.length; k++) if (isScalarId(first, identityKeys[k])) mask |= 1 << k;
  return mask;
}

function isScalarId(element: JsonObject, key: string): boolean {
  const id = hasOwn(element, key) ? element[key] : undefined;
  return id !== undefined && id !== null && (typeof id !== 'object' || id instanceof ExactNumber);
}

/**
 * An identity as a Map key: the value itself, so 1 and "1" stay different identities, as
 * they should; a number kept as written by its value (`1.0` is 1), or, past what a double
 * holds (an id past 2^53), by its digits in a string no JSON string maps to (those
 * starting with NUL get one more).
 */
export function identityOf(element: unknown, key: string): unknown {
  const id = (element as JsonObject)[key];
  if (id instanceof ExactNumber) return id.double ?? '\u0000#' + id.canonical;
  if (typeof id === 'string' && id.charCodeAt(0) === 0) return '\u0000' + id;
  return id;
}

/** Position of each identity in one list. */
export interface IdIndex {
  /** `hint`: where the id probably is (the position after the last one found), tried first. */
  get(id: unknown, hint?: number): number | undefined;
  has(id: unknown): boolean;
}

/**
 * Ids that are numbers in strictly increasing order (records as a database lists them)
 * are unique without hashing them, and found by a binary search over the ids themselves.
 */
class AscendingIds implements IdIndex {
  constructor(private readonly ids: Float64Array) {}

  get(id: unknown, hint = -1): number | undefined {
    if (typeof id !== 'number') return undefined;
    const ids = this.ids;
    // Records the three sides share sit at the same or the next position in a long list:
    // one comparison instead of a search.
    if (hint >= 0 && hint < ids.length && ids[hint] === id) return hint;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = ids[mid];
      if (at === id) return mid;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  has(id: unknown): boolean {
    return this.get(id) !== undefined;
  }
}

// Position of each identity, per array and key, kept for long arrays (null: the ids are
// missing or repeat): the check that ids are unique builds exactly the index the keyed
// merge then needs.
const indexes = new WeakMap<readonly unknown[], Map<string, IdIndex | null>>();

/** id → position, or undefined when some element lacks a scalar id or ids repeat. */
function identityIndex(array: readonly unknown[], key: string): IdIndex | undefined {
  const remember = array.length >= REMEMBER_FROM;
  const remembered = remember ? indexes.get(array)?.get(key) : undefined;
  if (remembered !== undefined) return remembered ?? undefined;
  const index = ascendingIds(array, key) ?? hashedIds(array, key);
  if (remember) {
    let byKey = indexes.get(array);
    if (!byKey) {
      byKey = new Map();
      indexes.set(array, byKey);
    }
    byKey.set(key, index ?? null);
  }
  return index;
}

function ascendingIds(array: readonly unknown[], key: string): IdIndex | undefined {
  const ids = new Float64Array(array.length);
  for (let i = 0; i < array.length; i++) {
    const element = array[i];
    if (!isObject(element) || !isScalarId(element, key)) return undefined;
    const id = identityOf(element, key);
    // NaN cannot come from JSON; -0 and 0 are one Map key, and would be one here too.
    if (typeof id !== 'number' || (i > 0 && !(id > ids[i - 1]))) return undefined;
    ids[i] = id;
  }
  return new AscendingIds(ids);
}

function hashedIds(array: readonly unknown[], key: string): IdIndex | undefined {
  const index = new Map<unknown, number>();
  for (let i = 0; i < array.length; i++) {
    const element = array[i];
    if (!isObject(element) || !isScalarId(element, key)) return undefined;
    const id = identityOf(element, key);
    if (index.has(id)) return undefined;
    index.set(id, i);
  }
  return index;
}

function uniqueIds(array: readonly unknown[], key: string): boolean {
  return identityIndex(array, key) !== undefined;
}

type IdOf = (element: unknown) => unknown;

function mergeKeyed(
  ctx: JsonMergeContext,
  key: string,
  base: unknown[] | undefined,
  node: SourceNode,
  theirs: unknown[],
  sink: TextEdit[],
  trie: VersionTrie | undefined,
): void {
  const ours = node.value as unknown[];
  const idOf: IdOf = (element) => identityOf(element, key);
  // identityKey found every id unique, so these indexes exist.
  const baseIndex: IdIndex = base ? identityIndex(base, key)! : new Map<unknown, number>();
  const theirsIndex = identityIndex(theirs, key)!;
  const oursIndex = identityIndex(ours, key)!;
  let baseHint = 0;
  const baseOf = (id: unknown): unknown => {
    const i = baseIndex.get(id, baseHint);
    if (i === undefined) return ABSENT;
    baseHint = i + 1;
    return base![i];
  };

  // Both sides put the records in a new order, and not the same one (or, without a base,
  // simply in different orders): which order stands is the user's call, asked before
  // anything else so a typed list replaces it all.
  let order: 'ours' | 'theirs' = 'ours';
  // Lists whose ids ascend, as the base's do, cannot have moved a record: no walk needed.
  const ascending = baseIndex instanceof AscendingIds;
  const oursMoved =
    !base || (!(ascending && oursIndex instanceof AscendingIds) && reordered(ours, idOf, baseIndex, theirsIndex));
  const theirsMoved =
    !base || (!(ascending && theirsIndex instanceof AscendingIds) && reordered(theirs, idOf, baseIndex, oursIndex));
  if (theirsMoved && !oursMoved) order = 'theirs';
  if (theirsMoved && oursMoved) {
    const oursOrder = commonOrder(ours, idOf, base ? baseIndex : undefined, theirsIndex);
    const theirsOrder = commonOrder(theirs, idOf, base ? baseIndex : undefined, oursIndex);
    if (oursOrder.some((id, k) => id !== theirsOrder[k])) {
      const resolution = settleListOrder(ctx, base ?? ABSENT, node, theirs, key);
      if (resolution?.kind === 'value') {
        sink.push({ start: node.start, end: node.end, newText: resolution.text });
        return;
      }
      if (resolution?.kind === 'theirs') order = 'theirs';
    }
  }

  const plan = new ListPlan(node);
  let theirsHint = 0;
  for (let i = 0; i < ours.length; i++) {
    const id = idOf(ours[i]);
    const j = theirsIndex.get(id, theirsHint);
    if (j !== undefined) theirsHint = j + 1;
    const baseValue = baseOf(id);
    const elementTrie = childTrie(trie, i);
    // The common case in a long list: the server left this record alone. Decided from
    // the values alone, without locating the record in the user's text.
    if (
      j !== undefined &&
      !elementTrie &&
      ctx.threeWay &&
      baseValue !== ABSENT &&
      theirsUnchanged(ctx, theirs[j], baseValue, ours[i])
    )
      continue;
    const member = node.members[i];
    ctx.path.push(i);
    plan.begin(i);
    if (j !== undefined) {
      ctx.mergeNode(ctx, baseValue, member.node, theirs[j], plan.local, elementTrie);
    } else if (settleOursOnly(ctx, baseValue, member.node, plan.local, elementTrie) === 'remove') {
      plan.remove(i);
    }
    plan.end(i);
    ctx.path.pop();
  }
  // New records go after every record that precedes them on the server, where the user has it.
  const insertions = new Map<number, Insertion>();
  let anchor = -1;
  for (let j = 0; j < theirs.length; j++) {
    const id = idOf(theirs[j]);
    const i = oursIndex.get(id);
    if (i !== undefined) {
      anchor = Math.max(anchor, i);
      continue;
    }
    ctx.path.push(j);
    const insertion = settleTheirsOnly(ctx, baseOf(id), theirs[j], childTrie(trie, j));
    ctx.path.pop();
    if (insertion) {
      insertions.set(j, insertion);
      plan.add(anchor, insertion);
    }
  }
  const render = (insertion: Insertion, layout: ListLayout): string => renderValue(ctx, insertion, layout);
  if (order === 'theirs') {
    plan.commitOrdered(ctx, sink, theirsOrder(plan, node, theirs, idOf, oursIndex, insertions), render);
  } else {
    plan.commit(ctx, sink, render);
  }
}

/** The identities all sides hold (both, without a base), in the list's order. */
function commonOrder(
  list: readonly unknown[],
  idOf: IdOf,
  baseIndex: IdIndex | undefined,
  otherIndex: IdIndex,
): unknown[] {
  const order: unknown[] = [];
  for (const element of list) {
    const id = idOf(element);
    if ((!baseIndex || baseIndex.has(id)) && otherIndex.has(id)) order.push(id);
  }
  return order;
}

/** Whether the records all three sides hold appear in another order than in the base. */
function reordered(list: readonly unknown[], idOf: IdOf, baseIndex: IdIndex, otherIndex: IdIndex): boolean {
  let last = -1;
  for (const element of list) {
    const id = idOf(element);
    const position = baseIndex.get(id);
    if (position === undefined || !otherIndex.has(id)) continue;
    if (position < last) return true;
    last = position;
  }
  return false;
}

/**
 * The server reordered the records and the user did not: the server's order, with the
 * user's own additions after the record that precedes them in the user's list.
 */
function theirsOrder(
  plan: ListPlan,
  node: SourceNode,
  theirs: readonly unknown[],
  idOf: IdOf,
  oursIndex: IdIndex,
  insertions: ReadonlyMap<number, Insertion>,
): Array<number | Insertion> {
  const placed = new Set<number>();
  const spine: Array<number | Insertion> = [];
  theirs.forEach((element, j) => {
    const i = oursIndex.get(idOf(element));
    if (i !== undefined && !plan.isRemoved(i)) {
      spine.push(i);
      placed.add(i);
    }
    const insertion = insertions.get(j);
    if (insertion) spine.push(insertion);
  });
  // Each unplaced record follows the kept record just before it (chains, one link per
  // record); those the user added after all the others stay at the end.
  const count = (node.value as unknown[]).length;
  let lastPlaced = -1;
  for (const i of placed) lastPlaced = Math.max(lastPlaced, i);
  const follower = new Map<number, number>();
  const atEnd: number[] = [];
  let previousKept = -1;
  for (let i = 0; i < count; i++) {
    if (plan.isRemoved(i)) continue;
    if (!placed.has(i)) {
      if (i > lastPlaced) atEnd.push(i);
      else follower.set(previousKept, i);
    }
    previousKept = i;
  }
  const order: Array<number | Insertion> = [];
  const withFollowers = (i: number): void => {
    for (let next = follower.get(i); next !== undefined; next = follower.get(next)) order.push(next);
  };
  withFollowers(-1);
  for (const item of spine) {
    order.push(item);
    if (typeof item === 'number') withFollowers(item);
  }
  order.push(...atEnd);
  return order;
}
