// Long lists of records (ids ascending, as a database lists them) merged where positions
// shift: each side removes, adds and edits different records, and sometimes moves one. The
// merge looks records up by id with a guess at their position and skips the order check
// for lists whose ids all ascend; a wrong guess or a wrong skip would put an edit on the
// wrong record, lose a removal, or keep a moved record where it was.
import { fuzzRuns } from '../../support/fuzz-runs';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';

interface Row {
  id: number;
  n: number;
  s: string;
}

const RUNS = { numRuns: fuzzRuns(60), seed: Number.parseInt(process.env.HTTP_CONFLICTS_SEED ?? '', 10) || 21 };

/** One side's plan for a base of `count` records (indices into the base). */
const sidePlan = (count: number) =>
  fc.record({
    removed: fc.uniqueArray(fc.nat(count - 1), { maxLength: 6 }),
    edited: fc.uniqueArray(fc.nat(count - 1), { maxLength: 8 }),
    // Records added after the base record at this index (-1: at the front).
    added: fc.uniqueArray(fc.integer({ min: -1, max: count - 1 }), { maxLength: 4 }),
    // Moves the record at this index to the front, so ids no longer ascend.
    moved: fc.option(fc.nat(count - 1), { nil: undefined }),
  });

const scenario = fc
  .integer({ min: 64, max: 140 })
  .chain((count) => fc.tuple(fc.constant(count), sidePlan(count), sidePlan(count), fc.constantFrom(0, 2)));

function apply(
  base: readonly Row[],
  plan: { removed: number[]; edited: number[]; added: number[]; moved: number | undefined },
  touchable: (index: number) => boolean,
  side: 'ours' | 'theirs',
): Row[] {
  const out: Row[] = [];
  // Base ids are 10, 13, 16, …: an addition after base record k takes the id just after
  // it (ours +1, the server's +2), so ids still ascend and never clash.
  const offset = side === 'ours' ? 1 : 2;
  const addAfter = (index: number): void => {
    if (plan.added.includes(index)) out.push({ id: 10 + index * 3 + offset, n: -1, s: side });
  };
  addAfter(-1);
  base.forEach((row, index) => {
    if (!(touchable(index) && plan.removed.includes(index)))
      out.push(
        touchable(index) && plan.edited.includes(index) ? { ...row, n: row.n + 1000, s: `${row.s} ${side}` } : row,
      );
    addAfter(index);
  });
  if (plan.moved !== undefined && touchable(plan.moved) && !plan.removed.includes(plan.moved)) {
    const at = out.findIndex((row) => row.id === base[plan.moved!].id);
    out.unshift(...out.splice(at, 1));
  }
  return out;
}

/** The ids of base records, in the order `rows` has them. */
const baseOrder = (rows: readonly Row[]): number[] => rows.map((row) => row.id).filter((id) => (id - 10) % 3 === 0);
const ascends = (ids: readonly number[]): boolean => ids.every((id, k) => k === 0 || id > ids[k - 1]);

describe('long lists of records with ascending ids', () => {
  it('merge every removal, addition, edit and move of the two sides onto the right records', () => {
    fc.assert(
      fc.property(scenario, ([count, oursPlan, theirsPlan, indent]) => {
        const base: Row[] = Array.from({ length: count }, (_, i) => ({ id: 10 + i * 3, n: i, s: `r${i}` }));
        // Each side touches only its own records (even for the user, odd for the server),
        // and only one side moves one, so the merge is clean.
        const oursTouch = (i: number): boolean => i % 2 === 0;
        const theirsTouch = (i: number): boolean => i % 2 === 1;
        const oursPlanned = { ...oursPlan, moved: theirsPlan.moved === undefined ? oursPlan.moved : undefined };
        const ours = apply(base, oursPlanned, oursTouch, 'ours');
        const theirs = apply(base, theirsPlan, theirsTouch, 'theirs');
        const result = mergeBodies({
          base: JSON.stringify(base),
          ours: JSON.stringify(ours, null, indent),
          theirs: JSON.stringify(theirs),
        });
        assert.deepEqual(result.conflicts, []);
        const merged = JSON.parse(result.merged) as Row[];

        // Every record either side still has, with the edits made to it and only those.
        const byId = (rows: readonly Row[]): Map<number, Row> => new Map(rows.map((row) => [row.id, row]));
        const oursById = byId(ours);
        const theirsById = byId(theirs);
        const expected = new Map<number, Row>();
        for (const row of base) {
          const mine = oursById.get(row.id);
          const server = theirsById.get(row.id);
          if (mine && server) expected.set(row.id, mine !== row ? mine : server);
        }
        for (const row of [...ours, ...theirs]) if ((row.id - 10) % 3 !== 0) expected.set(row.id, row);
        assert.deepEqual(byId(merged), expected);

        // The side that moved a record decides the order; otherwise the ids still ascend.
        const order = baseOrder(merged);
        if (!ascends(baseOrder(theirs)))
          assert.deepEqual(
            order,
            baseOrder(theirs).filter((id) => expected.has(id)),
          );
        else if (!ascends(baseOrder(ours)))
          assert.deepEqual(
            order,
            baseOrder(ours).filter((id) => expected.has(id)),
          );
        else {
          // Each addition stays right after the base record it followed (two sides' additions
          // after one record may come in either order).
          const group = merged.map((row) => Math.floor((row.id - 10) / 3));
          assert.ok(
            group.every((g, k) => k === 0 || g >= group[k - 1]),
            `ids ascend: ${merged.map((row) => row.id).join(',')}`,
          );
        }
      }),
      RUNS,
    );
  });
});
