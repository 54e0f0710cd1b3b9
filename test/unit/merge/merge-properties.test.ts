import { fuzzRuns } from '../../support/fuzz-runs';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { jsonChanges } from '../../../src/core/merge/json-changes';
import { mergeBodies, resolveConflicts } from '../../../src/core/merge/merge-bodies';
import type { MergeResult } from '../../../src/core/merge/merge-model';
import { applyTextEdits } from '../../../src/core/merge/text-edits';

// Small key and value alphabets, so that sides generated from one base collide often.
const KEYS = ['a', 'b', 'c', 'id', 'name', 'tags'];
const scalar = fc.oneof(
  fc.integer({ min: 0, max: 4 }),
  fc.constantFrom('x', 'y', 'z', ''),
  fc.boolean(),
  fc.constant(null),
);

const jsonValue: fc.Arbitrary<unknown> = fc
  .letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
      // Records with identities, the shape identity-keyed array merging is for.
      fc
        .uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 4 })
        .map((ids) => ids.map((id) => ({ id, v: id % 3 }))),
    ),
    // fast-check builds dictionaries without a prototype; JSON.parse gives plain objects.
  }))
  .value.map((value) => JSON.parse(JSON.stringify(value)) as unknown);

/** A small deterministic random source, so a failing case replays from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** Another side's edit of `value`: some fields changed, removed or added, some elements too. */
function mutate(value: unknown, next: () => number, depth = 0): unknown {
  const roll = next();
  if (roll < 0.08 && depth > 0) return ['x', 3, null, { a: 1 }, [1]][Math.floor(next() * 5)];
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const element of value) {
      const r = next();
      if (r < 0.15) continue;
      out.push(r < 0.45 ? mutate(element, next, depth + 1) : element);
      if (next() < 0.1)
        out.push(
          element && typeof element === 'object' && 'id' in element ? { id: 7 + Math.floor(next() * 5), v: 0 } : 'n',
        );
    }
    if (next() < 0.2)
      out.push(
        value.length > 0 && typeof value[0] === 'object' && value[0] !== null && 'id' in value[0]
          ? { id: 12, v: 1 }
          : 4,
      );
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, element] of Object.entries(value)) {
      const r = next();
      if (r < 0.15) continue;
      out[key] = r < 0.5 ? mutate(element, next, depth + 1) : element;
    }
    if (next() < 0.25) out[KEYS[Math.floor(next() * KEYS.length)]] = 'new';
    return out;
  }
  return roll < 0.5 ? value : ['x', 'y', 1, 2, true, null][Math.floor(next() * 6)];
}

/** The user's text for a value, in one of the ways people write JSON. */
function written(value: unknown, style: number): string {
  switch (style) {
    case 0:
      return JSON.stringify(value);
    case 1:
      return JSON.stringify(value, null, 2);
    case 2:
      return '// my edit\n' + JSON.stringify(value, null, '\t');
    default:
      return JSON.stringify(value, null, 3).replace(/\n/g, '\r\n');
  }
}

function merged(base: unknown, ours: unknown, theirs: unknown, style: number): MergeResult {
  const oursText = written(ours, style);
  const result = mergeBodies({ base: JSON.stringify(base), ours: oursText, theirs: JSON.stringify(theirs, null, 1) });
  assert.equal(result.kind, 'json');
  assert.equal(applyTextEdits(oursText, result.edits), result.merged, 'edits applied to ours give merged');
  if (style === 2) assert.ok(result.merged.startsWith('// my edit\n'), "the user's comment survives");
  return result;
}

/** The merged text as a value: it must always stay readable (comments allowed). */
function valueOf(result: MergeResult): unknown {
  return JSON.parse(result.merged.replace(/^\/\/.*$/m, ''));
}

