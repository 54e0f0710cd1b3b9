// Rebase of a JSON Merge Patch (RFC 7396): the patch is a change set, not the resource.
// Members it leaves out are untouched by it, `null` removes, objects recurse, anything else
// (arrays included) replaces the value whole. So the rebased patch is the user's patch as
// written — only the server decides everything the patch does not mention — and a conflict
// exists only where the server changed (base → current) a path the patch writes, or a
// container above it or a value below it, to something other than what the patch writes.
import type { Change, JsonPath, MergeInput, MergeResult, Resolution, TextEdit } from './merge-model';
import { ConflictLedger } from './conflict-ledger';
import { jsonChanges } from './json-changes';
import { toPointer } from './json-pointer';
import type { SourceNode } from './json-source-tree';
import { parseJsonValue, parseSourceTree } from './json-source-tree';
import { ABSENT, deepEqual, isObject, member } from './json-values';
import { applyTextEdits, sortEdits } from './text-edits';
import type { PathPattern } from './json-pointer-syntax';
import {
  compilePatterns,
  isPrefixPath,
  samePath,
  underAnyPath,
  underPattern,
  valueAtPath,
} from './json-pointer-syntax';
import { formatLike, removeMembers, replaceValue, serverValueText } from './patch-text';
import { moreChanges, patchWrite, serverChange, unknownServerState } from './patch-words';

export interface ServerChange {
  readonly path: JsonPath;
  readonly before: unknown;
  readonly after: unknown;
  /** An object the server created where there was none: writing inside it adds to it. */
  readonly created: boolean;
}

/** One value the patch writes: a leaf (`null` = remove), or `{}` (make sure an object is there). */
interface PatchWrite {
  readonly path: JsonPath;
  readonly value: unknown;
  readonly node: SourceNode;
  readonly container: SourceNode;
  /** Every member of `container` with this key: a repeated key must go entirely. */
  readonly indexes: readonly number[];
  readonly ensureObject: boolean;
}

interface Parent {
  readonly container: SourceNode;
  readonly indexes: readonly number[];
}

/**
 * What the server changed, as the smallest paths: objects by key, everything else whole.
 * An object that appeared is recorded as created *and* by its members, so a patch writing
 * beside the server's new members adds to them instead of clashing with them.
 */
export function serverChanges(base: unknown, current: unknown, ignore: (path: JsonPath) => boolean): ServerChange[] {
  const out: ServerChange[] = [];
  const walk = (b: unknown, c: unknown, path: Array<string | number>): void => {
    if (b === c || ignore(path)) return;
    if (isObject(b) && isObject(c)) {
      for (const key of Object.keys(b)) {
        path.push(key);
        walk(b[key], member(c, key), path);
        path.pop();
      }
      for (const key of Object.keys(c)) {
        if (member(b, key) !== ABSENT) continue;
        path.push(key);
        walk(ABSENT, c[key], path);
        path.pop();
      }
      return;
    }
    if (b === ABSENT && isObject(c)) {
      out.push({ path: path.slice(), before: ABSENT, after: c, created: true });
      for (const key of Object.keys(c)) {
        path.push(key);
        walk(ABSENT, c[key], path);
        path.pop();
      }
      return;
    }
    if (!deepEqual(b, c)) out.push({ path: path.slice(), before: b, after: c, created: false });
  };
  walk(base, current, []);
  return out;
}

/** Does the server's change touch what a write at `path` decides? */
export function touches(change: ServerChange, path: JsonPath): boolean {
  if (isPrefixPath(path, change.path)) return true;
  return !change.created && isPrefixPath(change.path, path);
}

function collectWrites(node: SourceNode, path: JsonPath, writes: PatchWrite[], parents: Map<SourceNode, Parent>): void {
  const members = node.members;
  const byKey = new Map<string, number[]>();
  members.forEach((m, i) => {
    const list = byKey.get(m.key!);
    if (list) list.push(i);
    else byKey.set(m.key!, [i]);
  });
  for (const [key, indexes] of byKey) {
    // JSON keeps the last of repeated keys: that one is what the server applies.
    const last = members[indexes[indexes.length - 1]];
    const value = last.node.value;
    const at = [...path, key];
    if (last.node.kind === 'object' && isObject(value) && Object.keys(value).length > 0) {
      parents.set(last.node, { container: node, indexes });
      collectWrites(last.node, at, writes, parents);
    } else {
      writes.push({ path: at, value, node: last.node, container: node, indexes, ensureObject: isObject(value) });
    }
  }
}

/** Applying the write to the current version would change nothing there. */
function alreadyApplied(write: PatchWrite, current: unknown): boolean {
  let node = current;
  for (const segment of write.path) {
    if (!isObject(node)) return false;
    node = member(node, String(segment));
  }
  if (write.ensureObject) return isObject(node);
  if (write.value === null) return node === ABSENT;
  return deepEqual(node, write.value);
}

function serialise(value: unknown): string | undefined {
  return value === ABSENT ? undefined : JSON.stringify(value, null, 2);
}

