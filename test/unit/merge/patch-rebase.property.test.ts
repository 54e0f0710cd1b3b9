// "No change lost without a conflict" for PATCH bodies, checked against an oracle that knows
// nothing of the rebase: the RFC 7396 / RFC 6902 appliers of the fixture server, and each
// writer's intent read off the documents themselves.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { mergeBodies, resolveConflicts } from '../../../src/core/merge/merge-bodies';
import type { MergeInput, MergeResult, Resolution } from '../../../src/core/merge/merge-model';
import { applyJsonPatch, applyMergePatch } from '../../fixtures/servers/patch-documents';
import { fuzzRuns } from '../../support/fuzz-runs';

const RUNS = { numRuns: fuzzRuns(400) };

// ── JSON Merge Patch ──────────────────────────────────────────────────────────────────────

const KEYS = ['a', 'b', 'c', 'd'];
const scalar = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('x', 'y'), fc.boolean());

/** A document: objects over a small key set, so both writers often meet. */
const documentArb: fc.Arbitrary<Record<string, unknown>> = fc
  .letrec<{ obj: Record<string, unknown>; value: unknown }>((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(scalar, { maxLength: 2 }), tie('obj')),
    obj: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 3 }),
  }))
  .obj.map((v) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>);

/** A merge patch: values, nulls (removals) and nested patches. */
const patchArb: fc.Arbitrary<Record<string, unknown>> = fc
  .letrec<{ obj: Record<string, unknown>; value: unknown }>((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, scalar, fc.constant(null), fc.array(scalar, { maxLength: 2 }), tie('obj')),
    obj: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { minKeys: 1, maxKeys: 2 }),
  }))
  .obj.map((v) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Pointers of every non-object value and every object, below the root. */
function pointers(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    out.add(`${prefix}/${k}`);
    pointers(v, `${prefix}/${k}`, out);
  }
  return out;
}

