import { strict as assert } from 'node:assert';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { OffsetRange } from '../../../src/core/text-range';
import { assertAllRangesConsistent, sliceRange } from './range-assertions';

function parse(text: string) {
  const parsed = parseHttpFile(text);
  assertAllRangesConsistent(text, parsed);
  return parsed;
}

describe('parseHttpFile: requests', () => {
  it('reads a file without separators as one request', () => {
    const text = 'GET https://example.com/items\nAccept: application/json\n';
    const { requests, diagnostics } = parse(text);
    assert.equal(requests.length, 1);
    assert.equal(requests[0].method, 'GET');
    assert.equal(requests[0].url, 'https://example.com/items');
    assert.equal(requests[0].methodWasImplicit, false);
    assert.deepEqual(diagnostics, []);
  });

  it('splits requests at ### and names them by the separator text', () => {
    const text = '### First one\nGET /a\n\n###   Second  \nPOST /b\n###\nDELETE /c\n';
    const { requests } = parse(text);
    assert.deepEqual(
      requests.map((r) => [r.index, r.method, r.url, r.title]),
      [
        [0, 'GET', '/a', 'First one'],
        [1, 'POST', '/b', 'Second'],
        [2, 'DELETE', '/c', undefined],
      ],
    );
  });

  it('treats #### and indented ### as separators too', () => {
    const { requests } = parse('GET /a\n#### B\nGET /b\n  ### C\nGET /c');
    assert.deepEqual(
      requests.map((r) => r.title),
      [undefined, 'B', 'C'],
    );
  });

  it('defaults the method to GET when the line is only a URL', () => {
    const text = 'https://example.com/comments/1';
    const [request] = parse(text).requests;
    assert.equal(request.method, 'GET');
    assert.equal(request.methodWasImplicit, true);
    assert.equal(sliceRange(text, request.urlRange), 'https://example.com/comments/1');
  });

  it('accepts lower-case standard methods and upper-case custom methods', () => {
    const { requests, diagnostics } = parse('get /a\n###\nPURGE /cache\n###\nMKCOL /dav/x\n###\nGRAPHQL /gql');
    assert.deepEqual(
      requests.map((r) => r.method),
      ['GET', 'PURGE', 'MKCOL', 'GRAPHQL'],
    );
    assert.deepEqual(diagnostics, []);
  });

  it('reads the HTTP version and keeps it out of the URL', () => {
    const text = 'PATCH https://example.com/a b HTTP/1.1\n###\nGET /x HTTP/2';
    const { requests } = parse(text);
    assert.equal(requests[0].url, 'https://example.com/a b');
    assert.equal(requests[0].httpVersion, 'HTTP/1.1');
    assert.equal(sliceRange(text, requests[0].urlRange), 'https://example.com/a b');
    assert.equal(sliceRange(text, requests[0].requestLineRange), 'PATCH https://example.com/a b HTTP/1.1');
    assert.equal(requests[1].httpVersion, 'HTTP/2');
  });

  it('joins query continuation lines onto the URL', () => {
    const text = 'GET https://example.com/comments\n    ?page=2\n    &pageSize=10 HTTP/1.1\nAccept: */*\n';
    const [request] = parse(text).requests;
    assert.equal(request.url, 'https://example.com/comments?page=2&pageSize=10');
    assert.equal(request.httpVersion, 'HTTP/1.1');
    assert.equal(sliceRange(text, request.urlRange), 'https://example.com/comments\n    ?page=2\n    &pageSize=10');
    assert.equal(
      sliceRange(text, request.requestLineRange),
      'GET https://example.com/comments\n    ?page=2\n    &pageSize=10 HTTP/1.1',
    );
    assert.deepEqual(
      request.headers.map((h) => h.name),
      ['Accept'],
    );
  });

  it('joins indented JetBrains path continuation lines onto the URL', () => {
    const [request] = parse('GET http://example.com:8080\n    /api\n    /get\n    ?id=123\n').requests;
    assert.equal(request.url, 'http://example.com:8080/api/get?id=123');
  });

  it('reads headers with their exact ranges, values kept raw', () => {
    const text = 'POST /a\nContent-Type:application/json\nAuthorization: Bearer {{token}}  \nX-Empty:\n';
    const [request] = parse(text).requests;
    assert.deepEqual(
      request.headers.map((h) => [h.name, h.value]),
      [
        ['Content-Type', 'application/json'],
        ['Authorization', 'Bearer {{token}}'],
        ['X-Empty', ''],
      ],
    );
    assert.equal(sliceRange(text, request.headers[1].range), 'Authorization: Bearer {{token}}');
  });

  it('skips # and // comments before the request line and between headers', () => {
    const text = '# a comment\n// another\nGET /a\n# between headers\nAccept: x\n// again\nX-Y: z\n';
    const { requests, diagnostics } = parse(text);
    assert.deepEqual(
      requests[0].headers.map((h) => h.name),
      ['Accept', 'X-Y'],
    );
    assert.deepEqual(diagnostics, []);
  });

  it('spans a request from the line after its separator to its last content line', () => {
    const text = 'GET /a\n\n###\n# @name b\nPOST /b\nX: 1\n\n{"a":1}\n\n\n';
    const [first, second] = parse(text).requests;
    assert.equal(sliceRange(text, first.range), 'GET /a');
    assert.equal(sliceRange(text, second.range), '# @name b\nPOST /b\nX: 1\n\n{"a":1}');
  });

  it('handles \\r\\n line endings with exact ranges', () => {
    const text =
      '@host = h\r\n\r\n### T\r\nPOST {{host}}/a\r\n  ?x=1\r\nContent-Type: application/json\r\n\r\n{\r\n  "a": 1\r\n}\r\n\r\n###\r\nGET /b\r\n';
    const { requests, fileVariables } = parse(text);
    assert.equal(fileVariables[0].value, 'h');
    assert.equal(requests[0].url, '{{host}}/a?x=1');
    assert.equal(requests[0].headers[0].value, 'application/json');
    assert.equal(requests[0].body?.text, '{\r\n  "a": 1\r\n}');
    assert.equal(sliceRange(text, requests[0].body!.range), '{\r\n  "a": 1\r\n}');
    assert.equal(requests[1].url, '/b');
  });
});

