import { strict as assert } from 'node:assert';
import { jsonBodyProblem, jsonValueText, setJsonValue } from '../../../src/core/conflict/json-text-edit';
import { placeTokens } from '../../../src/core/conflict/token-placement';
import { outgoing } from './exchange-builder';

const bareVersion = `{
  "title": "My title",
  "version": {{item.response.body.$.version}}
}`;

describe('Token placement in bodies with placeholders', () => {
  it('sets a field whose value is an unquoted placeholder without breaking the body', () => {
    const text = setJsonValue(bareVersion, ['version'], 7);
    assert.equal(text, '{\n  "title": "My title",\n  "version": 7\n}');
    assert.equal(jsonBodyProblem(text), undefined);
  });

  it('sets a field after an unquoted placeholder in the right place', () => {
    const text = setJsonValue('{ "rev": {{r}}, "version": 5 }', ['version'], 6);
    assert.equal(text, '{ "rev": {{r}}, "version": 6 }');
  });

  it('reads the source text of a placeholder value', () => {
    assert.equal(jsonValueText(bareVersion, ['version']), '{{item.response.body.$.version}}');
    assert.equal(
      jsonValueText('{ "_rev": "{{book.response.body.$._rev}}" }', ['_rev']),
      '"{{book.response.body.$._rev}}"',
    );
  });

  it("keeps the user's placeholder when it resolves to the current version", () => {
    const put = outgoing('PUT', 'http://api.test/d/1', [], '{}');
    const resolve = (text: string) => text.replace('{{item.response.body.$.version}}', '7');
    const placed = placeTokens(put, bareVersion, [{ location: { kind: 'body', path: ['version'] }, value: 7 }], {
      resolvePlaceholders: resolve,
    });
    assert.equal(placed.bodyText, bareVersion);
    const quoted = '{ "_rev": "{{book.response.body.$._rev}}" }';
    const rev = placeTokens(put, quoted, [{ location: { kind: 'body', path: ['_rev'] }, value: '3-c' }], {
      resolvePlaceholders: (t) => t.replace('{{book.response.body.$._rev}}', '3-c'),
    });
    assert.equal(rev.bodyText, quoted);
  });

  it('writes the current version over a placeholder that resolves to an older one', () => {
    const put = outgoing('PUT', 'http://api.test/d/1', [], '{}');
    const placed = placeTokens(put, bareVersion, [{ location: { kind: 'body', path: ['version'] }, value: 7 }], {
      resolvePlaceholders: (t) => t.replace(/\{\{[^}]*\}\}/, '6'),
    });
    assert.equal(placed.bodyText, '{\n  "title": "My title",\n  "version": 7\n}');
  });

  it('names why a body with placeholders does not parse', () => {
    assert.equal(jsonBodyProblem(bareVersion), undefined);
    assert.equal(jsonBodyProblem('{ "a": 1, /* note */ "b": {{x}}, }'), undefined);
    assert.ok(jsonBodyProblem('{\n  "version": 7}\n}'));
    assert.ok(jsonBodyProblem('{ "a": "open'));
  });
});
