import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ExactNumber, protectNumbers } from '../../../src/core/merge/exact-number';
import { parseJsonValue, parseSourceTree } from '../../../src/core/merge/json-source-tree';
import { scanJsonText } from '../../../src/core/merge/json-text-scan';

describe('the one scan of a JSON text before it is parsed', () => {
  it('pairs brackets outside strings only, escaped quotes included', () => {
    const text = '{"a": ["]", "\\"[", {"b": "}"}], "c": {}}';
    const { containers, colons } = scanJsonText(text, true);
    assert.ok(containers);
    assert.equal(containers.closeOf(0), text.length - 1);
    const list = text.indexOf('[');
    assert.equal(text.slice(list, containers.closeOf(list) + 1), '["]", "\\"[", {"b": "}"}]');
    const inner = text.indexOf('{"b"');
    assert.equal(text.slice(inner, containers.closeOf(inner) + 1), '{"b": "}"}');
    assert.equal(containers.closeOf(text.indexOf('"c": {}') + 5), text.length - 2);
    assert.equal(containers.closeOf(1), -1, 'an offset where no container opens');
    assert.equal(colons, 3);
  });

  it('gives no index for unbalanced brackets, and none unless asked', () => {
    assert.equal(scanJsonText('[[1]', true).containers, undefined);
    assert.equal(scanJsonText('[1]]', true).containers, undefined);
    assert.equal(scanJsonText('["abc', true).containers, undefined);
    assert.equal(scanJsonText('[1]', false).containers, undefined);
  });

  it('hides only the numbers a double would change, never digits inside strings', () => {
    const text = '{"s": "12345678901234567890 1.0 -0 1e2", "big": 12345678901234567890, "n": [1.50, -0, 1E2, 2.5, 7]}';
    const { hidden } = scanJsonText(text, false);
    assert.ok(hidden);
    assert.deepEqual(
      hidden.numbers.map((n) => n.text),
      ['12345678901234567890', '1.50', '-0', '1E2'],
    );
    assert.ok(hidden.text.startsWith('{"s": "12345678901234567890 1.0 -0 1e2", "big": "'));
    assert.equal(scanJsonText('{"a": [1, 2.5, -3, 1234567890123456]}', false).hidden, undefined);
  });

  it('reads nested members at the right offsets through the index, brackets in strings and all', () => {
    const text =
      '{\n  "x": "{[",\n  "items": [\n    {"id": 1, "t": "]}"},\n    {"id": 2, "t": [3, {"u": "["}]}\n  ]\n}';
    const tree = parseSourceTree(text);
    assert.ok(tree);
    const items = tree.members[1].node;
    assert.deepEqual(
      items.members.map((m) => text.slice(m.start, m.end)),
      ['{"id": 1, "t": "]}"}', '{"id": 2, "t": [3, {"u": "["}]}'],
    );
    const t = items.members[1].node.members[1].node;
    assert.deepEqual(
      t.members.map((m) => text.slice(m.start, m.end)),
      ['3', '{"u": "["}'],
    );
  });

  it('keeps exact numbers in server bodies as before', () => {
    const read = parseJsonValue('{"v": 1.0, "s": "1.0", "big": [100000000000000000001]}');
    assert.ok(read.ok);
    const value = read.value as { v: unknown; s: unknown; big: unknown[] };
    assert.ok(value.v instanceof ExactNumber && value.v.text === '1.0');
    assert.equal(value.s, '1.0');
    assert.ok(value.big[0] instanceof ExactNumber && value.big[0].text === '100000000000000000001');
  });

  it("finds the same numbers as the server bodies' regular expression, on any JSON with awkward numbers", () => {
    const awkward = fc.constantFrom(
      '1.0',
      '-0',
      '1E2',
      '1e400',
      '12345678901234567890',
      '0.10',
      '-0.0',
      '2.5',
      '7',
      '1e-7',
    );
    const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        awkward,
        awkward.map((n) => JSON.stringify(`${n} ${n}`)),
        fc.array(tie('v'), { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`),
        fc
          .array(fc.tuple(fc.constantFrom('a', '1.0', 'b"[', '}'), tie('v')), { maxLength: 4 })
          .map((ms) => `{${ms.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(',\n  ')}}`),
      ),
    })).v;
    fc.assert(
      fc.property(value, (text) => {
        const scanned = scanJsonText(text, true).hidden;
        const matched = protectNumbers(text);
        assert.equal(scanned?.text, matched?.text);
        assert.deepEqual(scanned?.numbers, matched?.numbers);
      }),
      { numRuns: 300 },
    );
  });
});
