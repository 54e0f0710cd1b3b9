// Rebase of a JSON Patch (RFC 6902): the operations are replayed twice, on the version the
// user read (as they meant them) and on the current version (as they will run), with array
// elements tracked by identity. That gives each operation its place in the current
// version — indices move with the server's inserts and removals — and tells what the
// server changed where the operation acts: a `test` that fails now, a target or parent
// that is gone, a value the server changed under a replace or remove, an insert where the
// server inserted too. The rebased patch is the user's operation list with the new
// indices; a decision keeps or drops an operation, or updates a `test` to the current
// value. The body stays an array of operations.
//
// Without a base nothing tells what the server changed: an operation conflicts unless it
// appends (`…/-`), changes nothing, acts inside what the patch itself created, or an
// earlier `test` that passes now pins the value it acts on.
import type { Change, JsonPath, MergeInput, MergeResult, Resolution, TextEdit } from './merge-model';
import { ConflictLedger } from './conflict-ledger';
import { jsonChanges } from './json-changes';
import { toPointer } from './json-pointer';
import { parseJsonValue, parseSourceTree } from './json-source-tree';
import { ABSENT, deepEqual, hasOwn, isObject } from './json-values';
import { applyTextEdits, sortEdits } from './text-edits';
import type { ValidOp } from './json-patch-ops';
import { opWords, readOps } from './json-patch-ops';
import { compilePatterns, isPrefixPath, underAnyPath, underPattern } from './json-pointer-syntax';
import { formatLike, removeMembers, replaceValue, serverValueText } from './patch-text';
import { pointerLabel, serverChange, shortJson, unknownServerState } from './patch-words';
import { childOf, cloneJson, IdSource, isIndex, TaggedDocument } from './tagged-document';

type Mapped = { readonly ok: true; readonly path: string[] } | { readonly ok: false; readonly reason: string };

interface Verdict {
  readonly conflict?: { readonly why: string; readonly base?: unknown; readonly theirs?: unknown };
  /** Where the operation acts in the current version (holder paths, `['root', …]`). */
  readonly path?: string[];
  readonly from?: string[];
  /** The current value a `test` compares with, for "take theirs". */
  readonly current?: unknown;
  /** A version or server-managed field: the operation carries the current value, no question asked. */
  readonly tokenValue?: unknown;
}

/** A change of the server that an operation made too, found again by identity. */
interface Agreement {
  container: object;
  /** Object key, or the element's identity in an array. */
  key: string | number;
  readonly pointer: readonly string[];
  readonly before: unknown;
  readonly after: unknown;
}

const full = (segments: readonly string[]): string[] => ['root', ...segments];
const outer = (holderPath: readonly string[]): string[] => holderPath.slice(1);

function serialise(value: unknown): string | undefined {
  return value === ABSENT || value === undefined ? undefined : JSON.stringify(value, null, 2);
}

class Replay {
  readonly ids = new IdSource();
  readonly mine: TaggedDocument;
  readonly theirs: TaggedDocument;
  /** Containers the patch itself put into the current version. */
  private readonly made = new WeakSet<object>();
  /** Values an earlier passing `test` pinned (current-version holder paths). */
  private readonly pinned: string[][] = [];
  private readonly agreed: Agreement[] = [];

  constructor(
    base: unknown,
    current: unknown,
    readonly threeWay: boolean,
    private readonly tokenLike: (path: JsonPath) => boolean,
  ) {
    this.mine = new TaggedDocument(cloneJson(base), this.ids);
    this.mine.tagFresh(this.mine.holder.root);
    this.theirs = new TaggedDocument(cloneJson(current), this.ids);
    this.theirs.tagLike(this.theirs.holder.root, this.mine, this.mine.holder.root);
  }

