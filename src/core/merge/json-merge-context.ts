// What every step of the JSON merge shares: the user's text, where we are, how to write a
// value into the text, and how a conflict is recorded or settled by the user's decision.
import type { JsonPath, Resolution, TextEdit } from './merge-model';
import type { ConflictLedger } from './conflict-ledger';
import { describeConflict, describeOrderConflict, type ConflictSides } from './json-conflict-words';
import { formatJson, jsonText, lineIndentAt, type JsonStyle } from './json-format';
import { listLayout, rewriteList, type ListEntry, type ListLayout } from './json-list-rewrite';
import { toPointer } from './json-pointer';
import { applyTextEdits } from './text-edits';
import type { SourceNode } from './json-source-tree';
import { ABSENT, deepEqual, OURS_SAME, sidesEqualToBase } from './json-values';

/** The version-token paths as a tree, walked alongside the documents. */
export interface VersionTrie {
  readonly isVersion: boolean;
  readonly children: Map<string, VersionTrie>;
}

export type MergeNode = (
  ctx: JsonMergeContext,
  base: unknown,
  node: SourceNode,
  theirs: unknown,
  sink: TextEdit[],
  trie: VersionTrie | undefined,
) => void;

export interface JsonMergeContext {
  readonly text: string;
  readonly threeWay: boolean;
  readonly style: JsonStyle;
  readonly ledger: ConflictLedger;
  /** Segments from the root to the node being merged; copied only when a conflict needs it. */
  readonly path: Array<string | number>;
  readonly mergeNode: MergeNode;
  /**
   * The server's containers the merge found deep-equal to their base counterpart (server
   * value → base value), so the server's change list skips them instead of comparing
   * them again (see `jsonChanges`). A Map, not a WeakMap: it lives only as long as the
   * merge, and a WeakMap's entries cost the garbage collector a pass of their own.
   */
  readonly sameAsBase: Map<object, unknown>;
  /** The same for the user's containers (user's value → base value). */
  readonly oursSameAsBase: Map<object, unknown>;
}

/**
 * `deepEqual(theirs, base)`, remembered for the server's change list when true; given the
 * user's value there too, whether that equals the base is learnt in the same walk and
 * remembered for the user's change list (the merge does not look there again).
 */
export function theirsUnchanged(ctx: JsonMergeContext, theirs: unknown, base: unknown, ours?: unknown): boolean {
  if (ours === undefined) {
    if (!deepEqual(theirs, base)) return false;
  } else {
    const sides = sidesEqualToBase(base, theirs, ours);
    if (sides === 0) return false;
    if (sides & OURS_SAME && typeof ours === 'object' && ours !== null && ours !== base)
      ctx.oursSameAsBase.set(ours, base);
  }
  if (typeof theirs === 'object' && theirs !== null && theirs !== base) ctx.sameAsBase.set(theirs, base);
  return true;
}

/** What goes into the user's text for a member only the server has (`key` for object members). */
export type Insertion =
  { readonly key?: string; readonly value: unknown } | { readonly key?: string; readonly text: string };

export function buildVersionTrie(paths: readonly JsonPath[]): VersionTrie | undefined {
  if (paths.length === 0) return undefined;
  const root: VersionTrie = { isVersion: false, children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      const key = String(segment);
      let child = node.children.get(key);
      if (!child) {
        child = { isVersion: false, children: new Map() };
        node.children.set(key, child);
      }
      node = child;
    }
    (node as { isVersion: boolean }).isVersion = true;
  }
  return root;
}

export function childTrie(trie: VersionTrie | undefined, segment: string | number): VersionTrie | undefined {
  return trie?.children.get(String(segment));
}

function formatFor(ctx: JsonMergeContext, node: SourceNode, value: unknown): string {
  const multiline = node.kind === 'scalar' ? ctx.style.multiline : ctx.text.slice(node.start, node.end).includes('\n');
  return formatJson(value, { multiline, indent: lineIndentAt(ctx.text, node.start), style: ctx.style });
}

export function replaceNode(ctx: JsonMergeContext, node: SourceNode, value: unknown, sink: TextEdit[]): void {
  sink.push({ start: node.start, end: node.end, newText: formatFor(ctx, node, value) });
}

function serialise(value: unknown): string | undefined {
  return value === ABSENT ? undefined : jsonText(value, true);
}

/** Records a conflict at the current path; returns the user's decision when there is one. */
function conflictAt(
  ctx: JsonMergeContext,
  base: unknown,
  node: SourceNode | undefined,
  theirs: unknown,
  list = false,
  describe: (path: JsonPath, sides: ConflictSides) => string = (path, sides) =>
    describeConflict(path, sides, ctx.threeWay, list),
): Resolution | undefined {
  const path = ctx.path.slice();
  const sides: ConflictSides = {
    base: serialise(base),
    ours: node ? ctx.text.slice(node.start, node.end) : undefined,
    theirs: serialise(theirs),
  };
  return ctx.ledger.decide({
    id: toPointer(path),
    path,
    description: describe(path, sides),
    ...sides,
  }).resolution;
}

/**
 * Both sides reordered a list of records, each differently. Returns the user's decision:
 * `theirs` takes the server's order, `ours` keeps theirs; the records merge either way.
 */
export function settleListOrder(
  ctx: JsonMergeContext,
  base: unknown,
  node: SourceNode,
  theirs: readonly unknown[],
  key: string,
): Resolution | undefined {
  const ids = (list: readonly unknown[]): string[] =>
    list.map((element) => jsonText((element as Record<string, unknown>)[key]));
  return conflictAt(ctx, base, node, theirs, true, (path) =>
    describeOrderConflict(path, key, ids(node.value as unknown[]), ids(theirs), base !== ABSENT),
  );
}

