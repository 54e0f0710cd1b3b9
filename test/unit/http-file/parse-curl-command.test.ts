// A pasted curl command read as a request (issue 19, REST Client behaviour): method, URL,
// headers, body, -u, --json, quoting and `\` continuations; what we cannot follow is a warning.
import { strict as assert } from 'node:assert';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { curlRequest, shellWords } from '../../../src/core/http-file/parse-curl-command';

describe('curl commands', () => {
  it("splits words as a shell does: quotes, escapes, $'…' and line continuations", () => {
    assert.deepEqual(shellWords(`curl -H 'A: b c' "x\\"y" $'a\\nb' d\\ e \\\n  f`), [
      'curl',
      '-H',
      'A: b c',
      'x"y',
      'a\nb',
      'd e',
      'f',
    ]);
    assert.equal(shellWords(`curl 'never closed`), undefined);
  });

  it('reads -X, -H, -d (POST by default), -u, -A, -b and --url', () => {
    assert.deepEqual(
      curlRequest(
        `curl -X PUT https://api.test/items/1 -H 'Content-Type: application/json' -H "If-Match: \\"v1\\"" -d '{"a":1}'`,
      ),
      {
        method: 'PUT',
        url: 'https://api.test/items/1',
        headers: [
          ['Content-Type', 'application/json'],
          ['If-Match', '"v1"'],
        ],
        body: '{"a":1}',
        problems: [],
      },
    );
    const post = curlRequest(
      `curl --url=https://api.test/form -d a=1 --data-raw b=2 -u ana:pw -A bot -b sid=1 -sSL --compressed`,
    )!;
    assert.equal(post.method, 'POST');
    assert.equal(post.url, 'https://api.test/form');
    assert.equal(post.body, 'a=1&b=2');
    assert.deepEqual(post.headers, [
      ['Authorization', 'Basic ana:pw'],
      ['User-Agent', 'bot'],
      ['Cookie', 'sid=1'],
      ['Content-Type', 'application/x-www-form-urlencoded'],
    ]);
    assert.deepEqual(post.problems, []);
  });

  it('--json sets the JSON headers; an unknown option and a file body are reported', () => {
    const json = curlRequest(`curl --json '{"x":true}' https://api.test/j`)!;
    assert.deepEqual(
      [json.method, json.body, json.headers],
      [
        'POST',
        '{"x":true}',
        [
          ['Content-Type', 'application/json'],
          ['Accept', 'application/json'],
        ],
      ],
    );
    assert.deepEqual(curlRequest(`curl --frobnicate -d @body.json https://api.test/`)!.problems.length, 2);
  });

  it('a curl command in a .http file is a request, continuation lines included, between ### separators', () => {
    const file = parseHttpFile(`### Pasted
curl -X POST 'https://api.test/items?x=1' \\
  -H 'Content-Type: application/json' \\
  --data-raw '{"name":"pen"}'

### Next
GET https://api.test/next
`);
    assert.equal(file.requests.length, 2);
    const [pasted, next] = file.requests;
    assert.deepEqual([pasted.method, pasted.url, pasted.title], ['POST', 'https://api.test/items?x=1', 'Pasted']);
    assert.deepEqual(
      pasted.headers.map((h) => [h.name, h.value]),
      [['Content-Type', 'application/json']],
    );
    assert.deepEqual([pasted.body?.kind, pasted.body?.text], ['json', '{"name":"pen"}']);
    assert.deepEqual([pasted.requestLineRange.start.line, pasted.requestLineRange.end.line], [1, 3]);
    assert.deepEqual([next.method, next.url], ['GET', 'https://api.test/next']);
    assert.deepEqual(file.diagnostics, []);
  });

  it('says so when a line follows the command inside the same block', () => {
    const file = parseHttpFile(`curl https://api.test/a\nContent-Type: text/plain\n`);
    assert.equal(file.requests[0].url, 'https://api.test/a');
    assert.match(file.diagnostics[0]?.message ?? '', /follows a curl command/);
  });
});
