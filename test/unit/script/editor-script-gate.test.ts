// The editor's decisions about scripts (issue 19): which requests and files are tests in the
// Testing view, that nothing runs in an untrusted workspace (told once), and the panel's
// Tests view with secrets redacted. The in-editor suite runs with trust on, so Restricted
// Mode is checked here, on the decision the extension reads.
import { strict as assert } from 'node:assert';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import {
  fileHasTests,
  OnceNotice,
  requestHasScripts,
  requestHasTests,
  restrictedModeReason,
  scriptGate,
  testsView,
} from '../../../src/extension/testing/script-gate';

const file = parseHttpFile(`### Log in
POST http://api.test/login

> {%
  client.global.set("token", response.body.token);
%}

### Checked
GET http://api.test/items
Authorization: Bearer {{token}}

> {%
  client.test("has items", () => client.assert(response.body.length > 0));
%}

### Asserted
GET http://api.test/health

?? status == 200

### From a file
GET http://api.test/other

> ./check.js

### Plain
GET http://api.test/plain
`);

describe('editor script gate', () => {
  it('a request is a test when it asserts (client.test, client.assert, ??) or hands off to a handler file', () => {
    assert.deepEqual(file.requests.map(requestHasTests), [false, true, true, true, false]);
    assert.deepEqual(file.requests.map(requestHasScripts), [true, true, true, true, false]);
    assert.equal(fileHasTests(file), true);
    assert.equal(
      fileHasTests(parseHttpFile('GET http://api.test/\n\n> {%\n  client.global.set("a", "b");\n%}\n')),
      false,
    );
  });

  it('runs scripts only in a trusted workspace, and says why not otherwise', () => {
    assert.deepEqual(scriptGate(true), { run: true, options: {} });
    const closed = scriptGate(false);
    assert.equal(closed.run, false);
    assert.equal(!closed.run && closed.reason, restrictedModeReason);
    assert.match(restrictedModeReason, /Restricted Mode/);
  });

  it('tells the user once, and only for a request that has scripts', () => {
    const notice = new OnceNotice();
    assert.equal(notice.shouldShow(scriptGate(true), file.requests[1]), false, 'trusted: nothing to say');
    assert.equal(notice.shouldShow(scriptGate(false), file.requests[4]), false, 'no scripts: nothing to say');
    assert.equal(notice.shouldShow(scriptGate(false), file.requests[0]), true);
    assert.equal(notice.shouldShow(scriptGate(false), file.requests[1]), false, 'once per session');
  });

  it('the panel Tests view redacts secrets in names and messages, and carries the reason nothing ran', () => {
    const view = testsView(
      [
        { name: 'token is s3cr3t-token', passed: false, message: 'got s3cr3t-token', line: 4 },
        { name: 'ok', passed: true },
      ],
      ['s3cr3t-token'],
    );
    assert.ok(view);
    assert.doesNotMatch(JSON.stringify(view), /s3cr3t-token/);
    assert.deepEqual(
      view.results.map((r) => [r.passed, r.line]),
      [
        [false, 4],
        [true, undefined],
      ],
    );
    assert.equal(testsView(undefined, []), undefined);
    assert.deepEqual(testsView(undefined, [], restrictedModeReason), { results: [], notRun: restrictedModeReason });
  });
});
