// What a hostile server says is shown, never obeyed by the terminal it is printed to.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { fuzzRuns } from '../../support/fuzz-runs';
import { hasActionableCharacter, inertBlock, inertJson, inertLine } from '../../../src/core/inert-text';

const actionable = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('inert text for terminals', () => {
  it('shows escape sequences, OSC 52, CR/LF, BEL, C1 and bidi controls as visible escapes', () => {
    assert.equal(
      inertLine('OK\u001b[2J\u001b]52;c;ZXZpbA==\u0007\r\n\u009b2J\u202e\u2066x\u007f'),
      'OK\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07\\r\\n\\x9b2J\\u202e\\u2066x\\x7f',
    );
    assert.equal(inertLine('C:\\path ünïcödé 🙂'), 'C:\\path ünïcödé 🙂', 'ordinary text stays as it arrived');
  });

  it('keeps line breaks and tabs in a body but not a bare CR that would overwrite a line', () => {
    assert.equal(inertBlock('a\r\nb\tc\rX\u001b[1A'), 'a\nb\tc\\rX\\x1b[1A');
  });

  it('keeps JSON valid and exact while no actionable character is left raw (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { maxLength: 6 }), (strings) => {
        const json = inertJson(JSON.stringify({ strings }));
        assert.doesNotMatch(json, actionable);
        assert.deepEqual(JSON.parse(json), { strings });
        for (const s of strings) assert.doesNotMatch(inertLine(s), actionable);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('answers whether a text holds anything a terminal could act on', () => {
    assert.equal(hasActionableCharacter('"v2"'), false);
    assert.equal(hasActionableCharacter('"v2"\n'), true);
    assert.equal(hasActionableCharacter('v\u202e2'), true);
  });
});
