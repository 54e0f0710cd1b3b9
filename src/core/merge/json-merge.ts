// Structural three-way merge of JSON bodies, written as edits to the user's own text so
// their comments, key order, indentation and `{{placeholders}}` stay wherever their
// value wins. Objects merge key by key, recursively; a side that left a field as it was
// yields to the side that changed it; two different changes become a conflict that keeps
// the user's value in the text until they decide.
import type { MergeInput, MergeResult, MergeWarning, Resolution, TextEdit } from './merge-model';
import { ConflictLedger } from './conflict-ledger';
import { mergeArray } from './json-array-merge';
import { jsonChanges } from './json-changes';
import { detectStyle, type JsonStyle } from './json-format';
import {
  buildVersionTrie,
  childTrie,
  ListPlan,
  renderValue,
  replaceNode,
  settleBothPresent,
  settleOursOnly,
  settleTheirsOnly,
  theirsUnchanged,
  type JsonMergeContext,
  type VersionTrie,
} from './json-merge-context';
import { pathLabel, toPointer } from './json-pointer';
import type { DuplicateKey } from './json-duplicate-keys';
import type { SourceNode } from './json-source-tree';
import { ABSENT, deepEqual, emptyPath, hasOwn, isObject, member, type JsonObject } from './json-values';
import { applyTextEdits, sortEdits } from './text-edits';

export interface ParsedBodies {
  /** The user's body as a tree over their text. */
  readonly ours: SourceNode;
  /** Keys the user's body repeats (none when left out). */
  readonly duplicateKeys?: readonly DuplicateKey[];
  /** ABSENT in two-way mode. */
  readonly base: unknown;
  readonly theirs: unknown;
}

export function mergeJson(
  input: MergeInput,
  parsed: ParsedBodies,
  decisions?: ReadonlyMap<string, Resolution>,
): MergeResult {
  const threeWay = parsed.base !== ABSENT;
  let style: JsonStyle | undefined;
  const ctx: JsonMergeContext = {
    text: input.ours,
    threeWay,
    // Read only when something is written: finding it may read the whole body.
    get style() {
      style ??= detectStyle(input.ours, parsed.ours);
      return style;
    },
    ledger: new ConflictLedger(decisions),
    path: emptyPath(),
    mergeNode,
    sameAsBase: new Map(),
    oursSameAsBase: new Map(),
  };
  const collected: TextEdit[] = [];
  mergeNode(ctx, parsed.base, parsed.ours, parsed.theirs, collected, buildVersionTrie(input.versionPaths ?? []));
  const edits = sortEdits(collected);
  return {
    kind: 'json',
    mode: threeWay ? 'three-way' : 'two-way',
    merged: applyTextEdits(input.ours, edits),
    edits,
    conflicts: ctx.ledger.conflicts,
    theirsChanges: threeWay ? jsonChanges(parsed.base, parsed.theirs, ctx.sameAsBase) : [],
    oursChanges: threeWay ? jsonChanges(parsed.base, parsed.ours.value, ctx.oursSameAsBase) : [],
    ...(parsed.duplicateKeys?.length ? { warnings: parsed.duplicateKeys.map(duplicateKeyWarning) } : {}),
  };
}

function duplicateKeyWarning(duplicate: DuplicateKey): MergeWarning {
  const path = [...duplicate.path];
  return {
    code: 'duplicate-key',
    at: toPointer(path),
    path,
    message: `${pathLabel(path)} appears ${duplicate.ranges.length} times in your body; JSON readers keep only the last one, so the others are ignored (and the merge writes into the last)`,
    ranges: duplicate.ranges,
  };
}