  /** The current-version path of something that exists in the user's version. */
  mapExisting(path: readonly string[], allowMissingInMine = false): Mapped {
    let mine: unknown = this.mine.holder;
    let theirs: unknown = this.theirs.holder;
    const out: string[] = [];
    for (let d = 0; d < path.length; d++) {
      const segment = path[d];
      const at = pointerLabel(outer(path.slice(0, d + 1)));
      if (Array.isArray(mine)) {
        if (!isIndex(segment, mine.length, false))
          return { ok: false, reason: `it does not apply to ${this.readVersion} (no ${at} there)` };
        if (!Array.isArray(theirs))
          return {
            ok: false,
            reason: `${pointerLabel(outer(path.slice(0, d)))} is no longer a list in the current version`,
          };
        const j = this.theirs.idsOf(theirs).indexOf(this.mine.idsOf(mine)[Number(segment)]);
        if (j < 0)
          return {
            ok: false,
            reason: `${at} is no longer in the current version (the server removed or replaced that element)`,
          };
        out.push(String(j));
        mine = mine[Number(segment)];
        theirs = theirs[j];
      } else if (isObject(mine) || (allowMissingInMine && mine === ABSENT)) {
        const inMine = isObject(mine) && hasOwn(mine, segment);
        if (!inMine && !allowMissingInMine)
          return { ok: false, reason: `it does not apply to ${this.readVersion} (no ${at} there)` };
        if (!isObject(theirs) || !hasOwn(theirs, segment))
          return { ok: false, reason: `${at} is no longer in the current version (the server removed it)` };
        out.push(segment);
        mine = inMine ? (mine as Record<string, unknown>)[segment] : ABSENT;
        theirs = theirs[segment];
      } else {
        return { ok: false, reason: `it does not apply to ${this.readVersion} (no ${at} there)` };
      }
    }
    return { ok: true, path: out };
  }

  /** The current-version path where an `add` (or a move's or copy's target) goes. */
  mapInsert(path: readonly string[]): Mapped {
    const parent = this.mapExisting(path.slice(0, -1));
    if (!parent.ok) return parent;
    const last = path[path.length - 1];
    const mine = this.mine.get(path.slice(0, -1));
    const theirs = this.theirs.get(parent.path);
    const parentLabel = pointerLabel(outer(path.slice(0, -1)));
    if (isObject(mine)) {
      if (!isObject(theirs))
        return { ok: false, reason: `${parentLabel} is no longer an object in the current version` };
      return { ok: true, path: [...parent.path, last] };
    }
    if (!Array.isArray(mine))
      return {
        ok: false,
        reason: `it does not apply to ${this.readVersion} (${parentLabel} is not a container there)`,
      };
    if (!Array.isArray(theirs))
      return { ok: false, reason: `${parentLabel} is no longer a list in the current version` };
    if (last === '-') return { ok: true, path: [...parent.path, '-'] };
    if (!isIndex(last, mine.length, true))
      return {
        ok: false,
        reason: `it does not apply to ${this.readVersion} (${parentLabel} has ${mine.length} elements)`,
      };
    const k = Number(last);
    // At the end of the list it is an append: after everything, the server's appends too.
    if (k === mine.length) return { ok: true, path: [...parent.path, String(theirs.length)] };
    const mineIds = this.mine.idsOf(mine);
    const theirIds = this.theirs.idsOf(theirs);
    let left = -1;
    for (let i = k - 1; i >= 0 && left < 0; i--) left = theirIds.indexOf(mineIds[i]);
    let right = theirs.length;
    for (let i = k; i < mine.length; i++) {
      const j = theirIds.indexOf(mineIds[i]);
      if (j >= 0) {
        right = j;
        break;
      }
    }
    if (right !== left + 1) {
      return {
        ok: false,
        reason: `the server inserted, removed or moved elements of ${parentLabel} at that very place, so where yours belongs is ambiguous`,
      };
    }
    return { ok: true, path: [...parent.path, String(right)] };
  }

  /** Records that an operation matched a change of the server at `path` (current version). */
  agree(path: readonly string[], pointer: readonly string[], before: unknown, after: unknown): void {
    const parent = this.theirs.get(path.slice(0, -1));
    const last = path[path.length - 1];
    if (typeof parent !== 'object' || parent === null) return;
    const key = Array.isArray(parent) ? this.theirs.idsOf(parent)[Number(last)] : last;
    this.agreed.push({ container: parent, key, pointer, before, after });
  }

  /** A change of the server an earlier operation agreed with, at, above or below `path`. */
  agreedNear(path: readonly string[]): Agreement | undefined {
    for (const agreement of this.agreed) {
      const at = this.locate(agreement);
      if (at && (isPrefixPath(at, path) || isPrefixPath(path, at))) return agreement;
    }
    return undefined;
  }

