// The hand-written sequence diff under the line and array merges, against jsdiff (the `diff`
// package) on small inputs: the hunks must turn a into b, keep what they do not cover
// equal, and — where the diff promises Myers' minimal answer (short inputs, small edit
// distance) — need exactly as many insertions and deletions as jsdiff's.
import { strict as assert } from 'node:assert';
import { diffArrays } from 'diff';
import fc from 'fast-check';
import { diffSequences } from '../../../src/core/merge/sequence-diff';
import { fuzzRuns } from '../../support/fuzz-runs';

// A small alphabet makes repeats (the hard case for a diff) common.
const sequence = fc.array(fc.constantFrom('a', 'b', 'c', 'd', '{', '}', ''), { maxLength: 40 });
// b derived from a by a few edits, so distances range from none to many.
const edited = sequence.chain((a) =>
  fc
    .array(
      fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom('a', 'b', 'x', 'y', '}')),
      { maxLength: 8 },
    )
    .map((edits) => {
      const b: string[] = [...a];
      for (const [at, kind, value] of edits) {
        const i = b.length ? at % (b.length + (kind === 'insert' ? 1 : 0)) : 0;
        if (kind === 'insert') b.splice(i, 0, value);
        else if (b.length && kind === 'delete') b.splice(i, 1);
        else if (b.length) b[i] = value;
      }
      return [a, b] as const;
    }),
);

function apply(a: readonly string[], b: readonly string[], hunks: ReturnType<typeof diffSequences>): string[] {
  const out: string[] = [];
  let at = 0;
  for (const h of hunks) {
    assert.ok(h.aStart >= at && h.aEnd >= h.aStart && h.bEnd >= h.bStart, `hunks in order: ${JSON.stringify(hunks)}`);
    out.push(...a.slice(at, h.aStart), ...b.slice(h.bStart, h.bEnd));
    at = h.aEnd;
  }
  out.push(...a.slice(at));
  return out;
}

describe('the sequence diff, against jsdiff', () => {
  it('turns a into b with hunks in order, and matches jsdiff’s minimal edit count (property)', () => {
    fc.assert(
      fc.property(fc.oneof(edited, fc.tuple(sequence, sequence)), ([a, b]) => {
        const hunks = diffSequences(a, b);
        assert.deepEqual(apply(a, b, hunks), b);
        // What no hunk covers must be equal on both sides, position for position.
        let ai = 0;
        let bi = 0;
        for (const h of [...hunks, { aStart: a.length, aEnd: a.length, bStart: b.length, bEnd: b.length }]) {
          assert.equal(h.aStart - ai, h.bStart - bi, 'unchanged stretches have the same length');
          for (let k = 0; k < h.aStart - ai; k++) assert.equal(a[ai + k], b[bi + k]);
          ai = h.aEnd;
          bi = h.bEnd;
        }
        const ours = hunks.reduce((n, h) => n + (h.aEnd - h.aStart) + (h.bEnd - h.bStart), 0);
        const theirs = diffArrays([...a], [...b]).reduce(
          (n, part) => n + (part.added || part.removed ? (part.count ?? part.value.length) : 0),
          0,
        );
        assert.equal(ours, theirs, `edit count for ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
      }),
      { numRuns: fuzzRuns(1000) },
    );
  });
});
