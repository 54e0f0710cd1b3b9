// The repeated-key warnings come in text order with every copy's range, whatever the nesting —
// found by mutation testing: with one repeated key per test, the order was never checked.
import { strict as assert } from 'node:assert';
import { mergeBodies } from '../../../src/core/merge/merge-bodies';

describe('repeated-key warnings', () => {
  it('lists a nested repeat before a later top-level one, in the order the text has them', () => {
    const ours = '{"a":{"x":1,"x":2},"u":"http://h:1/\\"q:\\"","b":1,"b":2}';
    const warnings = mergeBodies({ base: '{}', ours, theirs: '{"c":1}' }).warnings ?? [];
    assert.deepEqual(
      warnings.map((w) => [w.at, w.ranges.map((r) => ours.slice(r.start, r.end))]),
      [
        ['/a/x', ['"x":1', '"x":2']],
        ['/b', ['"b":1', '"b":2']],
      ],
    );
  });

  it('finds a repeat in an object inside a list, with colons inside strings around it', () => {
    const ours = '{"u":"a:b:c:d","list":[1,{"k":"k:1","k":"k:2"}]}';
    const warnings = mergeBodies({ base: '{}', ours, theirs: '{"c":1}' }).warnings ?? [];
    assert.deepEqual(
      warnings.map((w) => [w.at, w.ranges.map((r) => ours.slice(r.start, r.end))]),
      [['/list/1/k', ['"k":"k:1"', '"k":"k:2"']]],
    );
  });
});
