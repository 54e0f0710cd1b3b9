// The probe's verdict from the answers alone: what counts as protected, lost, or unknown.
import { strict as assert } from 'node:assert';
import type { ProbeWrite, WriteOutcome } from '../../../src/core/probe/probe-verdict';
import { judgeProbe } from '../../../src/core/probe/probe-verdict';

function copies(...answers: Array<[WriteOutcome, number?]>): ProbeWrite[] {
  return answers.map(([outcome, status], i) => ({
    index: i + 1,
    kind: 'concurrent',
    outcome,
    ...(status ? { status } : {}),
  }));
}

describe('judgeProbe', () => {
  it('calls two accepted writes based on the same version lost updates, whatever else happened', () => {
    const v = judgeProbe({
      writers: 3,
      writes: copies(['accepted', 200], ['accepted', 200], ['failed']),
      carriesPrecondition: true,
    });
    assert.equal(v.verdict, 'lost-updates');
    assert.equal(v.accepted, 2);
  });

  it('calls one accepted and the rest refused as conflicts protected', () => {
    const v = judgeProbe({
      writers: 3,
      writes: copies(['accepted', 200], ['rejected', 409], ['rejected', 412]),
      carriesPrecondition: true,
    });
    assert.deepEqual([v.verdict, v.accepted, v.rejected, v.requiresPrecondition], ['protected', 1, 2, null]);
  });

  it('is inconclusive on transport errors, unrelated refusals, or when nothing was accepted', () => {
    assert.equal(
      judgeProbe({ writers: 2, writes: copies(['accepted', 200], ['failed']), carriesPrecondition: true }).verdict,
      'inconclusive',
    );
    assert.equal(
      judgeProbe({ writers: 2, writes: copies(['accepted', 200], ['other', 500]), carriesPrecondition: true }).verdict,
      'inconclusive',
    );
    assert.equal(
      judgeProbe({ writers: 2, writes: copies(['rejected', 412], ['rejected', 412]), carriesPrecondition: true })
        .verdict,
      'inconclusive',
    );
  });

  it('learns whether a precondition is required from the copy sent without one', () => {
    const round = copies(['accepted', 200], ['rejected', 412]);
    const extra = (outcome: WriteOutcome, status: number): ProbeWrite => ({
      index: 3,
      kind: 'without-precondition',
      outcome,
      status,
    });
    assert.equal(
      judgeProbe({
        writers: 2,
        writes: [...round, extra('precondition-required', 428)],
        carriesPrecondition: true,
        withoutPrecondition: extra('precondition-required', 428),
      }).requiresPrecondition,
      true,
    );
    const written = judgeProbe({
      writers: 2,
      writes: [...round, extra('accepted', 200)],
      carriesPrecondition: true,
      withoutPrecondition: extra('accepted', 200),
    });
    assert.equal(written.requiresPrecondition, false);
    assert.match(written.summary, /and written/);
    assert.equal(written.accepted, 1, 'the extra copy is not one of the concurrent writes');
  });

  it('counts an API that refuses every unconditional copy with 428 as protected', () => {
    const v = judgeProbe({
      writers: 2,
      writes: copies(['precondition-required', 428], ['precondition-required', 428]),
      carriesPrecondition: false,
    });
    assert.deepEqual([v.verdict, v.requiresPrecondition], ['protected', true]);
  });
});
