// deepEqual settles members that are the same value without asking whether the other object
// owns them (a plain object inherits functions and its prototype, never a JSON value); these
// pin the cases where a member missing on one side reads as something inherited.
import { strict as assert } from 'node:assert';
import { deepEqual } from '../../../src/core/merge/json-values';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';

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

  it('lets the merge see that the server replaced a "__proto__" member', () => {
    const base = '{"__proto__": {}, "a": 1}';
    const result = mergeBodies({ base, ours: base, theirs: '{"a": 1, "b": {}}', contentType: 'application/json' });
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(JSON.parse(result.merged), { a: 1, b: {} });
    assert.equal(Object.prototype.hasOwnProperty.call(JSON.parse(result.merged), '__proto__'), false);
  });
});
