// contend(): the one contention loop the CLI's --on-conflict=rebase and the editor's Resolve
// run their rounds through. It pauses before every round after the first (growing, capped),
// stops at the first attempt that is not "again", on cancel, or when the budget is spent.
import { strict as assert } from 'node:assert';
import { contend } from '../../../src/core/conflict/contended-resolve';

describe('the contention loop', () => {
  it('stops at the first attempt that is not "again", after pausing before each later round', async () => {
    const pauses: Array<[number, number]> = [];
    const ran = await contend<string>({
      rounds: 5,
      random: () => 0.5,
      backoff: { baseMs: 100, maxMs: 250, jitter: 0.5 },
      sleep: async (ms, _signal, round) => void pauses.push([round, ms]),
      attempt: async (round) => (round < 4 ? { again: true } : { again: false, result: `done in ${round}` }),
    });
    assert.deepEqual(ran, { kind: 'done', result: 'done in 4', rounds: 4 });
    assert.deepEqual(
      pauses,
      [
        [2, 100],
        [3, 200],
        [4, 250],
      ],
      'doubling, capped, none before the first round',
    );
  });

  it('gives up when every round changed again, and says how many ran', async () => {
    let attempts = 0;
    const ran = await contend<string>({
      rounds: 3,
      sleep: async () => undefined,
      attempt: async () => (attempts++, { again: true, result: 'again' }),
    });
    assert.deepEqual(ran, { kind: 'exhausted', rounds: 3, last: 'again' });
    assert.equal(attempts, 3);
  });

  it('stops without another attempt when cancelled during a pause', async () => {
    const controller = new AbortController();
    let attempts = 0;
    const ran = await contend<string>({
      rounds: 3,
      signal: controller.signal,
      sleep: async () => controller.abort(),
      attempt: async () => (attempts++, { again: true }),
    });
    assert.equal(ran.kind, 'aborted');
    assert.equal(attempts, 1);
  });
});