  /** Where an agreed change lives now: its container found by identity, since indices move. */
  private locate(agreement: Agreement): string[] | undefined {
    const path = pathTo(this.theirs.holder, agreement.container);
    if (!path) return undefined;
    if (!Array.isArray(agreement.container)) return [...path, String(agreement.key)];
    const index = this.theirs.idsOf(agreement.container).indexOf(agreement.key as number);
    return index < 0 ? undefined : [...path, String(index)];
  }

  /** `previous` is about to be replaced by `next`: agreements inside it move to the same place in `next`. */
  carryAgreements(previous: unknown, next: unknown): void {
    for (const agreement of this.agreed) {
      const relative = pathTo(previous, agreement.container);
      if (!relative) continue;
      let target: unknown = next;
      for (const segment of relative) target = childOf(target, segment);
      if (typeof target !== 'object' || target === null || Array.isArray(target) !== Array.isArray(agreement.container))
        continue;
      if (Array.isArray(target)) {
        const index = this.theirs.idsOf(agreement.container as unknown[]).indexOf(agreement.key as number);
        const ids = this.theirs.idsOf(target);
        if (index < 0 || index >= ids.length) continue;
        agreement.key = ids[index];
      }
      agreement.container = target;
    }
  }

  pin(path: string[]): void {
    this.pinned.push(path);
  }

  /** Without a base: is the value at this current-version path known to be what the user meant? */
  vouchedFor(path: readonly string[]): boolean {
    if (this.pinned.some((p) => isPrefixPath(p, path))) return true;
    let node: unknown = this.theirs.holder;
    for (const segment of path) {
      node = childOf(node, segment);
      if (node === ABSENT) return false;
      if (typeof node === 'object' && node !== null && this.made.has(node)) return true;
    }
    return false;
  }

  markMade(value: unknown): void {
    if (typeof value === 'object' && value !== null) this.made.add(value);
  }

  /** The version the operations were written against, as a sentence names it. */
  get readVersion(): string {
    return this.threeWay ? 'the version your edit started from' : 'the current version';
  }

  isToken(path: readonly string[]): boolean {
    return this.tokenLike(outer(path));
  }
}

/** The path from `root` to the container `target` (by identity), or undefined. */
function pathTo(root: unknown, target: object): string[] | undefined {
  if (root === target) return [];
  if (Array.isArray(root)) {
    for (let i = 0; i < root.length; i++) {
      const found = pathTo(root[i], target);
      if (found) return [String(i), ...found];
    }
  } else if (isObject(root)) {
    for (const key of Object.keys(root)) {
      const found = pathTo(root[key], target);
      if (found) return [key, ...found];
    }
  }
  return undefined;
}

/** A write to a value that exists on both sides (replace, remove, add over a member). */
function judgeWrite(
  replay: Replay,
  op: ValidOp,
  mine: unknown,
  theirs: unknown,
  path: string[],
  writes: unknown,
): Verdict['conflict'] {
  if (writes !== ABSENT && deepEqual(writes, theirs)) {
    // The server made this very change: no question now, but a later operation that
    // undoes it must not pass as untouched just because both versions agree from here on.
    if (replay.threeWay && !deepEqual(mine, theirs)) replay.agree(path, op.path, mine, theirs);
    return undefined;
  }
  if (replay.threeWay) {
    if (!deepEqual(mine, theirs)) return { why: serverChange(op.path, mine, theirs), base: mine, theirs };
    const agreed = replay.agreedNear(path);
    if (!agreed) return undefined;
    return {
      why: `${serverChange(agreed.pointer, agreed.before, agreed.after)}, which an earlier operation of yours had accepted`,
      base: agreed.before,
      theirs,
    };
  }
  if (replay.vouchedFor(path)) return undefined;
  return { why: unknownServerState(op.path, theirs), theirs };
}

