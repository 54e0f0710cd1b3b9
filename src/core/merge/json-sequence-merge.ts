// Lists without an identity key are ordered sequences of whole values, merged by diff3
// over their elements: a stretch only one side changed takes that side's elements; a
// stretch both changed the same way is kept; a stretch both changed differently is a
// conflict. The merge looks inside elements (and so can merge two edits of one element)
// only where each side's diff shows the element modified in place — the stretch keeps its
// length on both sides and lines up position by position — and even then an element both
// sides changed is a conflict: an edit to a row cannot be told apart from a replacement
// of it (the server's new `sku` may be another product, and the user's `qty` was meant
// for the old one), and pairing by position across a reorder or an insert plus a delete
// would put one side's edit on another element.
import type { TextEdit } from './merge-model';
import { diff3FromHunks, type Diff3Region } from './diff3-regions';
import {
  childTrie,
  ListPlan,
  renderValue,
  settleBothPresent,
  type JsonMergeContext,
  type VersionTrie,
} from './json-merge-context';
import type { SourceNode } from './json-source-tree';
import { ABSENT, deepEqual } from './json-values';
import { diffSymbols, type Hunk } from './sequence-diff';
import { internValues } from './value-symbols';

export function mergeSequence(
  ctx: JsonMergeContext,
  base: unknown,
  baseArray: unknown[] | undefined,
  node: SourceNode,
  theirs: unknown[],
  sink: TextEdit[],
  trie: VersionTrie | undefined,
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
  if (deepEqual(theirs, baseArray)) return;
  mergeByDiff3(ctx, baseArray, node, theirs, sink, trie);
}

function mergeElement(
  ctx: JsonMergeContext,
  base: unknown,
  node: SourceNode,
  index: number,
  theirs: unknown,
  sink: TextEdit[],
  trie: VersionTrie | undefined,
): void {
  ctx.path.push(index);
  ctx.mergeNode(ctx, base, node.members[index].node, theirs, sink, childTrie(trie, index));
  ctx.path.pop();
}

function conflictOnElement(
  ctx: JsonMergeContext,
  base: unknown,
  node: SourceNode,
  index: number,
  theirs: unknown,
  sink: TextEdit[],
): void {
  ctx.path.push(index);
  settleBothPresent(ctx, base, node.members[index].node, theirs, sink);
  ctx.path.pop();
}

/** What the merge does to one stretch the server changed. */
type Step =
  /** Only the server changed it: the user's elements there (the base's) give way to the server's. */
  | { readonly kind: 'replace'; readonly region: Diff3Region }
  /** Lined up element by element: `take` the server's changed element, or a conflict on it. */
  | { readonly kind: 'element'; readonly take: boolean; readonly k: number; readonly i: number; readonly j: number };

function mergeByDiff3(
  ctx: JsonMergeContext,
  base: unknown[],
  node: SourceNode,
  theirs: unknown[],
  sink: TextEdit[],
  trie: VersionTrie | undefined,
): void {
  const ours = node.value as unknown[];
  const { lists, symbolCount } = internValues([base, ours, theirs]);
  const [baseKeys, oursKeys, theirsKeys] = lists;
  const oursHunks = diffSymbols(baseKeys, oursKeys, symbolCount);
  const theirsHunks = diffSymbols(baseKeys, theirsKeys, symbolCount);
  const oursAt = inPlace(base.length, oursHunks);
  const theirsAt = inPlace(base.length, theirsHunks);
  const steps: Step[] = [];
  let clean = true;
  for (const r of diff3FromHunks(base.length, oursHunks, theirsHunks)) {
    if (!r.theirsChanged) continue;
    if (r.oursChanged && sameSlice(oursKeys, r.oursStart, r.oursEnd, theirsKeys, r.theirsStart, r.theirsEnd)) continue;
    if (!alignedRegion(r, r.oursChanged ? oursAt : undefined, theirsAt)) {
      if (r.oursChanged) {
        clean = false;
        break;
      }
      steps.push({ kind: 'replace', region: r });
      continue;
    }
    for (let k = r.baseStart; k < r.baseEnd; k++) {
      const i = r.oursStart + (k - r.baseStart);
      const j = r.theirsStart + (k - r.baseStart);
      if (theirsKeys[j] === baseKeys[k] || theirsKeys[j] === oursKeys[i]) continue;
      steps.push({ kind: 'element', take: oursKeys[i] === baseKeys[k], k, i, j });
    }
  }
  if (!clean || !countsAddUp(baseKeys, oursKeys, theirsKeys, steps, symbolCount)) {
    settleBothPresent(ctx, base, node, theirs, sink, true);
    return;
  }
  const plan = new ListPlan(node);
  for (const step of steps) {
    if (step.kind === 'replace') {
      const r = step.region;
      for (let i = r.oursStart; i < r.oursEnd; i++) plan.remove(i);
      for (let j = r.theirsStart; j < r.theirsEnd; j++) plan.add(r.oursStart - 1, { value: theirs[j] });
      continue;
    }
    plan.begin(step.i);
    if (step.take) mergeElement(ctx, base[step.k], node, step.i, theirs[step.j], plan.local, trie);
    else conflictOnElement(ctx, base[step.k], node, step.i, theirs[step.j], plan.local);
    plan.end(step.i);
  }
  plan.commit(ctx, sink, (insertion, layout) => renderValue(ctx, insertion, layout));
}