function at(value: unknown, pointer: string): unknown {
  let current = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !(key in current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The pointer of the outermost list on the way to `pointer`, if there is one. */
function enclosingList(value: unknown, pointer: string): string | undefined {
  const segments = pointer.split('/').slice(1);
  for (let k = 0; k < segments.length; k++) {
    const prefix = segments
      .slice(0, k)
      .map((s) => '/' + s)
      .join('');
    if (Array.isArray(at(value, prefix))) return prefix;
  }
  return undefined;
}

// A fixed seed: the same cases every run (HTTP_CONFLICTS_SEED picks others).
const RUNS = { numRuns: fuzzRuns(200), seed: Number.parseInt(process.env.HTTP_CONFLICTS_SEED ?? '', 10) || 15 };
const styles = fc.integer({ min: 0, max: 3 });

describe('JSON merge properties', () => {
  it("takes the server's version when the user changed nothing", () => {
    fc.assert(
      fc.property(jsonValue, fc.integer(), styles, (base, seed, style) => {
        const theirs = mutate(base, random(seed));
        const result = merged(base, base, theirs, style);
        assert.deepEqual(result.conflicts, []);
        assert.deepEqual(valueOf(result), theirs);
      }),
      RUNS,
    );
  });

  it("keeps the user's version untouched when the server changed nothing", () => {
    fc.assert(
      fc.property(jsonValue, fc.integer(), styles, (base, seed, style) => {
        const ours = mutate(base, random(seed));
        const result = merged(base, ours, base, style);
        assert.deepEqual(result.conflicts, []);
        assert.deepEqual(result.edits, []);
        assert.deepEqual(valueOf(result), ours);
      }),
      RUNS,
    );
  });

  it('needs no decision when both sides made the same change', () => {
    fc.assert(
      fc.property(jsonValue, fc.integer(), styles, (base, seed, style) => {
        const both = mutate(base, random(seed));
        const result = merged(base, both, both, style);
        assert.deepEqual(result.conflicts, []);
        assert.deepEqual(valueOf(result), both);
      }),
      RUNS,
    );
  });

  it('never loses a change from either side without showing it as a conflict', () => {
    fc.assert(
      fc.property(jsonValue, fc.integer(), fc.integer(), styles, (base, seedOurs, seedTheirs, style) => {
        const ours = mutate(base, random(seedOurs));
        const theirs = mutate(base, random(seedTheirs));
        const result = merged(base, ours, theirs, style);
        const value = valueOf(result);
        const covered = (pointer: string): boolean =>
          result.conflicts.some((c) => {
            const id = c.id.replace(/#\d+$/, '');
            return pointer === id || pointer.startsWith(id + '/') || id.startsWith(pointer + '/');
          });
        for (const [side, changes] of [
          [theirs, jsonChanges(base, theirs)],
          [ours, jsonChanges(base, ours)],
        ] as const) {
          for (const change of changes) {
            if (covered(change.at)) continue;
            const list = enclosingList(side, change.at);
            if (list === undefined) {
              // A field reached through objects only: the merged body holds that side's value.
              assert.deepEqual(at(value, change.at), at(side, change.at), `change at ${change.at} is in the result`);
            } else {
              // Inside a list positions shift; the list at least differs from the base.
              assert.notDeepEqual(at(value, list), at(base, list), `change at ${change.at} shows in ${list}`);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('leaves no conflict and a valid body once every conflict is decided', () => {
    fc.assert(
      fc.property(
        jsonValue,
        fc.integer(),
        fc.integer(),
        styles,
        fc.boolean(),
        (base, seedOurs, seedTheirs, style, takeTheirs) => {
          const ours = mutate(base, random(seedOurs));
          const theirs = mutate(base, random(seedTheirs));
          const input = { base: JSON.stringify(base), ours: written(ours, style), theirs: JSON.stringify(theirs) };
          const first = mergeBodies(input);
          const kind = takeTheirs ? 'theirs' : 'ours';
          const decisions = new Map(first.conflicts.map((c) => [c.id, { kind } as const]));
          const resolved = resolveConflicts(input, decisions);
          assert.deepEqual(resolved.conflicts, []);
          assert.equal(applyTextEdits(input.ours, resolved.edits), resolved.merged);
          valueOf(resolved);
          if (!takeTheirs) assert.equal(resolved.merged, first.merged, 'keeping mine changes nothing the merge wrote');
        },
      ),
      RUNS,
    );
  });
});