describe('parseHttpFile: file variables', () => {
  it('collects @name = value lines before and between requests, with ranges', () => {
    const text = '@host = example.com\n@token=abc def \n\nGET https://{{host}}/a\n\n###\n@id = 42\nGET /items/{{id}}';
    const { fileVariables, requests } = parse(text);
    assert.deepEqual(
      fileVariables.map((v) => [v.name, v.value]),
      [
        ['host', 'example.com'],
        ['token', 'abc def'],
        ['id', '42'],
      ],
    );
    const token = fileVariables[1];
    assert.equal(sliceRange(text, token.range), '@token=abc def');
    assert.equal(sliceRange(text, token.nameRange), 'token');
    assert.equal(sliceRange(text, token.valueRange), 'abc def');
    assert.equal(requests.length, 2);
  });

  it('accepts an empty value', () => {
    const text = '@empty =\nGET /a';
    const [variable] = parse(text).fileVariables;
    assert.equal(variable.value, '');
    assert.equal(variable.valueRange.start.offset, variable.valueRange.end.offset);
  });

  it('does not turn a block of only variables into a request', () => {
    const { requests, diagnostics } = parse('@a = 1\n@b = 2\n\n###\nGET /x');
    assert.equal(requests.length, 1);
    assert.equal(requests[0].index, 0);
    assert.deepEqual(diagnostics, []);
  });
});

