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