/** The server change a sentence should name: at the path itself, else the closest above, else below. */
function primaryChange(related: readonly ServerChange[], path: JsonPath): ServerChange {
  return (
    related.find((c) => samePath(c.path, path)) ??
    [...related].filter((c) => isPrefixPath(c.path, path)).sort((a, b) => b.path.length - a.path.length)[0] ??
    related[0]
  );
}

function oursChangeOf(write: PatchWrite, base: unknown): Change | undefined {
  if (write.ensureObject) return undefined;
  const before = valueAtPath(base, write.path);
  if (write.value === null ? before === ABSENT : deepEqual(before, write.value)) return undefined;
  return {
    at: toPointer(write.path),
    kind: write.value === null ? 'removed' : before === ABSENT ? 'added' : 'changed',
    ...(before === ABSENT ? {} : { before: JSON.stringify(before) }),
    ...(write.value === null ? {} : { after: JSON.stringify(write.value) }),
  };
}

/** Undefined when the body is not a JSON object, or the current version is not JSON. */
export function rebaseMergePatch(
  input: MergeInput,
  decisions?: ReadonlyMap<string, Resolution>,
): MergeResult | undefined {
  const root = parseSourceTree(input.ours, { resolvePlaceholders: input.resolvePlaceholders });
  if (!root || root.kind !== 'object' || !isObject(root.value)) return undefined;
  const theirsParsed = parseJsonValue(input.theirs);
  if (!theirsParsed.ok) return undefined;
  const current = theirsParsed.value;
  const baseParsed = input.base === undefined ? undefined : parseJsonValue(input.base);
  const threeWay = baseParsed?.ok === true;
  const base = baseParsed?.ok ? baseParsed.value : ABSENT;

  const managed: PathPattern[] = compilePatterns(input.serverManagedPaths);
  const tokenLike = (path: JsonPath) => underAnyPath(path, input.versionPaths) || underPattern(path, managed);
  const changes = threeWay ? serverChanges(base, current, tokenLike) : [];

  const writes: PatchWrite[] = [];
  const parents = new Map<SourceNode, Parent>();
  collectWrites(root, [], writes, parents);

  const ledger = new ConflictLedger(decisions);
  const edits: TextEdit[] = [];
  const removals = new Map<SourceNode, Set<number>>();
  const remove = (container: SourceNode, indexes: readonly number[]) => {
    let set = removals.get(container);
    if (!set) removals.set(container, (set = new Set()));
    for (const i of indexes) set.add(i);
  };

  for (const write of writes) {
    const now = valueAtPath(current, write.path);
    if (tokenLike(write.path)) {
      // A version or server-managed field the patch names carries the current value.
      if (now !== ABSENT && !deepEqual(now, write.value)) {
        edits.push(
          replaceValue(
            write.node,
            serverValueText(input.theirs, write.path, now) ?? formatLike(input.ours, write.node, now),
          ),
        );
      }
      continue;
    }
    if (alreadyApplied(write, current)) continue;
    let description: string;
    if (threeWay) {
      const related = changes.filter((c) => touches(c, write.path));
      if (related.length === 0) continue;
      const primary = primaryChange(related, write.path);
      description = `${patchWrite(write.path, write.value)}; ${serverChange(primary.path, primary.before, primary.after)}${moreChanges(related.length - 1)}`;
    } else {
      description = `${patchWrite(write.path, write.value)}; ${unknownServerState(write.path, now)}`;
    }
    const { resolution } = ledger.decide({
      id: toPointer(write.path),
      path: write.path,
      description,
      base: threeWay ? serialise(valueAtPath(base, write.path)) : undefined,
      ours: input.ours.slice(write.node.start, write.node.end),
      theirs: serialise(now),
    });
    // Taking theirs leaves the path to the server: the member leaves the patch.
    if (resolution?.kind === 'theirs') remove(write.container, write.indexes);
    else if (resolution?.kind === 'value') edits.push(replaceValue(write.node, resolution.text));
  }

  // An object the patch wrote into whose every member left goes too: `{"a": {}}` would
  // still create `a` where the server has none.
  for (const node of [...parents.keys()].reverse()) {
    const removed = removals.get(node);
    const parent = parents.get(node)!;
    if (removed && removed.size === node.members.length) {
      removals.delete(node);
      remove(parent.container, parent.indexes);
    }
  }
  for (const [container, indexes] of removals) edits.push(...removeMembers(input.ours, container, indexes));

  const sorted = sortEdits(edits);
  return {
    kind: 'json',
    mode: threeWay ? 'three-way' : 'two-way',
    merged: applyTextEdits(input.ours, sorted),
    edits: sorted,
    conflicts: ledger.conflicts,
    theirsChanges: threeWay ? jsonChanges(base, current) : [],
    oursChanges: threeWay ? writes.map((w) => oursChangeOf(w, base)).filter((c): c is Change => c !== undefined) : [],
  };
}