describe('parseHttpFile: metadata comments', () => {
  it('reads # @name, // @name and # @name=x', () => {
    const text = '# @name first\nGET /a\n###\n// @name second\nGET /b\n###\n# @name=third\nGET /c';
    const { requests } = parse(text);
    assert.deepEqual(
      requests.map((r) => r.metadata.name),
      ['first', 'second', 'third'],
    );
    assert.equal(sliceRange(text, requests[1].metadata.nameRange!), 'second');
  });

  it('reads @no-redirect, @prompt and keeps other keys', () => {
    const text = [
      '# @no-redirect',
      '# @prompt username',
      '# @prompt otp Your one-time password',
      '// @note',
      '# @timeout 600',
      'POST /verify',
    ].join('\n');
    const [request] = parse(text).requests;
    assert.equal(request.metadata.noRedirect, true);
    assert.deepEqual(
      request.metadata.prompts.map((p) => [p.name, p.description]),
      [
        ['username', undefined],
        ['otp', 'Your one-time password'],
      ],
    );
    assert.equal(sliceRange(text, request.metadata.prompts[1].range), '@prompt otp Your one-time password');
    assert.deepEqual({ ...request.metadata.other }, { note: '', timeout: '600' });
  });

  it('keeps ordinary comments out of the metadata', () => {
    const [request] = parse('# send it to bob@example.com\n# @ not a key\nGET /a').requests;
    assert.deepEqual(request.metadata, {
      name: undefined,
      nameRange: undefined,
      noRedirect: false,
      prompts: [],
      other: {},
    });
  });

  it('stores a key named like an object property as plain data', () => {
    const [request] = parse('# @__proto__ polluted\nGET /a').requests;
    assert.equal(Object.getPrototypeOf(request.metadata.other), Object.prototype);
    assert.equal(request.metadata.other['__proto__'], 'polluted');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('treats # and // lines between body lines as body text', () => {
    const text = 'POST /a\nContent-Type: text/plain\n\nline one\n# not a comment\n// nor this\nline four\n';
    const [request] = parse(text).requests;
    assert.equal(request.body?.text, 'line one\n# not a comment\n// nor this\nline four');
  });
});

describe('parseHttpFile: a compact result for large files', () => {
  it('gives requests without metadata, headers, scripts or assertions one shared frozen empty value each', () => {
    const [a, b, named] = parse('### a\nGET /a\n\n### b\nGET /b\n\n### c\n# @name c\nGET /c\n').requests;
    assert.equal(a.metadata, b.metadata, 'one metadata object for every request without metadata');
    assert.ok(Object.isFrozen(a.metadata) && Object.isFrozen(a.metadata.other));
    for (const empty of [a.headers, a.scripts, a.metadata.prompts, named.metadata.prompts, a.assertions]) {
      assert.ok(Object.isFrozen(empty), 'a shared empty array cannot be changed by one reader for all');
      assert.equal(empty, b.headers);
    }
    assert.equal(named.metadata.name, 'c');
    assert.notEqual(named.metadata, a.metadata);
    assert.equal(named.metadata.other, a.metadata.other);
  });

  it("makes a header's range when it is read: the header keeps offsets, not a range object", () => {
    const text = 'GET /a\nAccept: application/json\n';
    const [header] = parse(text).requests[0].headers;
    assert.ok(!Object.values(header).some((v) => v instanceof OffsetRange), 'no range object held per header');
    assert.equal(sliceRange(text, header.range), 'Accept: application/json');
    assert.deepEqual(JSON.parse(JSON.stringify(header)), {
      name: 'Accept',
      value: 'application/json',
      range: { start: { line: 1, character: 0, offset: 7 }, end: { line: 1, character: 24, offset: 31 } },
    });
  });

  it("makes a request's three ranges when they are read: the request keeps offsets, not range objects", () => {
    const text = '### one\nPOST /items?a=1\n  &b=2 HTTP/1.1\nAccept: x\n\n{"a": 1}\n';
    const [request] = parse(text).requests;
    assert.ok(!Object.values(request).some((v) => v instanceof OffsetRange), 'no range object held per request');
    assert.equal(sliceRange(text, request.requestLineRange), 'POST /items?a=1\n  &b=2 HTTP/1.1');
    assert.equal(sliceRange(text, request.urlRange), '/items?a=1\n  &b=2');
    assert.equal(sliceRange(text, request.range), 'POST /items?a=1\n  &b=2 HTTP/1.1\nAccept: x\n\n{"a": 1}');
    const plain = JSON.parse(JSON.stringify(request));
    assert.deepEqual(plain.urlRange, {
      start: { line: 1, character: 5, offset: 13 },
      end: { line: 2, character: 6, offset: 30 },
    });
    assert.equal(plain.url, '/items?a=1&b=2');
    assert.deepEqual(Object.keys(plain), [
      'index',
      'title',
      'metadata',
      'method',
      'methodWasImplicit',
      'url',
      'httpVersion',
      'requestLineRange',
      'urlRange',
      'headers',
      'body',
      'scripts',
      'assertions',
      'range',
    ]);
  });

  it('gives a body that is one run of text its range and its one part when read, holding neither', () => {
    const text = 'POST /a\nContent-Type: application/json\n\n{\n  "a": 1\n}\n';
    const body = parse(text).requests[0].body!;
    assert.ok(
      !Object.values(body).some((v) => v instanceof OffsetRange || Array.isArray(v)),
      'no range object or parts array held per body',
    );
    assert.equal(sliceRange(text, body.range), '{\n  "a": 1\n}');
    assert.equal(body.parts.length, 1);
    const [part] = body.parts;
    assert.ok(part.kind === 'text');
    assert.equal(part.text, body.text);
    assert.equal(sliceRange(text, part.range), body.text);
  });

  it('keeps only offsets in a range: line and character come from the text when read', () => {
    const text = 'GET /a\r\nAccept: x\r\n\r\n{\r\n  "a": 1\r\n}';
    const [request] = parse(text).requests;
    const range = request.body!.range;
    assert.deepEqual(
      Object.values(range).filter((v) => typeof v === 'number'),
      [range.start.offset, range.end.offset],
    );
    assert.deepEqual(JSON.parse(JSON.stringify(range)), {
      start: { line: 3, character: 0, offset: 21 },
      end: { line: 5, character: 1, offset: 35 },
    });
  });
});