function judgeInsert(replay: Replay, op: ValidOp, target: string[], value: unknown): Verdict {
  const parentMine = replay.mine.get(full(op.path).slice(0, -1));
  if (Array.isArray(parentMine)) {
    const appends = target[target.length - 1] === '-' || op.path[op.path.length - 1] === String(parentMine.length);
    if (replay.threeWay || appends || replay.vouchedFor(target.slice(0, -1))) return { path: target };
    return {
      path: target,
      conflict: {
        why: `with no earlier version to compare, where the server's list ${pointerLabel(op.path.slice(0, -1))} stands now is unknown`,
        theirs: replay.theirs.get(target.slice(0, -1)),
      },
    };
  }
  const mine = replay.mine.get(full(op.path));
  const theirs = replay.theirs.get(target);
  if (replay.isToken(target)) return { path: target, ...(theirs === ABSENT ? {} : { tokenValue: theirs }) };
  return { path: target, conflict: judgeWrite(replay, op, mine, theirs, target, value) };
}

function evaluate(replay: Replay, op: ValidOp): Verdict {
  const path = full(op.path);
  switch (op.op) {
    case 'test': {
      const mapped = replay.mapExisting(path, true);
      const now = mapped.ok ? replay.theirs.get(mapped.path) : ABSENT;
      if (mapped.ok && replay.isToken(mapped.path) && now !== ABSENT)
        return { path: mapped.path, tokenValue: now, current: now };
      if (mapped.ok && deepEqual(now, op.value)) {
        replay.pin(mapped.path);
        return { path: mapped.path };
      }
      const has =
        now === ABSENT
          ? `the current version has no ${pointerLabel(op.path)}`
          : `the current version has ${shortJson(now)}`;
      return {
        ...(mapped.ok ? { path: mapped.path } : {}),
        current: now,
        conflict: { why: has, base: replay.mine.get(path), theirs: now },
      };
    }
    case 'remove':
    case 'replace': {
      const mapped = replay.mapExisting(path);
      if (!mapped.ok) return { conflict: { why: mapped.reason } };
      const theirs = replay.theirs.get(mapped.path);
      if (replay.isToken(mapped.path))
        return { path: mapped.path, ...(op.op === 'replace' ? { tokenValue: theirs } : {}) };
      const mine = replay.mine.get(path);
      return {
        path: mapped.path,
        conflict: judgeWrite(replay, op, mine, theirs, mapped.path, op.op === 'replace' ? op.value : ABSENT),
      };
    }
    case 'add': {
      const mapped = replay.mapInsert(path);
      if (!mapped.ok) return { conflict: { why: mapped.reason } };
      return judgeInsert(replay, op, mapped.path, op.value);
    }
    case 'copy':
    case 'move': {
      const fromPath = full(op.from!);
      const from = replay.mapExisting(fromPath);
      if (!from.ok) return { conflict: { why: from.reason } };
      if (!replay.threeWay && !replay.vouchedFor(from.path)) {
        return {
          from: from.path,
          conflict: {
            why: unknownServerState(op.from!, replay.theirs.get(from.path)),
            theirs: replay.theirs.get(from.path),
          },
        };
      }
      const value = replay.theirs.get(from.path);
      if (op.op === 'copy') {
        const mapped = replay.mapInsert(path);
        if (!mapped.ok) return { from: from.path, conflict: { why: mapped.reason } };
        return { ...judgeInsert(replay, op, mapped.path, value), from: from.path };
      }
      // A move's target is read after its source is gone (RFC 6902 §4.4).
      const undo = takeOut(replay, fromPath, from.path);
      const mapped = replay.mapInsert(path);
      const verdict = mapped.ok ? judgeInsert(replay, op, mapped.path, value) : { conflict: { why: mapped.reason } };
      undo();
      return { ...verdict, from: from.path };
    }
  }
}

/** Removes a value from both versions; the answer puts it back exactly. */
function takeOut(replay: Replay, minePath: string[], theirPath: string[]): () => void {
  const mineId = replay.mine.idAt(minePath) ?? 0;
  const theirId = replay.theirs.idAt(theirPath) ?? 0;
  const mineValue = replay.mine.remove(minePath);
  const theirValue = replay.theirs.remove(theirPath);
  return () => {
    replay.mine.add(minePath, mineValue, mineId);
    replay.theirs.add(theirPath, theirValue, theirId);
  };
}