function at(value: unknown, pointer: string): unknown {
  let node = value;
  for (const key of pointer.split('/').slice(1)) {
    if (!isRecord(node) || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b) || (isRecord(a) && isRecord(b));
const equalJson = (a: unknown, b: unknown): boolean => {
  if (isRecord(a) && isRecord(b))
    return (
      Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => k in b && equalJson(a[k], b[k]))
    );
  return JSON.stringify(a) === JSON.stringify(b);
};

/** A change `from → to` at `pointer` survives in `final` (an object survives as an object). */
function survives(pointer: string, to: unknown, final: unknown): boolean {
  const now = at(final, pointer);
  return isRecord(to) ? isRecord(now) : equalJson(now, to);
}

function mergeRebase(base: unknown, ours: unknown, theirs: unknown): MergeResult {
  return mergeBodies({
    base: JSON.stringify(base),
    ours: JSON.stringify(ours, null, 2),
    theirs: JSON.stringify(theirs),
    bodyKind: 'merge-patch',
  });
}

describe('merge patch rebase properties', () => {
  it("a clean rebase resends the patch as written and keeps both writers' changes", () => {
    fc.assert(
      fc.property(documentArb, patchArb, patchArb, (base, server, mine) => {
        const current = applyMergePatch(base, server);
        const result = mergeRebase(base, mine, current);
        if (result.conflicts.length > 0) return;
        assert.deepEqual(JSON.parse(result.merged), mine, 'the patch goes out unchanged');
        const final = applyMergePatch(current, mine);
        const intended = applyMergePatch(base, mine);
        for (const p of new Set([...pointers(base), ...pointers(current), ...pointers(final), ...pointers(intended)])) {
          if (!same(at(base, p), at(current, p)))
            assert.ok(survives(p, at(current, p), final), `the server's change at ${p} was lost`);
          if (!same(at(base, p), at(intended, p)))
            assert.ok(survives(p, at(intended, p), final), `my change at ${p} was lost`);
        }
      }),
      RUNS,
    );
  });

  it('"Take theirs" on every conflict leaves a patch that keeps every change of the server', () => {
    fc.assert(
      fc.property(documentArb, patchArb, patchArb, (base, server, mine) => {
        const current = applyMergePatch(base, server);
        const input: MergeInput = {
          base: JSON.stringify(base),
          ours: JSON.stringify(mine, null, 2),
          theirs: JSON.stringify(current),
          bodyKind: 'merge-patch',
        };
        const open = mergeBodies(input);
        const result = resolveConflicts(
          input,
          new Map(open.conflicts.map((c) => [c.id, { kind: 'theirs' } as Resolution])),
        );
        assert.deepEqual(result.conflicts, []);
        const final = applyMergePatch(current, JSON.parse(result.merged));
        for (const p of new Set([...pointers(base), ...pointers(current), ...pointers(final)])) {
          if (!same(at(base, p), at(current, p)))
            assert.ok(survives(p, at(current, p), final), `the server's change at ${p} was lost: ${result.merged}`);
        }
      }),
      RUNS,
    );
  });

  it('patches and server changes on different top-level fields never conflict', () => {
    fc.assert(
      fc.property(documentArb, patchArb, patchArb, (base, server, mine) => {
        const current = applyMergePatch(base, server);
        const touched = Object.keys({ ...base, ...(current as object) }).filter(
          (k) => !equalJson(base[k], (current as Record<string, unknown>)[k]),
        );
        fc.pre(!Object.keys(mine).some((k) => touched.includes(k)));
        assert.deepEqual(mergeRebase(base, mine, current).conflicts, []);
      }),
      RUNS,
    );
  });
});

// ── JSON Patch ────────────────────────────────────────────────────────────────────────────

interface ListDoc {
  items: string[];
  other: { x: number };
}

type ListOp = { op: string; path: string; from?: string; value?: unknown };

/** Random operations on the list (and one field), each valid where it is played. */
function randomOps(
  start: ListDoc,
  count: number,
  next: () => number,
  prefix: string,
  moves = false,
): { ops: ListOp[]; end: ListDoc; moved: Set<string> } {
  const doc: ListDoc = JSON.parse(JSON.stringify(start)) as ListDoc;
  const ops: ListOp[] = [];
  const moved = new Set<string>();
  let fresh = 0;
  for (let n = 0; n < count; n++) {
    const roll = next();
    const len = doc.items.length;
    const k = Math.floor(next() * len);
    const value = `${prefix}${fresh++}`;
    if (moves && len > 1 && next() < 0.2) {
      const [element] = doc.items.splice(k, 1);
      const to = Math.floor(next() * len);
      ops.push({ op: 'move', from: `/items/${k}`, path: `/items/${to}` });
      doc.items.splice(to, 0, element);
      moved.add(element);
      continue;
    }
    if (roll < 0.2 || len === 0) {
      const at = Math.floor(next() * (len + 1));
      ops.push({ op: 'add', path: `/items/${at}`, value });
      doc.items.splice(at, 0, value);
    } else if (roll < 0.35) {
      ops.push({ op: 'add', path: '/items/-', value });
      doc.items.push(value);
    } else if (roll < 0.55) {
      ops.push({ op: 'remove', path: `/items/${k}` });
      doc.items.splice(k, 1);
    } else if (roll < 0.7) {
      ops.push({ op: 'replace', path: `/items/${k}`, value });
      doc.items[k] = value;
    } else if (roll < 0.85) {
      ops.push({ op: 'test', path: `/items/${k}`, value: doc.items[k] });
    } else {
      const x = Math.floor(next() * 3);
      ops.push({ op: 'replace', path: '/other/x', value: x });
      doc.other.x = x;
    }
  }
  return { ops, end: doc, moved };
}

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** `order` lists, among `list`'s elements, the ones both contain, in the same order. */
function keepsOrder(list: readonly string[], order: readonly string[]): boolean {
  const shared = order.filter((e) => list.includes(e));
  const inList = list.filter((e) => shared.includes(e));
  return JSON.stringify(shared) === JSON.stringify(inList);
}

describe('JSON Patch rebase properties', () => {
  it('a clean rebase applies to the current version and lands every change of both writers in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer(),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (size, seed, serverOps, myOps) => {
          const next = seeded(seed);
          const base: ListDoc = { items: Array.from({ length: size }, (_, i) => `e${i}`), other: { x: 0 } };
          const server = randomOps(base, serverOps, next, 's');
          const mine = randomOps(base, myOps, next, 'u', true);
          const current = server.end;
          const result = mergeBodies({
            base: JSON.stringify(base),
            ours: JSON.stringify(mine.ops, null, 2),
            theirs: JSON.stringify(current),
            bodyKind: 'json-patch',
          });
          const ops = JSON.parse(result.merged) as ListOp[];
          assert.ok(Array.isArray(ops));
          if (result.conflicts.length > 0) return;
          assert.equal(ops.length, mine.ops.length, 'no operation was dropped without a decision');
          const final = applyJsonPatch(current, ops) as ListDoc;
          const removedByMe = base.items.filter((e) => !mine.end.items.includes(e));
          const addedByMe = mine.end.items.filter((e) => !base.items.includes(e));
          const expected = new Set([...current.items.filter((e) => !removedByMe.includes(e)), ...addedByMe]);
          assert.deepEqual(
            new Set(final.items),
            expected,
            `elements: ${JSON.stringify({ base, current, mine: mine.ops, ops, final })}`,
          );
          // The server only inserts, removes and replaces: its order holds for all I did not move.
          assert.ok(
            keepsOrder(
              final.items,
              current.items.filter((e) => !mine.moved.has(e)),
            ),
            `the server's order: ${JSON.stringify({ current, mine: mine.ops, ops, final })}`,
          );
          assert.ok(
            keepsOrder(final.items, mine.end.items),
            `my order: ${JSON.stringify({ base, mine: mine.ops, current, ops, final })}`,
          );
          const iChangedX = mine.end.other.x !== base.other.x;
          const serverChangedX = current.other.x !== base.other.x;
          assert.ok(
            !(iChangedX && serverChangedX && mine.end.other.x !== current.other.x),
            'both changed x differently: that is a conflict',
          );
          assert.equal(final.other.x, iChangedX ? mine.end.other.x : current.other.x);
        },
      ),
      RUNS,
    );
  });

  it('"Take theirs" on every conflict leaves a patch that applies to the current version', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer(),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        (size, seed, serverOps, myOps) => {
          const next = seeded(seed);
          const base: ListDoc = { items: Array.from({ length: size }, (_, i) => `e${i}`), other: { x: 0 } };
          const current = randomOps(base, serverOps, next, 's').end;
          const input: MergeInput = {
            base: JSON.stringify(base),
            ours: JSON.stringify(randomOps(base, myOps, next, 'u', true).ops, null, 2),
            theirs: JSON.stringify(current),
            bodyKind: 'json-patch',
          };
          const decisions = new Map<string, Resolution>();
          let result = mergeBodies(input);
          // Deciding one operation can raise a question about a later one: decide until none is left.
          for (let round = 0; round < 8 && result.conflicts.length > 0; round++) {
            for (const c of result.conflicts) decisions.set(c.id, { kind: 'theirs' });
            result = resolveConflicts(input, decisions);
          }
          assert.deepEqual(result.conflicts, []);
          const ops = JSON.parse(result.merged) as ListOp[];
          assert.doesNotThrow(
            () => applyJsonPatch(current, ops),
            JSON.stringify({ base, current, ours: input.ours, ops }),
          );
        },
      ),
      RUNS,
    );
  });

  it('needs no decision when the server left the list and the field alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer(), fc.integer({ min: 1, max: 3 }), (size, seed, myOps) => {
        const next = seeded(seed);
        const base: ListDoc = { items: Array.from({ length: size }, (_, i) => `e${i}`), other: { x: 0 } };
        const mine = randomOps(base, myOps, next, 'u', true);
        const current = { ...base, extra: 'the server added a field elsewhere' };
        const result = mergeBodies({
          base: JSON.stringify(base),
          ours: JSON.stringify(mine.ops),
          theirs: JSON.stringify(current),
          bodyKind: 'json-patch',
        });
        assert.deepEqual(result.conflicts, []);
        assert.deepEqual(JSON.parse(result.merged), mine.ops, 'nothing moved, so nothing was rewritten');
      }),
      RUNS,
    );
  });
});
