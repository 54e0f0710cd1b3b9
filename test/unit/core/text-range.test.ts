import { strict as assert } from 'node:assert';
import { LineIndex } from '../../../src/core/text-range';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';

describe('LineIndex', () => {
  it('maps offsets to lines across \\n, \\r\\n and \\r endings', () => {
    const index = new LineIndex('GET /a\r\nHost: x\nX: 1\rbody');
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0, offset: 0 });
    assert.deepEqual(index.positionAt(8), { line: 1, character: 0, offset: 8 });
    assert.deepEqual(index.positionAt(16), { line: 2, character: 0, offset: 16 });
    assert.deepEqual(index.positionAt(21), { line: 3, character: 0, offset: 21 });
    assert.equal(index.lineCount, 4);
  });

  it('clamps offsets outside the text', () => {
    const index = new LineIndex('ab\ncd');
    assert.deepEqual(index.positionAt(-5), { line: 0, character: 0, offset: 0 });
    assert.deepEqual(index.positionAt(99), { line: 1, character: 2, offset: 5 });
  });
});

describe('parsed ranges (kept as offsets, line and character on demand)', () => {
  const text = '@host = x\r\n\r\n### one\r\nGET http://{{host}}/a\r\nAccept: */*\r\n';
  const parsed = parseHttpFile(text);
  const request = parsed.requests[0];
  const variable = parsed.fileVariables[0];

  it('read like plain ranges and agree with the line index, across \\r\\n', () => {
    const index = new LineIndex(text);
    for (const range of [
      request.range,
      request.requestLineRange,
      request.urlRange,
      request.headers[0].range,
      variable.nameRange,
      variable.valueRange,
    ]) {
      assert.deepEqual(range.start, index.positionAt(range.start.offset));
      assert.deepEqual(range.end, index.positionAt(range.end.offset));
    }
    assert.deepEqual(request.urlRange.start, { line: 3, character: 4, offset: text.indexOf('http') });
  });

  it('serialise to the plain { start, end } form (CLI JSON, logs)', () => {
    const range = variable.valueRange;
    assert.deepEqual(JSON.parse(JSON.stringify(range)), { start: range.start, end: range.end });
    assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(range))), ['start', 'end']);
  });
});
