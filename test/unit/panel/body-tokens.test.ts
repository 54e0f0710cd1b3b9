import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { tokenizeJson, type JsonToken } from '../../../media/panel/json-tokens';
import { tokenizeMarkup } from '../../../media/panel/markup-tokens';
import { splitConflictRegions, hasConflictMarkers } from '../../../media/panel/conflict-markers';

const kinds = (tokens: readonly JsonToken[]) =>
  tokens.filter((t) => t.kind !== 'plain').map((t) => `${t.kind}:${t.text}`);

describe('JSON highlighting', () => {
  it('tells keys from strings, numbers and literals', () => {
    const { tokens } = tokenizeJson('{\n  "title": "Draft",\n  "n": -1.5e3,\n  "ok": true,\n  "x": null\n}');
    assert.deepEqual(kinds(tokens), [
      'key:"title"',
      'string:"Draft"',
      'key:"n"',
      'number:-1.5e3',
      'key:"ok"',
      'literal:true',
      'key:"x"',
      'literal:null',
    ]);
  });

  it('loses no character, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        assert.equal(
          tokenizeJson(text)
            .tokens.map((t) => t.text)
            .join(''),
          text,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('resumes a string cut between two slices', () => {
    const first = tokenizeJson('{"note": "a long \\');
    assert.deepEqual(first.end, { inString: true, escaped: true });
    const second = tokenizeJson('"quoted\\" value", "k": 1}', first.end);
    assert.deepEqual(kinds(second.tokens), ['string:"quoted\\" value"', 'key:"k"', 'number:1']);
    assert.deepEqual(second.end, { inString: false, escaped: false });
  });

  it('keeps a stray quote from colouring the following lines', () => {
    const { tokens } = tokenizeJson('"unterminated\n"k": 2');
    assert.deepEqual(kinds(tokens), ['string:"unterminated', 'key:"k"', 'number:2']);
  });
});

describe('XML and HTML highlighting', () => {
  it('colours tags, attributes and comments and keeps the text as text', () => {
    const tokens = tokenizeMarkup('<a href="x" id=1>hi <b>&amp;</b></a><!-- c -->');
    assert.deepEqual(
      tokens.filter((t) => t.kind !== 'plain').map((t) => `${t.kind}:${t.text}`),
      [
        'tag:<a',
        'attr-name:href',
        'attr-value:"x"',
        'attr-name:id',
        'attr-value:1',
        'tag:>',
        'tag:<b',
        'tag:>',
        'tag:</b',
        'tag:>',
        'tag:</a',
        'tag:>',
        'comment:<!-- c -->',
      ],
    );
  });

  it('loses no character, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200, unit: fc.constantFrom('<', '>', '/', '=', '"', "'", 'a', ' ', '!', '-', '\n') }),
        (text) => {
          assert.equal(
            tokenizeMarkup(text)
              .map((t) => t.text)
              .join(''),
            text,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('merged text with conflict markers', () => {
  const merged = 'title\n<<<<<<< yours\nmine\n||||||| base\nold\n=======\ntheirs\n>>>>>>> theirs\nend\n';

  it('marks each side of a text conflict', () => {
    assert.equal(hasConflictMarkers(merged), true);
    assert.deepEqual(
      splitConflictRegions(merged).map((s) => `${s.kind}:${s.text}`),
      [
        'plain:title\n',
        'marker:<<<<<<< yours\n',
        'ours:mine\n',
        'marker:||||||| base\n',
        'base:old\n',
        'marker:=======\n',
        'theirs:theirs\n',
        'marker:>>>>>>> theirs\n',
        'plain:end\n',
      ],
    );
  });

  it('treats a lone ======= underline as ordinary text', () => {
    const text = 'Title\n=======\nbody\n';
    assert.equal(hasConflictMarkers(text), false);
    assert.deepEqual(splitConflictRegions(text), [{ kind: 'plain', text }]);
  });
});
