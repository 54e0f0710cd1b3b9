import { strict as assert } from 'node:assert';
import { LineIndex } from '../../../src/core/text-range';

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
