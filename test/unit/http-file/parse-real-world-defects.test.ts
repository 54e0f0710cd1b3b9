// Patterns from real files (issue 19) that the parser used to misread, each as a small snippet.
import { strict as assert } from 'node:assert';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import type { ParsedHttpFile } from '../../../src/core/http-file/http-file-model';
import { assertAllRangesConsistent, sliceRange } from './range-assertions';

function parse(text: string): ParsedHttpFile {
  const parsed = parseHttpFile(text);
  assertAllRangesConsistent(text, parsed);
  for (const request of parsed.requests)
    if (request.body) assert.equal(sliceRange(text, request.body.range), request.body.text);
  return parsed;
}

const codes = (parsed: ParsedHttpFile) => parsed.diagnostics.map((d) => d.code);
const lines = (parsed: ParsedHttpFile) => parsed.requests.map((r) => `${r.method} ${r.url}`);

describe('parseHttpFile: patterns from real files', () => {
  describe('comment lines at the edges of a body', () => {
    it('does not send a // comment above a JSON body (Clean Architecture template)', () => {
      const parsed = parse(
        'POST {{host}}/api/TodoLists\nContent-Type: application/json\n\n// CreateTodoListCommand\n{ "title": "Kitchen Prep" }\n',
      );
      assert.equal(parsed.requests[0].body?.text, '{ "title": "Kitchen Prep" }');
      assert.equal(parsed.requests[0].body?.kind, 'json');
    });

    it('does not send # or // comments below a body', () => {
      const parsed = parse(
        'POST /a\nContent-Type: application/json\n\n{\n  "a": 1\n}\n# sent with the staging key\n// TODO: remove\n\n###\nGET /b',
      );
      assert.equal(parsed.requests[0].body?.text, '{\n  "a": 1\n}');
    });

    it('leaves a body that is only comments without a body', () => {
      assert.equal(parse('POST /a\n\n# nothing to send yet\n').requests[0].body, undefined);
    });
  });

  describe('file variables after a body', () => {
    it('defines @name = value lines between a body and the next ###, and keeps them out of the body', () => {
      const parsed = parse(
        'POST /a\nContent-Type: application/json\n\n{"a": 1}\n\n@AdminToken = REPLACE_ME\n###\nGET /b\nAuthorization: {{AdminToken}}',
      );
      assert.equal(parsed.requests[0].body?.text, '{"a": 1}');
      assert.deepEqual(
        parsed.fileVariables.map((v) => [v.name, v.value]),
        [['AdminToken', 'REPLACE_ME']],
      );
      assert.deepEqual(codes(parsed), []);
    });

    it('defines a variable that follows a response handler', () => {
      const parsed = parse('POST /a\n\n{"a": 1}\n\n> {% client.global.set("x", 1) %}\n@next=2\n###\nGET /b');
      assert.deepEqual(
        parsed.fileVariables.map((v) => v.name),
        ['next'],
      );
    });
  });

  describe('JetBrains query continuation lines', () => {
    it('joins indented name=value lines to a URL ending in ? or &', () => {
      const parsed = parse('GET {{url}}/articles?\n    author=johnjacob\n    &page=2\nAccept: application/json\n');
      assert.equal(parsed.requests[0].url, '{{url}}/articles?author=johnjacob&page=2');
      assert.deepEqual(
        parsed.requests[0].headers.map((h) => h.name),
        ['Accept'],
      );
      assert.deepEqual(codes(parsed), []);
    });

    it('keeps an indented header a header', () => {
      const parsed = parse('GET /articles?\n  Accept: application/json\n');
      assert.equal(parsed.requests[0].url, '/articles?');
      assert.deepEqual(
        parsed.requests[0].headers.map((h) => h.name),
        ['Accept'],
      );
    });
  });

  describe('GraphQL under application/json', () => {
    it('reads a query body as GraphQL', () => {
      const parsed = parse(
        'POST /graphql\nContent-Type: application/json\n\nquery Repo($name: String!) {\n  repository(name: $name) { id }\n}\n\n{"name": "x"}',
      );
      assert.equal(parsed.requests[0].body?.kind, 'graphql');
    });

    it('keeps a body that opens with { or [ JSON', () => {
      assert.equal(
        parse('POST /graphql\nContent-Type: application/json\n\n{"query": "{ a }"}').requests[0].body?.kind,
        'json',
      );
      assert.equal(
        parse('POST /graphql\nContent-Type: application/json\n\n[{"query": "{ a }"}]').requests[0].body?.kind,
        'json',
      );
    });
  });

  describe('httpYac: requests without ###', () => {
    it('starts a new request at a request line after a blank line', () => {
      const parsed = parse('GET /a\n\nPOST /b\nContent-Type: application/json\n\n{"b": 1}\n\nDELETE /c\n');
      assert.deepEqual(lines(parsed), ['GET /a', 'POST /b', 'DELETE /c']);
      assert.equal(parsed.requests[1].body?.text, '{"b": 1}');
      assert.deepEqual(
        parsed.requests.map((r) => r.index),
        [0, 1, 2],
      );
    });

    it('gives the new request the # @name and @variables written above it', () => {
      const parsed = parse('GET /a\n\n# @name second\n@id = 7\nGET /b/{{id}}\n');
      assert.deepEqual(lines(parsed), ['GET /a', 'GET /b/{{id}}']);
      assert.equal(parsed.requests[1].metadata.name, 'second');
      assert.deepEqual(
        parsed.fileVariables.map((v) => v.name),
        ['id'],
      );
    });

    it('warns at a request line inside a body, where httpYac starts a new request', () => {
      const text = 'POST /a\nContent-Type: application/json\n\n{"a": 1}\nPOST /b\nContent-Type: application/json';
      const parsed = parse(text);
      assert.deepEqual(lines(parsed), ['POST /a']);
      assert.deepEqual(codes(parsed), ['missing-separator']);
      assert.equal(sliceRange(text, parsed.diagnostics[0].range), 'POST /b');
    });

    it('keeps body text that only mentions a method as body', () => {
      const text = 'POST /notes\nContent-Type: text/plain\n\nremember:\n\nGET is safe, POST is not\n';
      const parsed = parse(text);
      assert.deepEqual(lines(parsed), ['POST /notes']);
      assert.equal(parsed.requests[0].body?.text, 'remember:\n\nGET is safe, POST is not');
    });
  });

  describe('a body directly under the headers', () => {
    for (const opener of ['{"a": 1}', '[1, 2]', '<@ ./payload.json', '< ./payload.json']) {
      it(`reads ${opener.slice(0, 3)}… under the last header as the body`, () => {
        const parsed = parse(`POST /a\nContent-Type: application/json\n${opener}\n`);
        assert.equal(parsed.requests[0].body?.text, opener);
        assert.deepEqual(
          parsed.requests[0].headers.map((h) => h.name),
          ['Content-Type'],
        );
        assert.deepEqual(codes(parsed), []);
      });
    }

    it('still reads a {{name}} header as a header', () => {
      const parsed = parse('GET /a\n{{headerName}}: 1\n');
      assert.deepEqual(
        parsed.requests[0].headers.map((h) => h.name),
        ['{{headerName}}'],
      );
    });
  });

  describe('/* … */ comments outside bodies', () => {
    it('skips a block comment before the request line and between headers', () => {
      const parsed = parse(
        '/*\n  POST /not-this\n  Content-Type: x\n*/\nGET /a\nAccept: */*\n/* one line */\nX-B: 2\n',
      );
      assert.deepEqual(lines(parsed), ['GET /a']);
      assert.deepEqual(
        parsed.requests[0].headers.map((h) => h.name),
        ['Accept', 'X-B'],
      );
      assert.deepEqual(codes(parsed), []);
    });

    it('does not send a block comment at the end of a body', () => {
      const parsed = parse('POST /a\n\n{"a": 1}\n/* the server ignores\n   unknown fields */\n');
      assert.equal(parsed.requests[0].body?.text, '{"a": 1}');
    });
  });

  describe('a response saved after a request', () => {
    it('is not sent, and the request after it is read', () => {
      const text =
        'GET /json\n\n//saved\nHTTP/1.1 200 OK\ncontent-type: application/json\n\n{\n  "a": 1\n}\n\n\nGET /json\n';
      const parsed = parse(text);
      assert.deepEqual(lines(parsed), ['GET /json', 'GET /json']);
      assert.equal(parsed.requests[0].body, undefined);
      assert.equal(parsed.requests[0].headers.length, 0);
    });
  });

  describe('what comes after a script', () => {
    it('reads the request after an httpYac {{ }} block', () => {
      const parsed = parse('GET /a\n\n{{\n  test("ok", () => {});\n}}\n\nGET /b\n');
      assert.deepEqual(lines(parsed), ['GET /a', 'GET /b']);
      assert.deepEqual(codes(parsed), ['unsupported-script']);
    });

    it('reads the request after a JetBrains handler and reports a handler file', () => {
      const parsed = parse('POST /a\n\nx=1\n\n> ./check.js\n\nPOST /b\n\nx=2\n\n> {% client.log(1) %}\nGET /c');
      assert.deepEqual(lines(parsed), ['POST /a', 'POST /b', 'GET /c']);
      assert.deepEqual(codes(parsed), ['unsupported-script', 'unsupported-script']);
    });

    it('reports text after a script that belongs to no request', () => {
      const parsed = parse('GET /a\n\n> {% client.log(1) %}\n\nsome stray text\nand more\n###\nGET /b');
      assert.deepEqual(lines(parsed), ['GET /a', 'GET /b']);
      assert.deepEqual(codes(parsed), ['unsupported-script', 'ignored-text']);
      assert.equal(parsed.diagnostics[1].range.start.line, 4);
      assert.equal(parsed.diagnostics[1].range.end.line, 5);
    });

    it('warns over every line a script block that never closes swallows', () => {
      const text = 'GET /a\n\n> {%\n  client.log(1);\n\nGET /b\n###\nGET /c';
      const parsed = parse(text);
      assert.deepEqual(lines(parsed), ['GET /a', 'GET /c']);
      assert.deepEqual(codes(parsed).sort(), ['unclosed-script', 'unsupported-script']);
      const unclosed = parsed.diagnostics.find((d) => d.code === 'unclosed-script')!;
      assert.equal(unclosed.severity, 'warning');
      assert.equal(unclosed.range.start.line, 2);
      assert.equal(unclosed.range.end.line, 5);
      assert.match(unclosed.message, /never closes with `%}`/);
    });

    it('warns over an httpYac {{ block that never closes, before a request line', () => {
      const parsed = parse('{{\n  exports.x = 1;\nPOST /b');
      assert.deepEqual(lines(parsed), []);
      const unclosed = parsed.diagnostics.find((d) => d.code === 'unclosed-script');
      assert.equal(unclosed?.range.start.line, 0);
      assert.equal(unclosed?.range.end.line, 2);
    });

    it('reads a GraphQL fragment block as a fragment for the query, not as a request', () => {
      const parsed = parse(
        'fragment Parts on Repo {\n  name\n}\n\nPOST /graphql\nContent-Type: application/json\n\nquery { repo { ...Parts } }',
      );
      assert.deepEqual(lines(parsed), ['POST /graphql']);
      assert.deepEqual(codes(parsed), []);
      assert.equal(parsed.requests[0].body?.graphqlFragments, 'fragment Parts on Repo {\n  name\n}');
    });
  });

  describe('REST Client Digest shorthand', () => {
    it('warns in the editor that Digest user password is not supported', () => {
      const parsed = parse('GET /a\nAuthorization: Digest ada s3cret\n###\nGET /b\nAuthorization: Basic ada s3cret\n');
      assert.deepEqual(
        parsed.diagnostics.map((d) => [d.code, d.range.start.line]),
        [['unsupported-syntax', 1]],
      );
    });
  });
});