/** Plays the operation on the user's version, as written. False when it does not apply there. */
function applyMine(replay: Replay, op: ValidOp): { id: number; value?: unknown } | false {
  const doc = replay.mine;
  const path = full(op.path);
  const id = replay.ids.next();
  switch (op.op) {
    case 'test':
      return { id };
    case 'remove':
      if (doc.get(path) !== ABSENT) doc.remove(path);
      else return false;
      return { id };
    case 'replace': {
      if (doc.get(path) === ABSENT) return false;
      const value = cloneJson(op.value);
      doc.tagFresh(value);
      doc.replace(path, value);
      return { id, value };
    }
    case 'add': {
      if (!insertableInMine(doc, path)) return false;
      const value = cloneJson(op.value);
      doc.tagFresh(value);
      doc.add(path, value, id);
      return { id, value };
    }
    case 'copy':
    case 'move': {
      const from = full(op.from!);
      if (doc.get(from) === ABSENT) return false;
      if (op.op === 'move') {
        const movedId = doc.idAt(from) ?? id;
        const value = doc.remove(from);
        if (!insertableInMine(doc, path)) {
          doc.add(from, value, movedId);
          return false;
        }
        doc.add(path, value, movedId);
        return { id: movedId, value };
      }
      if (!insertableInMine(doc, path)) return false;
      const value = cloneJson(doc.get(from));
      doc.tagFresh(value);
      doc.add(path, value, id);
      return { id, value };
    }
  }
}

function insertableInMine(doc: TaggedDocument, path: string[]): boolean {
  const parent = doc.get(path.slice(0, -1));
  const last = path[path.length - 1];
  if (isObject(parent)) return true;
  return Array.isArray(parent) && (last === '-' || isIndex(last, parent.length, true));
}

/** Plays the operation on the current version at its rebased place. */
function applyTheirs(
  replay: Replay,
  op: ValidOp,
  verdict: Verdict,
  value: unknown,
  mine: { id: number; value?: unknown },
): void {
  const doc = replay.theirs;
  const path = verdict.path;
  if (!path) return;
  const placed = (v: unknown): unknown => {
    const copy = cloneJson(v);
    if (mine.value !== undefined) doc.tagLike(copy, replay.mine, mine.value);
    else doc.tagFresh(copy);
    replay.markMade(copy);
    return copy;
  };
  try {
    switch (op.op) {
      case 'test':
        return;
      case 'remove':
        doc.remove(path);
        return;
      case 'replace':
      case 'add':
      case 'copy': {
        const next = placed(op.op === 'copy' ? doc.get(verdict.from!) : value);
        const previous = doc.get(path);
        if (op.op === 'replace') {
          replay.carryAgreements(previous, next);
          doc.replace(path, next);
        } else {
          if (!Array.isArray(doc.get(path.slice(0, -1)))) replay.carryAgreements(previous, next);
          doc.add(path, next, mine.id);
        }
        return;
      }
      case 'move': {
        const id = doc.idAt(verdict.from!) ?? mine.id;
        const moved = doc.remove(verdict.from!);
        doc.add(path, moved, id);
        return;
      }
    }
  } catch {
    // An operation kept against the current version that cannot run there (the user chose
    // to keep it): later operations are judged without it.
  }
}

function oursChanges(op: ValidOp, before: unknown): Change[] {
  const at = op.pathText;
  const text = (v: unknown) => (v === ABSENT || v === undefined ? {} : { after: JSON.stringify(v) });
  switch (op.op) {
    case 'add':
      return [
        {
          at,
          kind: before === ABSENT ? 'added' : 'changed',
          ...(before === ABSENT ? {} : { before: JSON.stringify(before) }),
          ...text(op.value),
        },
      ];
    case 'replace':
      return [
        { at, kind: 'changed', ...(before === ABSENT ? {} : { before: JSON.stringify(before) }), ...text(op.value) },
      ];
    case 'remove':
      return [{ at, kind: 'removed', ...(before === ABSENT ? {} : { before: JSON.stringify(before) }) }];
    case 'move':
      return [
        { at: op.fromText!, kind: 'removed' },
        { at, kind: 'added' },
      ];
    case 'copy':
      return [{ at, kind: 'added' }];
    case 'test':
      return [];
  }
}

