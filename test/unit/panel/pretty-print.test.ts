import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  detectBodyLanguage,
  prepareBody,
  prettyPrintJson,
  reformatLimitChars,
} from '../../../media/panel/pretty-print';

describe('response body pretty-printing', () => {
  it('re-indents valid JSON with two spaces', () => {
    assert.equal(
      prettyPrintJson('{"a":1,"b":[true,null,{"c":"x"}],"d":{},"e":[]}'),
      '{\n  "a": 1,\n  "b": [\n    true,\n    null,\n    {\n      "c": "x"\n    }\n  ],\n  "d": {},\n  "e": []\n}',
    );
  });

  it('keeps numbers, escapes and duplicate keys exactly as the server sent them', () => {
    const body = '{"id":12345678901234567890,"x":1.50,"x":-0,"s":"a\\"b\\\\","u":"\\u00e9 { [ , :"}';
    const pretty = prettyPrintJson(body);
    assert.ok(pretty);
    assert.match(pretty, /"id": 12345678901234567890/);
    assert.match(pretty, /"x": 1\.50,\n {2}"x": -0/);
    assert.match(pretty, /"s": "a\\"b\\\\"/);
    assert.match(pretty, /"u": "\\u00e9 \{ \[ , :"/);
  });

  it('leaves text that is not valid JSON as it is', () => {
    assert.equal(prettyPrintJson('{"a": 1,'), undefined);
    const prepared = prepareBody('{"a": 1,', 'application/json');
    assert.deepEqual(prepared, { text: '{"a": 1,', language: 'json', reformatted: false });
  });

  it('means the same JSON after reformatting', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const pretty = prettyPrintJson(text);
        assert.ok(pretty !== undefined);
        assert.deepEqual(JSON.parse(pretty), JSON.parse(text));
        assert.equal(prettyPrintJson(pretty), pretty, 'reformatting is stable');
      }),
      { numRuns: 200 },
    );
  });

  it('does not reformat a body too large to parse without stalling the panel', () => {
    const big = `[${'1,'.repeat(reformatLimitChars / 2)}1]`;
    const prepared = prepareBody(big, 'application/json');
    assert.equal(prepared.reformatted, false);
    assert.equal(prepared.text, big);
    assert.match(prepared.note ?? '', /too large/);
  });

  it('picks the highlighter from the content type, then from the body', () => {
    assert.equal(detectBodyLanguage('application/problem+json; charset=utf-8', 'x'), 'json');
    assert.equal(detectBodyLanguage('application/atom+xml', ''), 'xml');
    assert.equal(detectBodyLanguage('text/html', ''), 'html');
    assert.equal(detectBodyLanguage('text/csv', '{"looks":"like json"}'), 'text');
    assert.equal(detectBodyLanguage(undefined, '  {"a":1}'), 'json');
    assert.equal(detectBodyLanguage('text/plain', '<!DOCTYPE html><p>'), 'html');
    assert.equal(detectBodyLanguage(undefined, '<?xml version="1.0"?><a/>'), 'xml');
    assert.equal(detectBodyLanguage(undefined, 'hello'), 'text');
  });
});
