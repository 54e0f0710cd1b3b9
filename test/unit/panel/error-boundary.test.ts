// The shell's error boundary, in plain Node with a recording host: one message, the stack in
// the log, quiet cancellations, and a wrapped command that never rejects.
import { strict as assert } from 'node:assert';
import type { BoundaryHost } from '../../../src/extension/lifecycle/error-boundary';
import { guarded, isCancellation, plainSentence, showLogButton } from '../../../src/extension/lifecycle/error-boundary';

function recordingHost(pick?: string) {
  const calls = { errors: [] as Array<[string, unknown]>, infos: [] as string[], shown: [] as string[][], logShown: 0 };
  const host: BoundaryHost = {
    logError: (m, e) => void calls.errors.push([m, e]),
    logInfo: (m) => void calls.infos.push(m),
    showError: (m, ...buttons) => {
      calls.shown.push([m, ...buttons]);
      return Promise.resolve(pick);
    },
    showLog: () => void calls.logShown++,
  };
  return { host, calls };
}
const settle = () => new Promise((r) => setImmediate(r));

describe('the command error boundary', () => {
  it('turns a thrown error into one message with Show Log, and logs the error itself (with its stack)', async () => {
    const { host, calls } = recordingHost();
    const boom = new TypeError("Cannot read properties of undefined (reading 'uri')\n    at somewhere");
    const result = await guarded(host, 'Rebase', () => {
      throw boom;
    })();
    await settle();
    assert.equal(result, undefined);
    assert.deepEqual(calls.shown, [
      ["Rebase failed: Cannot read properties of undefined (reading 'uri')", showLogButton],
    ]);
    assert.equal(calls.errors.length, 1);
    assert.equal(calls.errors[0][1], boom, 'the log gets the error, so its stack');
    assert.equal(calls.logShown, 0);
  });

  it('catches a rejected promise as well as a throw, and opens the log when asked', async () => {
    const { host, calls } = recordingHost(showLogButton);
    await guarded(host, 'Resend', async () => Promise.reject(new Error('socket closed')))();
    await settle();
    assert.deepEqual(calls.shown, [['Resend failed: socket closed', showLogButton]]);
    assert.equal(calls.logShown, 1);
  });

  it('stays quiet on a cancellation', async () => {
    const { host, calls } = recordingHost();
    const cancelled = Object.assign(new Error('Canceled'), { name: 'Canceled' });
    await guarded(host, 'Send Request', () => Promise.reject(cancelled))();
    await settle();
    assert.deepEqual(calls.shown, []);
    assert.deepEqual(calls.errors, []);
    assert.deepEqual(calls.infos, ['Send Request: cancelled']);
  });

  it('passes results and arguments through untouched', async () => {
    const { host, calls } = recordingHost();
    assert.equal(await guarded(host, 'Add', (a: number, b: number) => a + b)(2, 3), 5);
    assert.deepEqual(calls.shown, []);
  });

  it('says something plain for errors without a message and for non-errors', () => {
    assert.equal(plainSentence('Compare Versions', new Error('')), 'Compare Versions failed unexpectedly.');
    assert.equal(plainSentence('Compare Versions', 42), 'Compare Versions failed unexpectedly.');
    assert.equal(plainSentence('Compare Versions', 'disk full'), 'Compare Versions failed: disk full');
    assert.ok(isCancellation(Object.assign(new Error('x'), { name: 'AbortError' })));
    assert.ok(!isCancellation(new Error('Canceled')), 'a message alone is not a cancellation');
  });
});
