import { strict as assert } from 'node:assert';
import { resolveRequestVariable } from '../../../src/core/variables/request-variables';
import type { ExpressionValue, RequestRecord } from '../../../src/core/variables/variable-model';
import { testSources } from './test-sources';

const doc: RequestRecord = {
  request: {
    url: 'http://localhost:3000/documents/42',
    method: 'PUT',
    headers: [
      ['X-Request-Id', 'req-1'],
      ['Content-Type', 'application/json'],
    ],
    body: '{"x": {"y": [10, 20]}, "title": "Mine"}',
  },
  response: {
    status: 200,
    headers: [
      ['ETag', '"v5"'],
      ['content-type', 'application/json'],
    ],
    body: JSON.stringify({
      id: 42,
      title: 'Hello',
      meta: { owner: { name: 'ana' }, version: 5, draft: false, note: null },
      items: [
        { id: 1, tags: ['a', 'b'] },
        { id: 2, tags: ['c'] },
      ],
    }),
  },
};

const sources = testSources({
  requests: new Map([
    ['doc', doc],
    ['failed', { request: doc.request }],
    ['plain', { request: doc.request, response: { status: 200, headers: [], body: 'hello' } }],
  ]),
});

function value(expression: string): string {
  const result = resolveRequestVariable(expression, sources);
  if (!result.ok) throw new Error(`expected ${expression} to resolve: ${result.message}`);
  return result.value;
}

function failure(expression: string, s = sources): Extract<ExpressionValue, { ok: false }> {
  const result = resolveRequestVariable(expression, s);
  if (result.ok) throw new Error(`expected ${expression} not to resolve, got ${result.value}`);
  return result;
}

describe('request variables', () => {
  it('reads nested fields and array elements of the response body with JSONPath', () => {
    assert.equal(value('doc.response.body.$.meta.owner.name'), 'ana');
    assert.equal(value('doc.response.body.$.items[0].tags[1]'), 'b');
    assert.equal(value('doc.response.body.$.items[1].id'), '2');
  });

  it('sends numbers, booleans, null, objects and arrays as JSON text', () => {
    assert.equal(value('doc.response.body.$.meta.version'), '5');
    assert.equal(value('doc.response.body.$.meta.draft'), 'false');
    assert.equal(value('doc.response.body.$.meta.note'), 'null');
    assert.equal(value('doc.response.body.$.meta.owner'), '{"name":"ana"}');
    assert.equal(value('doc.response.body.$.items[0].tags'), '["a","b"]');
  });

  it('gives a single filter match as its value and several matches as an array', () => {
    assert.equal(value('doc.response.body.$.items[?(@.id==2)].tags[0]'), 'c');
    assert.equal(value('doc.response.body.$.items[*].id'), '[1,2]');
  });

  it('gives the whole body for *', () => {
    assert.equal(value('doc.response.body.*'), doc.response!.body);
    assert.equal(value('plain.response.body.*'), 'hello');
  });

  it('looks headers up case-insensitively', () => {
    assert.equal(value('doc.response.headers.ETag'), '"v5"');
    assert.equal(value('doc.response.headers.etag'), '"v5"');
    assert.equal(value('doc.response.headers.Content-Type'), 'application/json');
  });

  it('reads the request that was sent', () => {
    assert.equal(value('doc.request.body.$.x.y[1]'), '20');
    assert.equal(value('doc.request.headers.x-request-id'), 'req-1');
  });

  it('says a request has not been sent yet, naming it', () => {
    const result = failure('other.response.headers.ETag');
    assert.equal(result.reason, 'request-not-sent');
    assert.equal(result.message, 'Request "other" has not been sent yet — send it first');
  });

  it('tells a typo in the request name apart from a request not yet sent', () => {
    const withNames = { ...sources, requestNames: new Set(['doc', 'login']) };
    assert.equal(failure('login.response.body.*', withNames).reason, 'request-not-sent');
    const typo = failure('dco.response.body.*', withNames);
    assert.equal(typo.reason, 'undefined');
    assert.match(typo.message, /No request named "dco"/);
  });

  it('says when the last send produced no response', () => {
    const result = failure('failed.response.body.*');
    assert.equal(result.reason, 'request-not-sent');
    assert.match(result.message, /"failed" has no response yet/);
  });

  it('names the JSONPath that matched nothing', () => {
    const result = failure('doc.response.body.$.meta.missing');
    assert.equal(result.reason, 'path-not-found');
    assert.match(result.message, /JSONPath "\$\.meta\.missing" matched nothing in the response body of "doc"/);
  });

  it('names the header that is missing', () => {
    const result = failure('doc.response.headers.Last-Modified');
    assert.equal(result.reason, 'path-not-found');
    assert.match(result.message, /Header "Last-Modified" is not in the response of "doc"/);
  });

  it('explains that JSONPath needs a JSON body', () => {
    assert.match(failure('plain.response.body.$.a').message, /not JSON/);
  });

  it('leaves XPath unsupported with a clear message', () => {
    const result = failure('doc.response.body.//title');
    assert.equal(result.reason, 'unsupported');
    assert.match(result.message, /XPath "\/\/title".*not supported/);
  });

  it('does not evaluate script in JSONPath filters as code', () => {
    const result = resolveRequestVariable(
      'doc.response.body.$.items[?(@.constructor.constructor("return process")())]',
      sources,
    );
    assert.equal(result.ok, false);
  });
});
