import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { reindentJson } from '../../../src/extension/panel/reindent-json';

describe('re-indenting a JSON body in the host, before the panel gets it', () => {
  it('formats a one-line body with two spaces, every token as the server wrote it', () => {
    const text = '{"id":12345678901234567890,"n":1.50,"s":"a\\"b,{c}:","e":[],"o":{},"dup":1,"dup":2}';
    const out = reindentJson(text);
    assert.ok(out?.complete);
    assert.equal(
      out.text,
      '{\n  "id": 12345678901234567890,\n  "n": 1.50,\n  "s": "a\\"b,{c}:",\n  "e": [],\n  "o": {},\n  "dup": 1,\n  "dup": 2\n}',
    );
  });

  it('formats only as much of a big body as asked, ending on a whole line', () => {
    const item = '{"id":1234567,"name":"item","tags":["a","b"],"active":true},';
    const text = `[${item.repeat(30_000)}null]`;
    const out = reindentJson(text, 100_000);
    assert.ok(out && !out.complete);
    assert.ok(out.text.length >= 90_000 && out.text.length <= 100_100, `${out.text.length}`);
    assert.ok(out.text.endsWith('\n'));
    assert.ok(out.text.split('\n').length > 5_000, 'many lines, not one');
  });

  it('leaves anything that is not JSON alone', () => {
    for (const text of [
      '{"a":1',
      '{"a":1}}',
      '[1,2] [3]',
      '<html></html>',
      '{"a":"unterminated}',
      'hello',
      '{"a" 1}x',
      '{a:1}',
      '',
    ]) {
      assert.equal(reindentJson(text), undefined, text);
    }
  });

  it('keeps the value of any JSON document', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const out = reindentJson(text);
        assert.ok(out, text);
        assert.deepEqual(JSON.parse(out.text), JSON.parse(text));
        assert.equal(reindentJson(out.text)?.text, out.text, 'stable');
      }),
      { numRuns: 300 },
    );
  });
});

/** `text` without the whitespace between tokens (whitespace inside strings stays). */
function withoutSpaceOutsideStrings(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      out += c;
      inString = true;
    } else if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') out += c;
  }
  return out;
}

/** JSON text as servers send it: any whitespace between tokens (none, newlines, tabs, runs). */
const spacing = fc.constantFrom('', '', ' ', '\n', '\t', '\r\n', '    ', ' \n  ');
function spacedJson(value: unknown, spaces: () => string): string {
  if (Array.isArray(value))
    return value.length === 0
      ? `[${spaces()}]`
      : `[${spaces()}${value.map((v) => spacedJson(v, spaces)).join(`${spaces()},${spaces()}`)}${spaces()}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0
      ? `{${spaces()}}`
      : `{${spaces()}${entries.map(([k, v]) => `${JSON.stringify(k)}${spaces()}:${spaces()}${spacedJson(v, spaces)}`).join(`${spaces()},${spaces()}`)}${spaces()}}`;
  }
  return JSON.stringify(value);
}

/** A JSON document with whitespace drawn between its tokens, and its value. */
const spacedDocument = fc
  .tuple(fc.jsonValue({ maxDepth: 6 }), fc.array(spacing, { minLength: 1, maxLength: 16 }))
  .map(([value, pool]) => {
    let next = 0;
    return { value, text: spacedJson(value, () => pool[next++ % pool.length]) };
  });

describe('re-indenting a JSON body: properties against independent oracles', () => {
  it('is JSON.stringify(JSON.parse(body), null, 2) for a body with canonical tokens, however it was spaced', () => {
    fc.assert(
      fc.property(spacedDocument, ({ value, text }) => {
        const out = reindentJson(text);
        assert.ok(out?.complete, text);
        assert.equal(out.text, JSON.stringify(value, null, 2));
      }),
      { numRuns: 400 },
    );
  });

  it('changes nothing but the whitespace between tokens (big numbers, escapes, duplicate keys kept)', () => {
    const token = fc.oneof(
      fc.constantFrom(
        '12345678901234567890123',
        '-0.000000000000000000001e-999',
        '1.50',
        '1E400',
        '"\\u00e9\\n\\"\\\\"',
      ),
      fc.json({ maxDepth: 2 }),
    );
    const object = fc
      .array(fc.tuple(fc.constantFrom('"a"', '"dup"', '"dup"', '"\\u0061"', '"k e y"'), token), { maxLength: 6 })
      .map((members) => `{${members.map(([k, v]) => `${k}:${v}`).join(',')}}`);
    const body = fc.oneof(
      object,
      fc.array(fc.oneof(object, token), { maxLength: 6 }).map((xs) => `[${xs.join(',')}]`),
    );
    fc.assert(
      fc.property(body, fc.array(spacing, { minLength: 1, maxLength: 8 }), (compact, pool) => {
        let next = 0;
        // Whitespace after every structural character outside strings.
        const spaced = compact.replace(/("(?:[^"\\]|\\.)*")|([{}[\],:])/g, (m, str: string | undefined) =>
          str !== undefined ? m : `${m}${pool[next++ % pool.length]}`,
        );
        const out = reindentJson(spaced);
        assert.ok(out?.complete, spaced);
        assert.equal(withoutSpaceOutsideStrings(out.text), withoutSpaceOutsideStrings(spaced));
      }),
      { numRuns: 400 },
    );
  });

  it('cut short, shows whole lines of what the whole body would show, and stops reading at the cut', () => {
    fc.assert(
      fc.property(spacedDocument, fc.integer({ min: 1, max: 400 }), ({ text }, maxChars) => {
        const whole = reindentJson(text);
        const cut = reindentJson(text, maxChars);
        assert.ok(whole && cut, text);
        if (cut.complete) {
          assert.equal(cut.text, whole.text);
          return;
        }
        assert.ok(whole.text.startsWith(cut.text), `${cut.text} / ${whole.text}`);
        assert.ok(cut.text.length < whole.text.length);
        // Ends on a line end unless the first line alone passes the cap.
        assert.ok(cut.text.endsWith('\n') || !whole.text.slice(0, maxChars).includes('\n'), cut.text);
        // No more lines than needed: every line but the last started before the cap.
        assert.ok(cut.text.slice(0, -1).lastIndexOf('\n') <= maxChars, cut.text);
      }),
      { numRuns: 400 },
    );
  });

  it('shows as received what is not JSON: a document with one character changed, dropped or added', () => {
    fc.assert(
      fc.property(
        spacedDocument,
        fc.nat(),
        fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', 'x', '\\'),
        (doc, at, put) => {
          const i = at % (doc.text.length + 1);
          const text = doc.text.slice(0, i) + put + doc.text.slice(i + 1);
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          const out = reindentJson(text);
          if (!valid) assert.equal(out, undefined, text);
          // Still JSON (a digit became a comma, say): formatted, every token as it now reads.
          else assert.equal(withoutSpaceOutsideStrings(out?.text ?? ''), withoutSpaceOutsideStrings(text));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('does not read a long string past the cap inside a container', () => {
    // A string that never closes: reading it to its end would say "not JSON"; the panel's view
    // is cut before it, so the host leaves it unread.
    const text = `[${'"abc",'.repeat(5)}"${'x'.repeat(100_000)}`;
    const out = reindentJson(text, 100);
    assert.ok(out && !out.complete);
    assert.ok(out.text.startsWith('[\n  "abc",\n') && out.text.endsWith('"abc",\n'), out.text);
    assert.equal(reindentJson(text), undefined, 'read to its end, it is not JSON');
  });
});