/**
 * The promise, counted: each side's change to how many times a value occurs lands once.
 * For every value, the merged list holds base + (ours − base) + (theirs − base) copies,
 * or base + the change when both sides made the same one. diff3 alone breaks this when
 * both sides moved or added the same value at different places (it would then appear
 * twice), or when one moved what the other removed; those become a conflict. Elements left
 * to a conflict count on no side.
 */
function countsAddUp(
  baseKeys: Int32Array,
  oursKeys: Int32Array,
  theirsKeys: Int32Array,
  steps: readonly Step[],
  symbolCount: number,
): boolean {
  const b = new Int32Array(symbolCount);
  const o = new Int32Array(symbolCount);
  const t = new Int32Array(symbolCount);
  for (const key of baseKeys) b[key]++;
  for (const key of oursKeys) o[key]++;
  for (const key of theirsKeys) t[key]++;
  const merged = o.slice();
  for (const step of steps) {
    if (step.kind === 'replace') {
      const r = step.region;
      for (let i = r.oursStart; i < r.oursEnd; i++) merged[oursKeys[i]]--;
      for (let j = r.theirsStart; j < r.theirsEnd; j++) merged[theirsKeys[j]]++;
    } else if (step.take) {
      merged[oursKeys[step.i]]--;
      merged[theirsKeys[step.j]]++;
    } else {
      b[baseKeys[step.k]]--;
      o[oursKeys[step.i]]--;
      t[theirsKeys[step.j]]--;
      merged[oursKeys[step.i]]--;
    }
  }
  for (let key = 0; key < symbolCount; key++) {
    const oursDelta = o[key] - b[key];
    const theirsDelta = t[key] - b[key];
    if (merged[key] !== b[key] + oursDelta + (oursDelta === theirsDelta ? 0 : theirsDelta)) return false;
  }
  return true;
}

/**
 * For each base position, the position of the same element on the side when the side's
 * diff keeps it in place: unchanged, or within a replacement of as many elements by as
 * many. -1 where it was removed, or replaced by a stretch of another length.
 */
function inPlace(baseLength: number, hunks: readonly Hunk[]): Int32Array {
  const at = new Int32Array(baseLength).fill(-1);
  let a = 0;
  let b = 0;
  for (const hunk of hunks) {
    while (a < hunk.aStart) at[a++] = b++;
    if (hunk.aEnd - hunk.aStart === hunk.bEnd - hunk.bStart) {
      for (let k = hunk.aStart; k < hunk.aEnd; k++) at[k] = hunk.bStart + (k - hunk.aStart);
    }
    a = hunk.aEnd;
    b = hunk.bEnd;
  }
  while (a < baseLength) at[a++] = b++;
  return at;
}

/** Whether the region has the base's length on the sides given and each lines up with it. */
function alignedRegion(r: Diff3Region, oursAt: Int32Array | undefined, theirsAt: Int32Array): boolean {
  const length = r.baseEnd - r.baseStart;
  if (length === 0 || r.theirsEnd - r.theirsStart !== length) return false;
  if (oursAt && r.oursEnd - r.oursStart !== length) return false;
  for (let k = r.baseStart; k < r.baseEnd; k++) {
    if (theirsAt[k] !== r.theirsStart + (k - r.baseStart)) return false;
    if (oursAt && oursAt[k] !== r.oursStart + (k - r.baseStart)) return false;
  }
  return true;
}

function sameSlice(a: Int32Array, aStart: number, aEnd: number, b: Int32Array, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let k = 0; k < aEnd - aStart; k++) if (a[aStart + k] !== b[bStart + k]) return false;
  return true;
}
