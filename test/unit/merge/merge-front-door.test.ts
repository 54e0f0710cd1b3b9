// Which merge a pair of bodies gets (field by field, line by line, or refused with the
// reason), pinned per side — found by mutation testing: the refusal's wording never named
// the side, and a server body that is not JSON was only checked with a user's body that
// is not JSON either.
import { strict as assert } from 'node:assert';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';

const deep = '['.repeat(5000) + '1' + ']'.repeat(5000);

describe('merge front door: which merge, and why a refusal', () => {
  const sideNames = {
    ours: 'your body',
    theirs: "the server's current version",
    base: 'the version you started from',
  } as const;
  for (const side of ['ours', 'theirs', 'base'] as const) {
    it(`names ${side} when it is the body nested too deep`, () => {
      const result = mergeBodies({ base: '[[1]]', ours: '[[2]]', theirs: '[[1], 3]', [side]: deep });
      assert.equal(result.kind, 'json');
      assert.equal(result.conflicts.length, 1);
      assert.ok(
        result.conflicts[0].description.startsWith(`(the whole body): ${sideNames[side]} is too deeply nested`),
        result.conflicts[0].description,
      );
    });
  }

  it("merges line by line when the server's body is not JSON, even if the user's is", () => {
    const result = mergeBodies({ base: 'plain v1\n', ours: '{"a":1}\n', theirs: 'plain v1\n' });
    assert.equal(result.kind, 'text');
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.merged, '{"a":1}\n');
  });

  it('merges line by line when the base is not JSON although both sides are', () => {
    const result = mergeBodies({ base: 'not json\n', ours: '{"a":1}\n', theirs: '{"a":1}\n' });
    assert.equal(result.kind, 'text');
  });

  it('refuses a user body that is not valid JSON, listing what the server changed since the base', () => {
    const result = mergeBodies({ base: '{"a":1,"b":1}', ours: '{"a":2,,"b":1}', theirs: '{"a":1,"b":5}' });
    assert.equal(result.conflicts.length, 1);
    assert.match(result.conflicts[0].description, /your body is not valid JSON/);
    assert.deepEqual(result.theirsChanges, [{ at: '/b', kind: 'changed', before: '1', after: '5' }]);
    // Two-way (no base): nothing to list, and no crash looking for a base.
    const twoWay = mergeBodies({ ours: '{"a":2,,"b":1}', theirs: '{"a":1,"b":5}' });
    assert.match(twoWay.conflicts[0].description, /your body is not valid JSON/);
    assert.deepEqual(twoWay.theirsChanges, []);
    // A base that nests too deep: the refusal for the syntax still comes, with no change list.
    const deepBase = mergeBodies({ base: deep, ours: '[1,,2]', theirs: '[1]' });
    assert.match(deepBase.conflicts[0].description, /your body is not valid JSON/);
    assert.deepEqual(deepBase.theirsChanges, []);
  });
});
