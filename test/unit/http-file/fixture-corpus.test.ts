import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import type { ParsedHttpFile, ParsedRequest } from '../../../src/core/http-file/http-file-model';
import { assertAllRangesConsistent, sliceRange } from './range-assertions';

const corpus = join(process.cwd(), 'test', 'fixtures', 'http');

interface Expected {
  method: string;
  url: string;
  headers?: string[];
  body?: string;
  name?: string;
  title?: string;
}

/** What a user who wrote each file expects to be sent, request by request. */
const expectations: Record<string, { requests: Expected[]; variables: string[]; codes: string[] }> = {
  'rest-client-basics.http': {
    variables: ['hostname', 'port', 'host', 'contentType', 'createdAt', 'modifiedBy', 'name'],
    codes: [],
    requests: [
      { method: 'GET', url: 'https://{{host}}/authors/{{name}}' },
      { method: 'PATCH', url: 'https://{{host}}/authors/{{name}}', headers: ['Content-Type'], body: 'json' },
      { method: 'GET', url: 'https://example.com/comments/1' },
      { method: 'GET', url: 'https://example.com/comments?page=2&pageSize=10' },
      { method: 'POST', url: 'https://example.com/comments', headers: ['content-type'], body: 'json' },
    ],
  },
  'rest-client-bodies.http': {
    variables: [],
    codes: [],
    requests: [
      { method: 'POST', url: 'https://example.com/comments', headers: ['Content-Type', 'Authorization'], body: 'xml' },
      { method: 'POST', url: 'https://example.com/comments', headers: ['Content-Type', 'Authorization'], body: 'xml' },
      { method: 'POST', url: 'https://example.com/comments', headers: ['Content-Type', 'Authorization'], body: 'xml' },
      { method: 'POST', url: 'https://api.example.com/user/upload', headers: ['Content-Type'], body: 'multipart' },
      { method: 'POST', url: 'https://api.example.com/login', headers: ['Content-Type'], body: 'form' },
      {
        method: 'POST',
        url: 'https://api.github.com/graphql',
        headers: ['Content-Type', 'Authorization', 'X-REQUEST-TYPE'],
        body: 'graphql',
      },
    ],
  },
  'rest-client-request-variables.http': {
    variables: ['baseUrl', 'authToken', 'commentId'],
    codes: [],
    requests: [
      { method: 'POST', url: '{{baseUrl}}/api/login', headers: ['Content-Type'], body: 'form', name: 'login' },
      {
        method: 'POST',
        url: '{{baseUrl}}/comments',
        headers: ['Authorization', 'Content-Type'],
        body: 'json',
        name: 'createComment',
      },
      {
        method: 'GET',
        url: '{{baseUrl}}/comments/{{commentId}}',
        headers: ['Authorization'],
        name: 'getCreatedComment',
      },
      { method: 'GET', url: '{{baseUrl}}/comments/{{commentId}}/replies', headers: ['Accept'], name: 'getReplies' },
      {
        method: 'GET',
        url: '{{baseUrl}}/comments/{{commentId}}/replies/{{getReplies.response.body.//reply[1]/@id}}',
        name: 'getFirstReply',
      },
      { method: 'POST', url: 'https://{{hostname}}/verify-otp/{{refCode}}', headers: ['Content-Type'], body: 'json' },
      { method: 'GET', url: 'https://example.com/redirect' },
    ],
  },
  'jetbrains-requests.http': {
    variables: ['myhost'],
    codes: ['unsupported-script', 'unsupported-script', 'unsupported-script'],
    requests: [
      { method: 'GET', url: 'https://httpbin.org/ip', headers: ['Accept'], title: 'Get request with a header' },
      {
        method: 'POST',
        url: 'https://httpbin.org/post',
        headers: ['Content-Type'],
        body: 'json',
        title: 'Post request with a body',
      },
      { method: 'POST', url: 'https://httpbin.org/post', headers: ['Content-Type'], body: 'multipart' },
      { method: 'POST', url: 'https://httpbin.org/post', headers: ['Content-Type'], body: 'json' },
      { method: 'GET', url: 'https://httpbin.org/headers', headers: ['Authorization'] },
      { method: 'GET', url: 'https://httpbin.org/status/200' },
      { method: 'POST', url: 'https://httpbin.org/post', headers: ['Content-Type'], body: 'json' },
      { method: 'GET', url: 'http://localhost:8080/api/get' },
      { method: 'GET', url: 'http://example.com:8080/api/html/get?id=123&value=content' },
      { method: 'GET', url: 'example.com/status/301', name: 'slowRedirect', title: 'Options' },
      { method: 'GRAPHQL', url: 'http://localhost:8080/graphql', body: 'graphql' },
      { method: 'GET', url: 'http://{{myhost}}/api' },
      { method: 'POST', url: 'http://example.com/{{firstname}}', headers: ['Content-Type'], body: 'form' },
    ],
  },
  'httpyac-core.http': {
    variables: ['user', 'password'],
    codes: ['unsupported-script'],
    requests: [
      { method: 'POST', url: 'https://httpbin.org/anything', headers: ['Content-Type'], body: 'json', name: 'login' },
      { method: 'GET', url: 'https://httpbin.org/anything', headers: ['Authorization'] },
      { method: 'GET', url: 'https://httpbin.org/xml', headers: ['Accept'] },
    ],
  },
  'crlf-windows.http': {
    variables: ['host'],
    codes: [],
    requests: [
      { method: 'POST', url: 'http://{{host}}/items', headers: ['Content-Type'], body: 'json', title: 'Create' },
      { method: 'GET', url: 'http://{{host}}/items/1', headers: ['If-None-Match'], title: 'Read' },
    ],
  },
};