/** Undefined when the body is not a JSON array, or the current version is not JSON. */
export function rebaseJsonPatch(
  input: MergeInput,
  decisions?: ReadonlyMap<string, Resolution>,
): MergeResult | undefined {
  const root = parseSourceTree(input.ours, { resolvePlaceholders: input.resolvePlaceholders });
  if (!root || root.kind !== 'array' || !Array.isArray(root.value)) return undefined;
  const theirsParsed = parseJsonValue(input.theirs);
  if (!theirsParsed.ok) return undefined;
  const baseParsed = input.base === undefined ? undefined : parseJsonValue(input.base);
  const threeWay = baseParsed?.ok === true;
  const base = baseParsed?.ok ? baseParsed.value : theirsParsed.value;
  const managed = compilePatterns(input.serverManagedPaths);
  const replay = new Replay(
    base,
    theirsParsed.value,
    threeWay,
    (p) => underAnyPath(p, input.versionPaths) || underPattern(p, managed),
  );

  const ledger = new ConflictLedger(decisions);
  const edits: TextEdit[] = [];
  const dropped = new Set<number>();
  const changes: Change[] = [];
  const text = input.ours;

  for (const op of readOps(root)) {
    if (!op.valid) {
      const { resolution } = ledger.decide({
        id: `/${op.index}`,
        path: [op.index],
        description: `operation ${op.index + 1}: ${op.problem}`,
        ours: text.slice(op.node.start, op.node.end),
      });
      if (resolution?.kind === 'theirs') dropped.add(op.index);
      else if (resolution?.kind === 'value') edits.push(replaceValue(op.node, resolution.text));
      continue;
    }
    const before = threeWay ? replay.mine.get(full(op.path)) : ABSENT;
    const verdict = evaluate(replay, op);
    let value = op.value;
    let drop = false;
    if (verdict.conflict) {
      const { why, base: was, theirs } = verdict.conflict;
      const { resolution } = ledger.decide({
        id: `/${op.index}`,
        path: [op.index],
        description: `${opWords(op)}; ${why}`,
        base: serialise(was),
        ours: text.slice(op.node.start, op.node.end),
        theirs: serialise(theirs),
      });
      if (resolution?.kind === 'theirs') {
        // "Take theirs" on a test: the test now expects the current value. On anything
        // else: the operation leaves the patch, and the server's value stays.
        if (op.op === 'test' && verdict.current !== ABSENT && verdict.current !== undefined && op.valueNode) {
          value = verdict.current;
          edits.push(
            replaceValue(
              op.valueNode,
              serverValueText(input.theirs, outer(verdict.path ?? []), value) ?? formatLike(text, op.valueNode, value),
            ),
          );
        } else drop = true;
      } else if (resolution?.kind === 'value' && op.valueNode) {
        edits.push(replaceValue(op.valueNode, resolution.text));
        try {
          value = JSON.parse(resolution.text);
        } catch {
          /* kept as text; the replay goes on with the written value */
        }
      }
    } else if (verdict.tokenValue !== undefined && op.valueNode && !deepEqual(verdict.tokenValue, op.value)) {
      value = verdict.tokenValue;
      edits.push(
        replaceValue(
          op.valueNode,
          serverValueText(input.theirs, outer(verdict.path ?? []), value) ?? formatLike(text, op.valueNode, value),
        ),
      );
    }

    const mine = applyMine(replay, op);
    if (threeWay && mine) changes.push(...oursChanges(op, before));
    if (drop) {
      dropped.add(op.index);
      continue;
    }
    if (mine && (!verdict.conflict || verdict.path)) applyTheirs(replay, op, verdict, value, mine);
    if (verdict.path) {
      const rebased = toPointer(outer(verdict.path));
      if (rebased !== op.pathText) edits.push(replaceValue(op.pathNode, JSON.stringify(rebased)));
    }
    if (verdict.from && op.fromNode) {
      const rebased = toPointer(outer(verdict.from));
      if (rebased !== op.fromText) edits.push(replaceValue(op.fromNode, JSON.stringify(rebased)));
    }
  }

  const kept = edits.filter(
    (e) => ![...dropped].some((i) => e.start >= root.members[i].start && e.end <= root.members[i].end),
  );
  kept.push(...removeMembers(text, root, dropped));
  const sorted = sortEdits(kept);
  return {
    kind: 'json',
    mode: threeWay ? 'three-way' : 'two-way',
    merged: applyTextEdits(text, sorted),
    edits: sorted,
    conflicts: ledger.conflicts,
    theirsChanges: threeWay ? jsonChanges(base, theirsParsed.value) : [],
    oursChanges: changes,
  };
}
