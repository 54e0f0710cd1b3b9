import { strict as assert } from 'node:assert';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import type { ParsedBody } from '../../../src/core/http-file/http-file-model';
import { assertAllRangesConsistent, sliceRange } from './range-assertions';

function bodyOf(text: string): ParsedBody | undefined {
  const parsed = parseHttpFile(text);
  assertAllRangesConsistent(text, parsed);
  assert.equal(parsed.requests.length, 1, 'one request');
  const body = parsed.requests[0].body;
  if (body) {
    assert.equal(sliceRange(text, body.range), body.text, 'the body range slices to the body text');
    assert.equal(
      body.parts.map((p) => sliceRange(text, p.range)).join(''),
      body.text,
      'the parts cover the body in order',
    );
  }
  return body;
}

describe('parseHttpFile: bodies', () => {
  it('reads the body after the blank line, without trailing blank lines', () => {
    const text = 'POST /a\nContent-Type: application/json\n\n{\n  "a": 1\n}\n\n\n###\nGET /b';
    const body = bodyOf(text.split('###')[0]);
    assert.equal(body?.text, '{\n  "a": 1\n}');
    assert.equal(body?.kind, 'json');
    assert.deepEqual(
      body?.parts.map((p) => p.kind),
      ['text'],
    );
  });

  it('ends the body at the next separator', () => {
    const { requests } = parseHttpFile('POST /a\n\nhello\n###\nGET /b');
    assert.equal(requests[0].body?.text, 'hello');
    assert.equal(requests[1].body, undefined);
  });

  it('skips extra blank lines before the body', () => {
    const text = 'POST /a\n\n\n\nhello';
    const body = bodyOf(text);
    assert.equal(body?.text, 'hello');
    assert.equal(body?.range.start.line, 4);
  });

  it('gives a request without a body no body', () => {
    assert.equal(bodyOf('GET /a\nAccept: x\n\n\n'), undefined);
    assert.equal(bodyOf('GET /a'), undefined);
  });

  const kinds: Array<[string, string, string]> = [
    ['Content-Type: application/json', '{"a":1}', 'json'],
    ['Content-Type: application/merge-patch+json; charset=utf-8', '{"a":1}', 'json'],
    ['Content-Type: application/x-www-form-urlencoded', 'a=1\n&b=2', 'form'],
    [
      'Content-Type: multipart/form-data; boundary=X',
      '--X\nContent-Disposition: form-data; name="a"\n\n1\n--X--',
      'multipart',
    ],
    ['Content-Type: application/xml', '<a/>', 'xml'],
    ['Content-Type: application/atom+xml', '<feed/>', 'xml'],
    ['Content-Type: application/graphql', 'query { a }', 'graphql'],
    [
      'Content-Type: application/json\nX-Request-Type: GraphQL',
      'query ($id: ID!) {\n  a(id: $id)\n}\n\n{"id": 1}',
      'graphql',
    ],
    ['Content-Type: text/plain', '{"looks": "like json"}', 'text'],
    ['Content-Type: {{contentType}}', '{"a": 1}', 'json'],
    ['Content-Type: {{contentType}}', 'name=foo', 'text'],
    ['X-Other: 1', '{"a":1}', 'json'],
    ['X-Other: 1', '[1, 2]', 'json'],
    ['X-Other: 1', '<root/>', 'xml'],
    ['X-Other: 1', 'mutation { addItem }', 'graphql'],
    ['X-Other: 1', 'just words', 'text'],
    ['X-Other: 1', 'query is a word here', 'text'],
    ['X-Other: 1', 'query GetUser($id: ID!) {\n  user(id: $id) { name }\n}', 'graphql'],
    ['X-Other: 1', 'querying { a }', 'text'],
  ];
  for (const [headers, body, kind] of kinds) {
    it(`classifies a body as ${kind} given ${JSON.stringify(headers)} and ${JSON.stringify(body.slice(0, 12))}`, () => {
      assert.equal(bodyOf(`POST /a\n${headers}\n\n${body}`)?.kind, kind);
    });
  }

  it('classifies a JetBrains GRAPHQL request body as graphql', () => {
    assert.equal(bodyOf('GRAPHQL http://localhost/graphql\n\nquery { toDos { name } }')?.kind, 'graphql');
  });

  it('classifies a body that is only an include by the file extension', () => {
    assert.equal(bodyOf('POST /a\n\n< ./body.json')?.kind, 'json');
    assert.equal(bodyOf('POST /a\nContent-Type: text/plain\n\n< ./body.json')?.kind, 'text');
  });

  it('splits a body into text runs and includes, in order', () => {
    const text =
      'POST /a\nContent-Type: multipart/form-data; boundary=B\n\n--B\nContent-Type: application/json\n\n< ./a.json\n--B\n\n<@ ./b.txt\n<@latin1 ./c.xml\n--B--';
    const body = bodyOf(text)!;
    assert.equal(body.kind, 'multipart');
    assert.deepEqual(
      body.parts.map((p) =>
        p.kind === 'text' ? ['text', p.text] : ['include', p.path, p.processVariables, p.encoding],
      ),
      [
        ['text', '--B\nContent-Type: application/json\n\n'],
        ['include', './a.json', false, undefined],
        ['text', '\n--B\n\n'],
        ['include', './b.txt', true, undefined],
        ['text', '\n'],
        ['include', './c.xml', true, 'latin1'],
        ['text', '\n--B--'],
      ],
    );
    const include = body.parts[1];
    assert.equal(sliceRange(text, include.range), '< ./a.json');
  });

  it('reads an include that is the whole body, with a Windows path', () => {
    const body = bodyOf('POST /a\nContent-Type: application/xml\n\n< C:\\Users\\Default\\Desktop\\demo.xml\n')!;
    assert.deepEqual(body.parts, [
      {
        kind: 'include',
        path: 'C:\\Users\\Default\\Desktop\\demo.xml',
        processVariables: false,
        encoding: undefined,
        range: body.range,
      },
    ]);
  });

  it('keeps XML lines starting with < as text', () => {
    const body = bodyOf('POST /a\nContent-Type: application/xml\n\n<a>\n<b/>\n</a>')!;
    assert.deepEqual(
      body.parts.map((p) => p.kind),
      ['text'],
    );
  });

  it('ends the body at a JetBrains response handler and does not report it as body', () => {
    const text =
      'POST /a\nContent-Type: application/json\n\n{"a": 1}\n\n> {%\n  client.test("ok", () => {});\n%}\n\n<> previous.json\n';
    const parsed = parseHttpFile(text);
    assertAllRangesConsistent(text, parsed);
    const request = parsed.requests[0];
    assert.equal(request.body?.text, '{"a": 1}');
    assert.equal(sliceRange(text, request.range), 'POST /a\nContent-Type: application/json\n\n{"a": 1}');
    assert.deepEqual(
      parsed.diagnostics.map((d) => [d.code, d.severity]),
      [['unsupported-script', 'information']],
    );
  });

  it('ends the body at an httpYac script block and a >> redirect', () => {
    const text = 'POST /a\n\nbody\n\n{{\n  exports.x = 1;\n}}\n>> out.json';
    assert.equal(parseHttpFile(text).requests[0].body?.text, 'body');
  });
});
