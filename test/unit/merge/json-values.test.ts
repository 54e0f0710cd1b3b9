// deepEqual settles members that are the same value without asking whether the other object
// owns them (a plain object inherits functions and its prototype, never a JSON value); these
// pin the cases where a member missing on one side reads as something inherited.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { fuzzRuns } from '../../support/fuzz-runs';
import { jsonChanges } from '../../../src/core/merge/json-changes';
import { parseJsonValue } from '../../../src/core/merge/json-source-tree';
import { deepEqual, OURS_SAME, sidesEqualToBase, THEIRS_SAME } from '../../../src/core/merge/json-values';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';

// JSON texts from a tiny alphabet, so independent ones are often equal; keys a plain object
// inherits, and numbers that are equal in other spellings or past what a double holds.
const KEYS = ['a', 'b', '__proto__', 'constructor'];
const SCALARS = ['1', '1.0', '10e-1', '"1"', 'null', 'true', '12345678901234567890', '1234567890123456789.0e1', '0'];
const jsonText: fc.Arbitrary<string> = fc.letrec<{ text: string }>((tie) => ({
  text: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...SCALARS),
    fc.array(tie('text'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
    fc
      .uniqueArray(fc.tuple(fc.constantFrom(...KEYS), tie('text')), { maxLength: 3, selector: ([key]) => key })
      .map((members) => `{${members.map(([key, value]) => `"${key}":${value}`).join(',')}}`),
  ),
})).text;

function read(text: string): unknown {
  const parsed = parseJsonValue(text);
  assert.ok(parsed.ok, text);
  return parsed.value;
}

/** The base's text with one scalar value (never a key) spelt as another scalar. */
function edited(base: string, pick: number, scalar: string): string {
  const values = [...base.matchAll(/(?<=[[,:])(?:[^[\]{},:"]+|"1")(?=[\]},])/g)];
  if (values.length === 0) return base;
  const chosen = values[pick % values.length];
  return base.slice(0, chosen.index) + scalar + base.slice(chosen.index + chosen[0].length);
}

/** Another side's text: the base's own (read again), the base's with one value edited, or one of its own. */
const sideOf = (base: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(base),
    fc.tuple(fc.nat(), fc.constantFrom(...SCALARS)).map(([pick, scalar]) => edited(base, pick, scalar)),
    jsonText,
  );

describe('deepEqual of JSON values', () => {
  it('tells a "__proto__" member from the prototype an object without it inherits', () => {
    // Same member count on both sides, and `{}` is deep-equal to Object.prototype's own
    // enumerable members (none): only the own-property check tells these apart.
    const withProto = JSON.parse('{"__proto__": {}, "a": 1}') as unknown;
    assert.equal(deepEqual(withProto, { a: 1, b: {} }), false);
    assert.equal(deepEqual({ a: 1, b: {} }, withProto), false);
    assert.equal(deepEqual(withProto, JSON.parse('{"a": 1, "__proto__": {}}')), true);
  });

  it('tells members named like inherited ones from their absence', () => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const own = JSON.parse(`{"${key}": {}, "a": 1}`) as unknown;
      assert.equal(deepEqual(own, { a: 1, b: {} }), false, key);
      assert.equal(deepEqual({ a: 1, b: {} }, own), false, key);
      assert.equal(deepEqual(own, JSON.parse(`{"a": 1, "${key}": {}}`)), true, key);
    }
  });

  it('compares both sides with the base in one walk: the server exactly, the user never wrongly (property)', () => {
    const triple = jsonText.chain((base) => fc.tuple(fc.constant(base), sideOf(base), sideOf(base)));
    fc.assert(
      fc.property(triple, ([baseText, theirsText, oursText]) => {
        const [base, theirs, ours] = [read(baseText), read(theirsText), read(oursText)];
        const sides = sidesEqualToBase(base, theirs, ours);
        assert.equal((sides & THEIRS_SAME) !== 0, deepEqual(theirs, base), 'the server side is exact');
        if (sides & OURS_SAME) {
          assert.ok(sides & THEIRS_SAME, 'the user side is told only alongside the server side');
          assert.ok(deepEqual(ours, base), 'a user value called equal to the base is equal');
        }
        // Both sides the base's own text, read again: equal on both, and found so.
        if (theirsText === baseText && oursText === baseText) assert.equal(sides, THEIRS_SAME | OURS_SAME);
      }),
      { numRuns: fuzzRuns(400) },
    );
  });

  it("gives the merge's change lists the same as a fresh walk of each side (property)", () => {
    const triple = jsonText.chain((base) => fc.tuple(fc.constant(base), sideOf(base), sideOf(base)));
    // Inside records, so the merge descends and compares the sides member by member.
    const wrap = (text: string, other: string): string =>
      `{"keep":${other},"x":${text},"list":[{"id":1,"v":${text}},{"id":2,"v":${other}}]}`;
    fc.assert(
      fc.property(triple, jsonText, ([baseText, theirsText, oursText], other) => {
        const [base, theirs, ours] = [wrap(baseText, other), wrap(theirsText, other), wrap(oursText, other)];
        const result = mergeBodies({ base, ours, theirs, contentType: 'application/json' });
        assert.equal(result.kind, 'json');
        assert.deepEqual(result.oursChanges, jsonChanges(read(base), read(ours)));
        assert.deepEqual(result.theirsChanges, jsonChanges(read(base), read(theirs)));
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('lets the merge see that the server replaced a "__proto__" member', () => {
    const base = '{"__proto__": {}, "a": 1}';
    const result = mergeBodies({ base, ours: base, theirs: '{"a": 1, "b": {}}', contentType: 'application/json' });
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(JSON.parse(result.merged), { a: 1, b: {} });
    assert.equal(Object.prototype.hasOwnProperty.call(JSON.parse(result.merged), '__proto__'), false);
  });
});
