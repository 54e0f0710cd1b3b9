// What the parser keeps for the runner: each script and assertion on the request it belongs
// to, with the line its code starts on; httpYac `{{ }}` blocks are recognised and reported.
import { strict as assert } from 'node:assert';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';

describe('scripts in the parsed file', () => {
  it('keeps handlers, handler files, pre-request scripts and assertions on their requests', () => {
    const parsed = parseHttpFile(`< {% request.variables.set("a", "1") %}
GET http://x.test/one

> ./handlers/one.js
?? status == 200

###
POST http://x.test/two
Content-Type: application/json

{ "a": 1 }

> {%
  client.global.set("id", response.body.id);
%}
`);
    const [one, two] = parsed.requests;
    assert.deepEqual(
      one.scripts?.map((s) => [s.phase, s.code?.trim(), s.path]),
      [
        ['pre-request', 'request.variables.set("a", "1")', undefined],
        ['response', undefined, './handlers/one.js'],
      ],
    );
    assert.deepEqual(
      one.assertions?.map((a) => [a.text, a.range.start.line]),
      [['status == 200', 4]],
    );
    assert.equal(two.body?.text, '{ "a": 1 }', 'the handler is not body text');
    assert.equal(two.scripts?.[0].code, '\n  client.global.set("id", response.body.id);\n');
    assert.equal(two.scripts?.[0].codeStart.line, 12);
  });

  it('recognises httpYac {{ }} blocks, does not run them, and says so', () => {
    const parsed = parseHttpFile(`GET http://x.test/

{{
  exports.token = response.parsedBody.token;
}}
`);
    assert.deepEqual(parsed.requests[0].scripts, []);
    assert.equal(parsed.requests[0].body, undefined);
    const diagnostic = parsed.diagnostics.find((d) => d.code === 'unsupported-script');
    assert.match(diagnostic?.message ?? '', /httpYac script blocks \(\{\{ … \}\}\) are not run/);
  });
});
