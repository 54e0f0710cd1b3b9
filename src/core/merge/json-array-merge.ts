// Arrays merge two ways. Lists of records that carry an identity (`id`, `_id`, `key`,
// `name`) are matched by it, so adding, editing and removing different records on the two
// sides never collide, whatever their positions. Other lists are ordered sequences:
// diff3 over their elements, with a conflict where both sides changed the same stretch.
import type { TextEdit } from './merge-model';
import { diff3Regions, type Diff3Region } from './diff3-regions';
import {
  childTrie,
  ListPlan,
  renderValue,
  settleBothPresent,
  settleOursOnly,
  settleTheirsOnly,
  type Insertion,
  type JsonMergeContext,
  type VersionTrie,
} from './json-merge-context';
import type { ListLayout } from './json-list-rewrite';
import type { SourceNode } from './json-source-tree';
import { ABSENT, canonicalKey, deepEqual, hasOwn, isObject, type JsonObject } from './json-values';

const IDENTITY_KEYS = ['id', '_id', 'key', 'name'] as const;

export function mergeArray(
  ctx: JsonMergeContext, base: unknown, node: SourceNode, theirs: unknown[], sink: TextEdit[], trie: VersionTrie | undefined,
): void {
  const baseArray = Array.isArray(base) ? (base as unknown[]) : undefined;
  const ours = node.value as unknown[];
  const identity = identityKey(baseArray ? [baseArray, ours, theirs] : [ours, theirs]);
  if (identity) mergeKeyed(ctx, identity, baseArray, node, theirs, sink, trie);
  else mergeSequence(ctx, base, baseArray, node, theirs, sink, trie);
}

/** The identity field every element on every side carries, with no repeats within a side. */
export function identityKey(arrays: ReadonlyArray<readonly unknown[]>): string | undefined {
  for (const key of IDENTITY_KEYS) {
    let total = 0;
    let fits = true;
    for (const array of arrays) {
      const seen = new Set<string>();
      for (const element of array) {
        const id = isObject(element) && hasOwn(element, key) ? element[key] : undefined;
        if (id === undefined || id === null || typeof id === 'object') {
          fits = false;
          break;
        }
        const canonical = canonicalKey(id);
        if (seen.has(canonical)) {
          fits = false;
          break;
        }
        seen.add(canonical);
        total++;
      }
      if (!fits) break;
    }
    if (fits && total > 0) return key;
  }
  return undefined;
}

function mergeKeyed(
  ctx: JsonMergeContext, key: string, base: unknown[] | undefined, node: SourceNode, theirs: unknown[],
  sink: TextEdit[], trie: VersionTrie | undefined,
): void {
  const idOf = (element: unknown): string => canonicalKey((element as JsonObject)[key]);
  const baseById = new Map<string, unknown>();
  for (const element of base ?? []) baseById.set(idOf(element), element);
  const baseOf = (id: string): unknown => (baseById.has(id) ? baseById.get(id) : ABSENT);
  const theirsById = new Map<string, number>();
  theirs.forEach((element, j) => theirsById.set(idOf(element), j));

  const members = node.members;
  const plan = new ListPlan(node);
  const oursById = new Map<string, number>();
  for (let i = 0; i < members.length; i++) {
    const id = idOf(members[i].node.value);
    oursById.set(id, i);
    const j = theirsById.get(id);
    ctx.path.push(i);
    plan.begin(i);
    if (j !== undefined) {
      ctx.mergeNode(ctx, baseOf(id), members[i].node, theirs[j], plan.local, childTrie(trie, i));
    } else if (settleOursOnly(ctx, baseOf(id), members[i].node, plan.local, childTrie(trie, i)) === 'remove') {
      plan.remove(i);
    }
    plan.end(i);
    ctx.path.pop();
  }
  // New records go after every record that precedes them on the server, where the user has it.
  const insertions = new Map<number, Insertion>();
  let anchor = -1;
  theirs.forEach((element, j) => {
    const id = idOf(element);
    const i = oursById.get(id);
    if (i !== undefined) {
      anchor = Math.max(anchor, i);
      return;
    }
    ctx.path.push(j);
    const insertion = settleTheirsOnly(ctx, baseOf(id), element, childTrie(trie, j));
    if (insertion) insertions.set(j, insertion);
    ctx.path.pop();
    if (insertion) plan.add(anchor, insertion);
  });
  const render = (insertion: Insertion, layout: ListLayout): string => renderValue(ctx, insertion, layout);
  if (base && reordered(theirs, baseById, oursById, idOf) && !reordered(node.value as unknown[], baseById, theirsById, idOf)) {
    plan.commitOrdered(ctx, sink, theirsOrder(plan, node, theirs, oursById, insertions, idOf), render);
  } else {
    plan.commit(ctx, sink, render);
  }
}

