// The panel's "what they changed / what you changed" list (jsonChanges), pinned by exact
// expected lists worked out by hand — found by mutation testing: the list was only checked
// through the merge's own properties, so a dropped removal, a list paired by position instead
// of by id, or a lost change in a list's tail passed unseen.
// Convention (see json-changes.ts): array positions are the after side's, removals the base's.
import { strict as assert } from 'node:assert';
import { jsonChanges } from '../../../src/core/merge/json-changes';

describe('change list of one side against the base', () => {
  it('lists members named like inherited ones (__proto__, constructor) as removed and added, not changed', () => {
    // A missing member reads as something inherited (a function, the prototype); only the
    // own-property check keeps these from being compared as values.
    const before = JSON.parse('{"__proto__": {}, "constructor": {}, "a": 1}') as unknown;
    const after = JSON.parse('{"a": 1, "toString": {}}') as unknown;
    assert.deepEqual(jsonChanges(before, after), [
      { at: '/__proto__', kind: 'removed', before: '{}' },
      { at: '/constructor', kind: 'removed', before: '{}' },
      { at: '/toString', kind: 'added', after: '{}' },
    ]);
  });

  it('lists a changed, a removed and an added field, in that walk order, with their JSON text', () => {
    assert.deepEqual(jsonChanges({ a: 1, b: 2, c: 3 }, { a: 1, b: 5, d: 4 }), [
      { at: '/b', kind: 'changed', before: '2', after: '5' },
      { at: '/c', kind: 'removed', before: '3' },
      { at: '/d', kind: 'added', after: '4' },
    ]);
    assert.deepEqual(jsonChanges({ o: { x: 'a' } }, { o: { x: 'b', y: null } }), [
      { at: '/o/x', kind: 'changed', before: '"a"', after: '"b"' },
      { at: '/o/y', kind: 'added', after: 'null' },
    ]);
    assert.deepEqual(jsonChanges({ a: [1, 2] }, { a: [1, 2] }), []);
  });

  it('sees a change inside a short list of the same length', () => {
    assert.deepEqual(jsonChanges([1, 2], [1, 3]), [{ at: '/1', kind: 'changed', before: '2', after: '3' }]);
  });

  it('reports one removal and one insertion in a list without ids, not a change at every later position', () => {
    assert.deepEqual(jsonChanges(['a', 'b', 'c', 'd'], ['a', 'c', 'd']), [
      { at: '/1', kind: 'removed', before: '"b"' },
    ]);
    assert.deepEqual(jsonChanges(['a', 'c', 'd'], ['a', 'b', 'c', 'd']), [{ at: '/1', kind: 'added', after: '"b"' }]);
    // Two replaced by three in the middle: the first two pair up (changes), the third is added.
    assert.deepEqual(jsonChanges(['a', 'b', 'c', 'z'], ['a', 'X', 'Y', 'W', 'z']), [
      { at: '/1', kind: 'changed', before: '"b"', after: '"X"' },
      { at: '/2', kind: 'changed', before: '"c"', after: '"Y"' },
      { at: '/3', kind: 'added', after: '"W"' },
    ]);
    // Three replaced by one: one pair, two removals at their base positions.
    assert.deepEqual(jsonChanges(['a', 'b', 'c', 'd', 'z'], ['a', 'X', 'z']), [
      { at: '/1', kind: 'changed', before: '"b"', after: '"X"' },
      { at: '/2', kind: 'removed', before: '"c"' },
      { at: '/3', kind: 'removed', before: '"d"' },
    ]);
    // A change after an unchanged run that is not at the start of the list.
    assert.deepEqual(
      jsonChanges(['p', 'q', 'a', 'b', 'r'], ['p', 'q', 'a', 'B', 'r', 's']).map((c) => `${c.kind} ${c.at}`),
      ['changed /3', 'added /5'],
    );
  });

  it('pairs elements with an id by id: a reorder alone is no change', () => {
    assert.deepEqual(
      jsonChanges(
        [
          { id: 1, v: 1 },
          { id: 2, v: 2 },
        ],
        [
          { id: 2, v: 2 },
          { id: 1, v: 1 },
        ],
      ),
      [],
    );
  });

  it('follows an element with an id to its new position, and lists added and removed ids', () => {
    const before = [
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
      { id: 'c', v: 1 },
      { id: 'z', v: 1 },
    ];
    const after = [
      { id: 'a', v: 1 },
      { id: 'n', v: 1 },
      { id: 'c', v: 2 },
      { id: 'z', v: 1 },
    ];
    // "c" keeps its place at the end with "z", so it is walked after the middle (b → n).
    assert.deepEqual(jsonChanges(before, after), [
      { at: '/1', kind: 'added', after: '{"id":"n","v":1}' },
      { at: '/1', kind: 'removed', before: '{"id":"b","v":1}' },
      { at: '/2/v', kind: 'changed', before: '1', after: '2' },
    ]);
    // Ids that all changed place in the middle: each found by id, wherever it went.
    assert.deepEqual(
      jsonChanges(
        [{ id: 0 }, { id: 1, v: 1 }, { id: 2, v: 1 }, { id: 3, v: 1 }, { id: 9 }],
        [{ id: 0 }, { id: 3, v: 1 }, { id: 4, v: 1 }, { id: 1, v: 7 }, { id: 9 }],
      ),
      [
        { at: '/2', kind: 'added', after: '{"id":4,"v":1}' },
        { at: '/3/v', kind: 'changed', before: '1', after: '7' },
        { at: '/2', kind: 'removed', before: '{"id":2,"v":1}' },
      ],
    );
    // Moved within the middle and changed: the change is found at the new position.
    assert.deepEqual(
      jsonChanges(
        [{ id: 0 }, { id: 1, v: 1 }, { id: 2, v: 1 }, { id: 9 }],
        [{ id: 0 }, { id: 2, v: 1 }, { id: 1, v: 5 }, { id: 9 }],
      ),
      [{ at: '/2/v', kind: 'changed', before: '1', after: '5' }],
    );
  });

  it('keeps looking in the unchanged-looking tail of a list with ids', () => {
    // An element added at the front; the last two keep their ids, and the last one changed.
    assert.deepEqual(
      jsonChanges(
        [
          { id: 1, v: 1 },
          { id: 2, v: 1 },
        ],
        [
          { id: 0, v: 0 },
          { id: 1, v: 1 },
          { id: 2, v: 2 },
        ],
      ),
      [
        { at: '/0', kind: 'added', after: '{"id":0,"v":0}' },
        { at: '/2/v', kind: 'changed', before: '1', after: '2' },
      ],
    );
  });
});