/** Merges one value the user's body and the server's both hold; `base` may be ABSENT. */
function mergeNode(
  ctx: JsonMergeContext,
  base: unknown,
  node: SourceNode,
  theirs: unknown,
  sink: TextEdit[],
  trie: VersionTrie | undefined,
): void {
  // Nothing the server changed lies below: the user's text stands as it is. (Not where a
  // version field lies below, which takes the server's value even over the user's.)
  if (!trie && ctx.threeWay && base !== ABSENT && theirsUnchanged(ctx, theirs, base, node.value)) return;
  if (trie?.isVersion) {
    // The version token is the server's to set: the current one always goes out.
    if (!deepEqual(node.value, theirs)) replaceNode(ctx, node, theirs, sink);
    return;
  }
  if (node.kind === 'object' && isObject(theirs)) {
    mergeObject(ctx, isObject(base) ? base : ABSENT, node, theirs, sink, trie);
  } else if (node.kind === 'array' && Array.isArray(theirs)) {
    mergeArray(ctx, base, node, theirs, sink, trie);
  } else {
    mergeLeaf(ctx, base, node, theirs, sink);
  }
}

function mergeLeaf(ctx: JsonMergeContext, base: unknown, node: SourceNode, theirs: unknown, sink: TextEdit[]): void {
  const ours = node.value;
  if (deepEqual(ours, theirs)) return;
  if (ctx.threeWay && base !== ABSENT) {
    if (deepEqual(ours, base)) {
      replaceNode(ctx, node, theirs, sink);
      return;
    }
    if (deepEqual(theirs, base)) return;
  }
  settleBothPresent(ctx, base, node, theirs, sink);
}

function mergeObject(
  ctx: JsonMergeContext,
  base: JsonObject | typeof ABSENT,
  node: SourceNode,
  theirs: JsonObject,
  sink: TextEdit[],
  trie: VersionTrie | undefined,
): void {
  // Settle from the values which keys need any work at all; only those make the merge
  // locate members in the user's text, which for a large object is most of the cost.
  const ours = node.value as JsonObject;
  const busy = new Set<string>();
  for (const key in ours) {
    if (childTrie(trie, key) || !hasOwn(theirs, key)) busy.add(key);
    else if (!(
      ctx.threeWay &&
      base !== ABSENT &&
      hasOwn(base, key) &&
      theirsUnchanged(ctx, theirs[key], base[key], ours[key])
    ))
      busy.add(key);
  }
  const added: string[] = [];
  for (const key in theirs) if (!hasOwn(ours, key)) added.push(key);
  if (busy.size === 0 && added.length === 0) return;

  const members = node.members;
  const plan = new ListPlan(node);
  // A repeated key: JSON readers keep the last copy, so that is the one merged into; the
  // earlier copies are ignored when sent, and go when the member goes.
  const oursIndex = new Map<string, number>();
  let repeated: Map<string, number[]> | undefined;
  for (let i = 0; i < members.length; i++) {
    const key = members[i].key!;
    const earlier = oursIndex.get(key);
    if (earlier !== undefined) {
      repeated ??= new Map();
      const list = repeated.get(key) ?? [];
      list.push(earlier);
      repeated.set(key, list);
    }
    oursIndex.set(key, i);
  }
  for (let i = 0; i < members.length; i++) {
    const key = members[i].key!;
    if (!busy.has(key) || oursIndex.get(key) !== i) continue;
    const keyTrie = childTrie(trie, key);
    ctx.path.push(key);
    plan.begin(i);
    const baseValue = base === ABSENT ? ABSENT : member(base, key);
    if (hasOwn(theirs, key)) {
      mergeNode(ctx, baseValue, members[i].node, theirs[key], plan.local, keyTrie);
    } else if (settleOursOnly(ctx, baseValue, members[i].node, plan.local, keyTrie) === 'remove') {
      plan.remove(i);
      for (const copy of repeated?.get(key) ?? []) plan.remove(copy);
    }
    plan.end(i);
    ctx.path.pop();
  }
  if (added.length > 0) {
    let anchor = -1;
    for (const key in theirs) {
      const index = oursIndex.get(key);
      if (index !== undefined) {
        anchor = Math.max(anchor, index);
        continue;
      }
      ctx.path.push(key);
      const baseValue = base === ABSENT ? ABSENT : member(base, key);
      const insertion = settleTheirsOnly(ctx, baseValue, theirs[key], childTrie(trie, key));
      if (insertion) plan.add(anchor, { ...insertion, key });
      ctx.path.pop();
    }
  }
  plan.commit(ctx, sink, (insertion, layout) => {
    return JSON.stringify(insertion.key) + layout.colon + renderValue(ctx, insertion, layout);
  });
}