/** Whether the records all three sides hold appear in another order than in the base. */
function reordered(
  list: readonly unknown[], baseById: ReadonlyMap<string, unknown>, otherById: ReadonlyMap<string, number>,
  idOf: (element: unknown) => string,
): boolean {
  const basePosition = new Map<string, number>();
  let k = 0;
  for (const id of baseById.keys()) basePosition.set(id, k++);
  let last = -1;
  for (const element of list) {
    const id = idOf(element);
    const position = basePosition.get(id);
    if (position === undefined || !otherById.has(id)) continue;
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
  plan: ListPlan, node: SourceNode, theirs: readonly unknown[], oursById: ReadonlyMap<string, number>,
  insertions: ReadonlyMap<number, Insertion>, idOf: (element: unknown) => string,
): Array<number | Insertion> {
  const placed = new Set<number>();
  const spine: Array<number | Insertion> = [];
  theirs.forEach((element, j) => {
    const i = oursById.get(idOf(element));
    if (i !== undefined && !plan.isRemoved(i)) {
      spine.push(i);
      placed.add(i);
    }
    const insertion = insertions.get(j);
    if (insertion) spine.push(insertion);
  });
  // Each unplaced record follows the kept record just before it: chains, one link per record.
  const follower = new Map<number, number>();
  let previousKept = -1;
  for (let i = 0; i < node.members.length; i++) {
    if (plan.isRemoved(i)) continue;
    if (!placed.has(i)) follower.set(previousKept, i);
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
  return order;
}

function mergeSequence(
  ctx: JsonMergeContext, base: unknown, baseArray: unknown[] | undefined, node: SourceNode, theirs: unknown[],
  sink: TextEdit[], trie: VersionTrie | undefined,
): void {
  const ours = node.value as unknown[];
  if (!ctx.threeWay && ours.length === theirs.length) {
    // Without a base, same-length lists compare element by element, so each difference
    // is its own small conflict rather than one for the whole list.
    for (let i = 0; i < ours.length; i++) mergeElement(ctx, ABSENT, node, i, theirs[i], sink, trie);
    return;
  }
  if (!ctx.threeWay || !baseArray) {
    if (!deepEqual(ours, theirs)) settleBothPresent(ctx, base, node, theirs, sink);
    return;
  }
  if (ours.length === baseArray.length && theirs.length === baseArray.length &&
      mergePositional(ctx, baseArray, node, theirs, sink, trie)) {
    return;
  }
  if (deepEqual(theirs, baseArray)) return;
  mergeByDiff3(ctx, baseArray, node, theirs, sink, trie);
}

function mergeElement(
  ctx: JsonMergeContext, base: unknown, node: SourceNode, index: number, theirs: unknown,
  sink: TextEdit[], trie: VersionTrie | undefined,
): void {
  ctx.path.push(index);
  ctx.mergeNode(ctx, base, node.members[index].node, theirs, sink, childTrie(trie, index));
  ctx.path.pop();
}

/**
 * Same length everywhere and no position touched by both sides: element i of each side
 * belongs together, and each position takes the side that changed it. Returns false
 * (having done nothing) when some position was changed by both.
 */
function mergePositional(
  ctx: JsonMergeContext, base: unknown[], node: SourceNode, theirs: unknown[], sink: TextEdit[], trie: VersionTrie | undefined,
): boolean {
  const ours = node.value as unknown[];
  const theirsChanged = new Uint8Array(base.length);
  for (let i = 0; i < base.length; i++) {
    if (deepEqual(theirs[i], base[i])) continue;
    if (!deepEqual(ours[i], base[i])) return false;
    theirsChanged[i] = 1;
  }
  for (let i = 0; i < base.length; i++) if (theirsChanged[i]) mergeElement(ctx, base[i], node, i, theirs[i], sink, trie);
  return true;
}

function mergeByDiff3(
  ctx: JsonMergeContext, base: unknown[], node: SourceNode, theirs: unknown[], sink: TextEdit[], trie: VersionTrie | undefined,
): void {
  const ours = node.value as unknown[];
  const oursKeys = ours.map(canonicalKey);
  const theirsKeys = theirs.map(canonicalKey);
  const regions = diff3Regions(base.map(canonicalKey), oursKeys, theirsKeys).filter((r) => r.theirsChanged);
  const sameBothWays = (r: Diff3Region): boolean =>
    r.oursChanged && sameSlice(oursKeys, r.oursStart, r.oursEnd, theirsKeys, r.theirsStart, r.theirsEnd);
  const paired = (r: Diff3Region): boolean =>
    r.oursEnd - r.oursStart === r.theirsEnd - r.theirsStart && r.baseEnd - r.baseStart === r.theirsEnd - r.theirsStart;
  if (regions.some((r) => r.oursChanged && !sameBothWays(r) && !paired(r))) {
    settleBothPresent(ctx, base, node, theirs, sink, true);
    return;
  }
  const plan = new ListPlan(node);
  for (const r of regions) {
    if (sameBothWays(r)) continue;
    if (paired(r)) {
      for (let k = 0; k < r.theirsEnd - r.theirsStart; k++) {
        const i = r.oursStart + k;
        plan.begin(i);
        mergeElement(ctx, base[r.baseStart + k], node, i, theirs[r.theirsStart + k], plan.local, trie);
        plan.end(i);
      }
      continue;
    }
    // Only the server changed this stretch, so the user's elements there are the base's.
    for (let i = r.oursStart; i < r.oursEnd; i++) plan.remove(i);
    for (let j = r.theirsStart; j < r.theirsEnd; j++) plan.add(r.oursStart - 1, { value: theirs[j] });
  }
  plan.commit(ctx, sink, (insertion, layout) => renderValue(ctx, insertion, layout));
}

function sameSlice(a: readonly string[], aStart: number, aEnd: number, b: readonly string[], bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let k = 0; k < aEnd - aStart; k++) if (a[aStart + k] !== b[bStart + k]) return false;
  return true;
}