function summarise(request: ParsedRequest, expected: Expected): Expected {
  const actual: Expected = { method: request.method, url: request.url };
  if (request.headers.length > 0) actual.headers = request.headers.map((h) => h.name);
  if (request.body) actual.body = request.body.kind;
  if (request.metadata.name !== undefined) actual.name = request.metadata.name;
  if (expected.title !== undefined) actual.title = request.title;
  return actual;
}

describe('parseHttpFile: sample files in REST Client, JetBrains and httpYac syntax', () => {
  it('has an expectation for every sample file', () => {
    const files = readdirSync(corpus)
      .filter((f) => f.endsWith('.http'))
      .sort();
    assert.deepEqual(files, Object.keys(expectations).sort());
  });

  for (const [file, expected] of Object.entries(expectations)) {
    describe(file, () => {
      let text = '';
      let parsed: ParsedHttpFile;
      before(() => {
        text = readFileSync(join(corpus, file), 'utf8');
        parsed = parseHttpFile(text);
      });

      it('gives exactly the requests the user wrote', () => {
        assert.deepEqual(
          parsed.requests.map((r, i) => summarise(r, expected.requests[i] ?? { method: '', url: '' })),
          expected.requests,
        );
      });

      it('collects the file variables and reports only what is expected', () => {
        assert.deepEqual(
          parsed.fileVariables.map((v) => v.name),
          expected.variables,
        );
        assert.deepEqual(
          parsed.diagnostics.map((d) => d.code),
          expected.codes,
        );
      });

      it('gives ranges that agree with the text', () => {
        assertAllRangesConsistent(text, parsed);
        for (const request of parsed.requests) {
          const firstUrlLine = request.url.length === 0 ? '' : sliceRange(text, request.urlRange).split(/\r?\n/)[0];
          assert.ok(request.url.startsWith(firstUrlLine), `url range of request ${request.index} starts the url`);
          if (request.body) assert.equal(sliceRange(text, request.body.range), request.body.text);
        }
      });
    });
  }

  it('reads the prompts and redirect flag of the REST Client sample', () => {
    const parsed = parseHttpFile(readFileSync(join(corpus, 'rest-client-request-variables.http'), 'utf8'));
    assert.deepEqual(
      parsed.requests[5].metadata.prompts.map((p) => p.name),
      ['username', 'refCode', 'otp'],
    );
    assert.equal(parsed.requests[6].metadata.noRedirect, true);
    assert.deepEqual({ ...parsed.requests[6].metadata.other }, { 'no-cookie-jar': '' });
  });

  it('reads the includes of the REST Client body sample', () => {
    const parsed = parseHttpFile(readFileSync(join(corpus, 'rest-client-bodies.http'), 'utf8'));
    const includes = parsed.requests.flatMap((r) => r.body?.parts.filter((p) => p.kind === 'include') ?? []);
    assert.deepEqual(
      includes.map((p) => (p.kind === 'include' ? [p.path, p.processVariables, p.encoding] : [])),
      [
        ['C:\\Users\\Default\\Desktop\\demo.xml', false, undefined],
        ['./demo.xml', true, undefined],
        ['./demo.xml', true, 'latin1'],
        ['./1.png', false, undefined],
      ],
    );
  });
});
