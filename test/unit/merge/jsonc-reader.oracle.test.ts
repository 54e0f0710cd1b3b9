// The hand-written JSONC reader under the merge (json-source-tree.ts: comments, trailing
// commas and a BOM masked to same-length JSON for JSON.parse, members located lazily) against
// `jsonc-parser`, on generated documents with comments, trailing commas, unicode and numbers
// a double cannot hold. Both must accept the same texts, read the same values, and put every
// member and value at the same offsets; on broken texts both must refuse.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Node as JsoncNode, ParseError } from 'jsonc-parser';
import { parse, parseTree } from 'jsonc-parser';
import { ExactNumber } from '../../../src/core/merge/exact-number';
import type { SourceNode } from '../../../src/core/merge/json-source-tree';
import { readSourceTree } from '../../../src/core/merge/json-source-tree';
import { fuzzRuns } from '../../support/fuzz-runs';

const jsoncOptions = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false };

/** Whitespace, and now and then a comment, between tokens. */
const gap = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('', ' ', '\n', '\t', '  \n  ', '\r\n') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      ' /* c */ ',
      '// line comment\n',
      '/* multi\n line */',
      '/**/',
      ' // {"x": [1,\n',
      '/* "quoted" , ] */',
    ),
  },
);

const unicodeText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('a', 'é', 'ß', '中', '😀', '\u2028', '\u00a0', '"', '\\', '/', '\n', '\t', '\u0001', '\ud800'),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  maxLength: 8,
});

/** Number spellings, several beyond a double's exact range or written unusually. */
const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.constantFrom(
    '12345678901234567890',
    '-0',
    '1.0',
    '1E2',
    '1e400',
    '-1.5e-400',
    '0.1',
    '9007199254740993',
    '2.50',
    '1e+2',
    '123456789012345678901234567890.125',
  ),
);

/** A JSONC text made from tokens, with gaps and (sometimes) trailing commas. */
const jsoncText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberText,
    unicodeText.map((s) => JSON.stringify(s)),
    fc.constantFrom('true', 'false', 'null'),
    fc
      .tuple(fc.array(fc.tuple(gap, tie('value'), gap), { maxLength: 4 }), fc.boolean(), gap)
      .map(
        ([items, trailing, end]) =>
          `[${items.map(([a, v, b]) => `${a}${v}${b}`).join(',')}${trailing && items.length ? ',' : ''}${end}]`,
      ),
    fc
      .tuple(fc.array(fc.tuple(gap, unicodeText, gap, gap, tie('value'), gap), { maxLength: 4 }), fc.boolean(), gap)
      .map(
        ([members, trailing, end]) =>
          `{${members.map(([a, k, b, c, v, d]) => `${a}${JSON.stringify(k)}${b}:${c}${v}${d}`).join(',')}${trailing && members.length ? ',' : ''}${end}}`,
      ),
  ),
})).value;

const document = fc.tuple(gap, jsoncText, gap).map(([a, v, b]) => `${a}${v}${b}`);

/** The reader's value with exact numbers as the double jsonc-parser reads them. */
function plain(value: unknown): unknown {
  if (value instanceof ExactNumber) return Number(value.text);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

function oracleValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(oracleValue);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(value)) out[k] = oracleValue(v);
    return out;
  }
  return value;
}

function hasDuplicateKeys(node: JsoncNode | undefined): boolean {
  if (!node) return false;
  if (node.type === 'object') {
    const keys = (node.children ?? []).map((p) => p.children?.[0]?.value as string);
    if (new Set(keys).size !== keys.length) return true;
  }
  return (node.children ?? []).some(hasDuplicateKeys);
}

