import { strict as assert } from 'node:assert';
import { Disposable } from '../../../src/extension/lifecycle/disposable';

class Owner extends Disposable {
  add(name: string, log: string[], fail = false) {
    return this.register({
      dispose: () => {
        log.push(name);
        if (fail) throw new Error(name);
      },
    });
  }
}

describe('Disposable', () => {
  it('disposes everything it owns once, newest first', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.add('a', log);
    owner.add('b', log);
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['b', 'a']);
    assert.equal(owner.isDisposed, true);
  });

  it('keeps disposing the rest when one child throws, then reports it', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.add('a', log);
    owner.add('b', log, true);
    assert.throws(() => owner.dispose(), /b/);
    assert.deepEqual(log, ['b', 'a']);
  });

  it('disposes at once what is registered after disposal', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    owner.add('late', log);
    assert.deepEqual(log, ['late']);
  });
});
