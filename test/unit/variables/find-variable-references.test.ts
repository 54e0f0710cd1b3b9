import { strict as assert } from 'node:assert';
import { findVariableReferences } from '../../../src/core/variables/find-variable-references';

describe('findVariableReferences', () => {
  it('finds every placeholder with its offsets and trimmed expression', () => {
    const text = 'GET {{base}}/docs/{{ id }}?t={{$timestamp -1 d}}';
    const refs = findVariableReferences(text);
    assert.deepEqual(
      refs.map((r) => r.expression),
      ['base', 'id', '$timestamp -1 d'],
    );
    for (const ref of refs) assert.match(text.slice(ref.start, ref.end), /^\{\{.*\}\}$/);
    assert.deepEqual(refs[1], { expression: 'id', start: 18, end: 26 });
  });

  it('does not treat an unterminated {{ as a reference', () => {
    assert.deepEqual(findVariableReferences('Authorization: Bearer {{token'), []);
  });

  it('does not let a placeholder span lines', () => {
    const refs = findVariableReferences('a {{b\nc}} {{d}}');
    assert.deepEqual(
      refs.map((r) => r.expression),
      ['d'],
    );
  });

  it('starts over at an inner {{ so a stray brace does not swallow the next placeholder', () => {
    const text = 'x {{ y {{name}} z';
    const refs = findVariableReferences(text);
    assert.equal(refs.length, 1);
    assert.equal(text.slice(refs[0].start, refs[0].end), '{{name}}');
  });

  it('keeps request-variable paths with brackets and dots intact', () => {
    const [ref] = findVariableReferences('{{doc.response.body.$.items[0].tags[1]}}');
    assert.equal(ref.expression, 'doc.response.body.$.items[0].tags[1]');
  });

  it('returns nothing for text without placeholders', () => {
    assert.deepEqual(findVariableReferences('{ "a": { "b": 1 } }'), []);
  });
});
