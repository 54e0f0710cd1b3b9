// httpYac `??` assertions, with httpYac's grammar, predicates and type conversion.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { evaluateAssertion } from '../../../src/core/script/httpyac-assertions';
import type { ScriptResponse } from '../../../src/core/script/script-model';

const response: ScriptResponse = {
  status: 201,
  headers: [
    ['Content-Type', 'application/json'],
    ['ETag', '"v1"'],
  ],
  bodyText: '{"id":42,"name":"Ana","items":[1,2],"ok":true}',
  durationMs: 30,
};

const check = (text: string, variables: Record<string, string> = {}) =>
  evaluateAssertion({
    text,
    line: 7,
    response,
    resolve: (t) => t.replace('{{id}}', variables.id ?? '{{id}}'),
    variables,
  });

describe('httpYac assertions', () => {
  const passing = [
    'status == 201',
    'status >= 200',
    'status < 300',
    'status != 404',
    'header content-type includes json',
    'header etag == "v1"',
    'header content-type startsWith application',
    'header content-type endsWith json',
    'header x-missing isFalse',
    'duration < 500',
    'body contains Ana',
    'body matches "id":\\d+',
    'js response.parsedBody.id == 42',
    'js response.parsedBody.items.length > 0',
    'js response.parsedBody.ok isTrue',
    'js response.parsedBody.items isArray',
    'js response.parsedBody.name isString',
    'js response.parsedBody.id isNumber',
    'js response.parsedBody.ok isBoolean',
    'js response.parsedBody.name exists',
    'js response.parsedBody.items == [1,2]',
    'js response.parsedBody.items includes 2',
    'js response.statusCode == 201',
    'body id == 42',
  ];
  for (const text of passing) {
    it(`passes ?? ${text}`, () => {
      const result = check(text);
      assert.equal(result.passed, true, result.message);
      assert.equal(result.line, 7);
    });
  }

  it('fails with the actual value in the message', () => {
    const result = check('status == 200');
    assert.equal(result.passed, false);
    assert.equal(result.name, 'status == 200');
    assert.equal(result.message, 'status (201) == 200');
  });

  it('resolves variables in the expected value and exposes them to js', () => {
    assert.equal(check('js response.parsedBody.id == {{id}}', { id: '42' }).passed, true);
    assert.equal(check('js expected === "42" isTrue', { expected: '42' }).passed, true);
  });

  it('checks body digests', () => {
    const sha = createHash('sha256').update(response.bodyText).digest('base64');
    assert.equal(check(`body sha256 ${sha}`).passed, true);
    assert.equal(check('body sha256 nope').passed, false);
  });

  it('fails, never throws, on a broken expression or a loop', () => {
    assert.match(check('js response.parsedBody.( == 1').message ?? '', /failed/);
    assert.match(check('js (() => { while (true) {} })() == 1').message ?? '', /did not finish/);
    assert.match(check('js require("fs") exists').message ?? '', /require is not defined/);
  });

  it('says what it does not understand', () => {
    assert.equal(check('nonsense').passed, false);
    assert.match(check('xpath /a == 1').message ?? '', /not supported/);
  });
});
