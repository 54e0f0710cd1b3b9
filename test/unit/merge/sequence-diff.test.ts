import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { diff3Regions } from '../../../src/core/merge/diff3-regions';
import { diffSequences } from '../../../src/core/merge/sequence-diff';

const sequence = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 30 });

/** Rebuilds `b` from `a` and the hunks: proof that the hunks describe every difference. */
function patched(a: readonly string[], b: readonly string[], hunks: ReturnType<typeof diffSequences>): string[] {
  const out: string[] = [];
  let pos = 0;
  for (const hunk of hunks) {
    assert.ok(hunk.aStart >= pos, 'hunks are ordered and disjoint');
    out.push(...a.slice(pos, hunk.aStart), ...b.slice(hunk.bStart, hunk.bEnd));
    pos = hunk.aEnd;
  }
  return [...out, ...a.slice(pos)];
}

describe('sequence diff', () => {
  it('describes every difference between two sequences', () => {
    fc.assert(
      fc.property(sequence, sequence, (a, b) => {
        assert.deepEqual(patched(a, b, diffSequences(a, b)), b);
      }),
      { numRuns: 200 },
    );
  });

  it('finds a minimal edit for small inputs', () => {
    const hunks = diffSequences(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e']);
    assert.deepEqual(hunks, [
      { aStart: 1, aEnd: 2, bStart: 1, bEnd: 2 },
      { aStart: 4, aEnd: 4, bStart: 4, bEnd: 5 },
    ]);
  });

  it('stays exact on long inputs with scattered changes', () => {
    const a = Array.from({ length: 20000 }, (_, i) => `line ${i}`);
    const b = a.map((line, i) => (i % 97 === 5 ? line + ' changed' : line)).filter((_, i) => i % 501 !== 7);
    b.splice(100, 0, 'inserted');
    const hunks = diffSequences(a, b);
    assert.deepEqual(patched(a, b, hunks), b);
    // Each change is its own small hunk, not one giant replacement.
    assert.ok(hunks.every((h) => h.aEnd - h.aStart <= 2 && h.bEnd - h.bStart <= 2));
  });

  it('cuts three versions into regions that cover every side exactly', () => {
    fc.assert(
      fc.property(sequence, sequence, sequence, (base, ours, theirs) => {
        const regions = diff3Regions(base, ours, theirs);
        let b = 0;
        let o = 0;
        let t = 0;
        for (const r of regions) {
          assert.deepEqual([r.baseStart, r.oursStart, r.theirsStart], [b, o, t]);
          if (!r.oursChanged) assert.deepEqual(ours.slice(r.oursStart, r.oursEnd), base.slice(r.baseStart, r.baseEnd));
          if (!r.theirsChanged)
            assert.deepEqual(theirs.slice(r.theirsStart, r.theirsEnd), base.slice(r.baseStart, r.baseEnd));
          [b, o, t] = [r.baseEnd, r.oursEnd, r.theirsEnd];
        }
        assert.deepEqual([b, o, t], [base.length, ours.length, theirs.length]);
      }),
      { numRuns: 200 },
    );
  });
});