/** Same kind and span for every value, same key spans for every member, all the way down. */
function sameLayout(ours: SourceNode, theirs: JsoncNode, text: string, path: string): void {
  assert.equal(ours.start, theirs.offset, `start of ${path || 'the root'} in ${JSON.stringify(text)}`);
  assert.equal(ours.end, theirs.offset + theirs.length, `end of ${path || 'the root'} in ${JSON.stringify(text)}`);
  if (theirs.type === 'object') {
    assert.equal(ours.kind, 'object');
    const props = theirs.children ?? [];
    assert.equal(ours.members.length, props.length, `members of ${path}`);
    props.forEach((prop, i) => {
      const member = ours.members[i];
      const [key, value] = prop.children!;
      assert.equal(member.key, key.value, `key ${i} of ${path}`);
      assert.equal(member.start, key.offset, `key start of ${path}/${key.value}`);
      assert.equal(member.keyEnd, key.offset + key.length, `key end of ${path}/${key.value}`);
      sameLayout(member.node, value, text, `${path}/${key.value}`);
    });
  } else if (theirs.type === 'array') {
    assert.equal(ours.kind, 'array');
    const items = theirs.children ?? [];
    assert.equal(ours.members.length, items.length, `elements of ${path}`);
    items.forEach((item, i) => sameLayout(ours.members[i].node, item, text, `${path}/${i}`));
  } else {
    assert.equal(ours.kind, 'scalar');
    if (ours.value instanceof ExactNumber)
      assert.equal(
        ours.value.text,
        text.slice(theirs.offset, theirs.offset + theirs.length),
        'an exact number keeps its text',
      );
  }
}

describe('the JSONC reader, against jsonc-parser', () => {
  it('reads generated JSONC documents to the same values and offsets (property)', () => {
    fc.assert(
      fc.property(document, (text) => {
        const errors: ParseError[] = [];
        const tree = parseTree(text, errors, jsoncOptions);
        assert.deepEqual(errors, [], `the generator made valid JSONC: ${JSON.stringify(text)}`);
        const read = readSourceTree(text);
        assert.ok(read.ok, `refused valid JSONC ${JSON.stringify(text)}: ${JSON.stringify(!read.ok && read.problem)}`);
        assert.deepStrictEqual(
          plain(read.tree.value),
          oracleValue(parse(text, [], jsoncOptions)),
          JSON.stringify(text),
        );
        // With a repeated key the reader keeps every copy's layout, jsonc-parser too; only
        // the value of the last copy counts, which the value comparison checked.
        if (!hasDuplicateKeys(tree)) sameLayout(read.tree, tree!, text, '');
      }),
      { numRuns: fuzzRuns(400) },
    );
  });

  it('refuses what jsonc-parser refuses, and accepts what it accepts, after one broken character (property)', () => {
    const broken = fc
      .tuple(
        document,
        fc.nat(),
        fc.constantFrom('delete', 'insert'),
        fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '/', '*', 'x', '1', ' '),
      )
      .map(([text, at, kind, ch]) => {
        const i = at % (text.length + 1);
        return kind === 'delete' ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + ch + text.slice(i);
      });
    fc.assert(
      fc.property(broken, (text) => {
        const errors: ParseError[] = [];
        parseTree(text, errors, jsoncOptions);
        const read = readSourceTree(text);
        // Leading and trailing junk JSON.parse and jsonc-parser name alike; a body that is
        // only whitespace or a comment is "not JSON" to the reader and an error to both.
        assert.equal(
          read.ok,
          errors.length === 0,
          `${JSON.stringify(text)}: reader ${read.ok ? 'accepted' : JSON.stringify(read.problem)}, jsonc-parser ${JSON.stringify(errors)}`,
        );
      }),
      { numRuns: fuzzRuns(600) },
    );
  });

  it('agrees on hand-picked edge cases', () => {
    const cases = [
      '{"a":1,}',
      '[1,2,]',
      '[,]',
      '{,}',
      '[1,,2]',
      '\ufeff{"a":1}',
      '{"a":/* x */1}',
      '{"a":1} // end',
      '{"a":1}/* open',
      '"\\ud83d\\ude00"',
      '[12345678901234567890, 1e400, -0]',
      '01',
      '-000000000',
      '[007]',
      '{"a": -00.5}',
      '1 2',
      '{"a" 1}',
      "{'a':1}",
    ];
    for (const text of cases) {
      const errors: ParseError[] = [];
      // The one intended difference: a leading BOM (editors write one) is skipped by the reader.
      parseTree(text.replace(/^\ufeff/, ''), errors, jsoncOptions);
      const read = readSourceTree(text);
      assert.equal(
        read.ok,
        errors.length === 0,
        `${JSON.stringify(text)}: reader ${read.ok ? 'accepted' : JSON.stringify(read.problem)}, jsonc-parser ${JSON.stringify(errors)}`,
      );
      if (read.ok)
        assert.deepStrictEqual(
          plain(read.tree.value),
          oracleValue(parse(text.replace(/^\ufeff/, ''), [], jsoncOptions)),
          text,
        );
    }
  });
});