/** Both sides hold a value and they disagree beyond what the merge may decide. */
export function settleBothPresent(
  ctx: JsonMergeContext,
  base: unknown,
  node: SourceNode,
  theirs: unknown,
  sink: TextEdit[],
  list = false,
): void {
  const resolution = conflictAt(ctx, base, node, theirs, list);
  if (resolution?.kind === 'theirs') replaceNode(ctx, node, theirs, sink);
  else if (resolution?.kind === 'value') sink.push({ start: node.start, end: node.end, newText: resolution.text });
}

/** A member the user's body has and the server's has not: keep it, or drop it. */
export function settleOursOnly(
  ctx: JsonMergeContext,
  base: unknown,
  node: SourceNode,
  sink: TextEdit[],
  trie: VersionTrie | undefined,
): 'keep' | 'remove' {
  // A version field the server no longer reports is left as the user wrote it.
  if (trie?.isVersion) return 'keep';
  if (ctx.threeWay) {
    if (base === ABSENT) return 'keep';
    if (deepEqual(node.value, base)) return 'remove';
  }
  const resolution = conflictAt(ctx, base, node, ABSENT);
  if (resolution?.kind === 'theirs') return 'remove';
  if (resolution?.kind === 'value') sink.push({ start: node.start, end: node.end, newText: resolution.text });
  return 'keep';
}

/** A member the server has and the user's body has not: add it, or leave it out. */
export function settleTheirsOnly(
  ctx: JsonMergeContext,
  base: unknown,
  theirs: unknown,
  trie: VersionTrie | undefined,
): Insertion | undefined {
  if (trie?.isVersion) return { value: theirs };
  if (ctx.threeWay) {
    if (base === ABSENT) return { value: theirs };
    if (deepEqual(theirs, base)) return undefined;
  }
  const resolution = conflictAt(ctx, base, undefined, theirs);
  if (resolution?.kind === 'theirs') return { value: theirs };
  if (resolution?.kind === 'value') return { text: resolution.text };
  return undefined;
}

/**
 * Per-member plan of one container: which of the user's members stay (with the edits made
 * inside them) and what is added after which member (-1: before the first).
 */
export class ListPlan {
  readonly local: TextEdit[] = [];
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly removed: Uint8Array;
  private readonly added = new Map<number, Insertion[]>();
  private structural = false;

  constructor(private readonly node: SourceNode) {
    // Counted from the value, so that creating a plan does not locate the members.
    const value = node.value;
    const n = Array.isArray(value) ? value.length : node.members.length;
    this.from = new Int32Array(n);
    this.to = new Int32Array(n);
    this.removed = new Uint8Array(n);
  }

  begin(index: number): void {
    this.from[index] = this.local.length;
  }

  end(index: number): void {
    this.to[index] = this.local.length;
  }

  remove(index: number): void {
    this.removed[index] = 1;
    this.structural = true;
  }

  isRemoved(index: number): boolean {
    return this.removed[index] === 1;
  }

  add(after: number, insertion: Insertion): void {
    const list = this.added.get(after);
    if (list) list.push(insertion);
    else this.added.set(after, [insertion]);
    this.structural = true;
  }

  /** Flushes the plan into `sink`: the inner edits, plus the list's own when members come and go. */
  commit(ctx: JsonMergeContext, sink: TextEdit[], render: (insertion: Insertion, layout: ListLayout) => string): void {
    if (!this.structural) {
      for (const edit of this.local) sink.push(edit);
      return;
    }
    const layout = listLayout(ctx.text, this.node, ctx.style);
    const entries: ListEntry[] = [];
    const pushAdded = (after: number): void => {
      for (const insertion of this.added.get(after) ?? [])
        entries.push({ kind: 'new', text: render(insertion, layout) });
    };
    pushAdded(-1);
    for (let i = 0; i < this.node.members.length; i++) {
      if (this.removed[i]) {
        this.from[i] = this.to[i];
      } else {
        entries.push({ kind: 'kept', index: i });
      }
      pushAdded(i);
    }
    for (let i = 0; i < this.node.members.length; i++) {
      for (let e = this.from[i]; e < this.to[i]; e++) sink.push(this.local[e]);
    }
    for (const edit of rewriteList(ctx.text, this.node, entries, layout, ctx.style)) sink.push(edit);
  }

  /**
   * Flushes the plan with members in a new order (kept member indices and insertions).
   * Moved members carry their inner edits along, folded into their text.
   */
  commitOrdered(
    ctx: JsonMergeContext,
    sink: TextEdit[],
    order: ReadonlyArray<number | Insertion>,
    render: (insertion: Insertion, layout: ListLayout) => string,
  ): void {
    const layout = listLayout(ctx.text, this.node, ctx.style);
    const entries: ListEntry[] = order.map((item) =>
      typeof item === 'number'
        ? { kind: 'kept', index: item, body: this.body(ctx.text, item) }
        : { kind: 'new', text: render(item, layout) },
    );
    for (const edit of rewriteList(ctx.text, this.node, entries, layout, ctx.style)) sink.push(edit);
  }

  private body(text: string, index: number): string {
    const member = this.node.members[index];
    const edits = this.local.slice(this.from[index], this.to[index]);
    const slice = text.slice(member.start, member.end);
    if (edits.length === 0) return slice;
    return applyTextEdits(
      slice,
      edits.map((e) => ({ ...e, start: e.start - member.start, end: e.end - member.start })),
    );
  }
}

/** A new value in the member layout of its container. */
export function renderValue(ctx: JsonMergeContext, insertion: Insertion, layout: ListLayout): string {
  if ('text' in insertion) return insertion.text;
  const multiline = layout.multiline && !layout.compactValues;
  return formatJson(insertion.value, { multiline, indent: layout.memberIndent, style: ctx.style });
}
