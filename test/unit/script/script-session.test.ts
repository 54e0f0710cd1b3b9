// Scripts inside a run: a login handler's client.global value resolves `{{token}}` in the
// requests after it, a pre-request script's request.variables resolve in its own request,
// and results come back on the outcome. The sender is a stand-in that answers from a table.
import { strict as assert } from 'node:assert';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { createFileResolver } from '../../../src/core/run/create-file-resolver';
import { noFileAccess } from '../../../src/core/run/include-files';
import { RequestSession } from '../../../src/core/run/request-session';
import type { HttpResponse, OutgoingRequest, SendOptions } from '../../../src/core/send/send-model';
import { defaultSendOptions } from '../../../src/core/send/send-model';

function response(status: number, body: object): HttpResponse {
  const bytes = Buffer.from(JSON.stringify(body));
  return {
    status,
    statusText: 'OK',
    httpVersion: '1.1',
    headers: [['Content-Type', 'application/json']],
    body: bytes,
    url: 'http://api.test/',
    redirects: [],
    truncated: false,
    notices: [],
    timings: { total: 5 },
  } as unknown as HttpResponse;
}

const file = parseHttpFile(`### Log in
POST http://api.test/login

> {%
  client.global.set("token", response.body.token);
  client.test("logged in", () => client.assert(response.status === 200, "login failed"));
%}

### Use the token
< {%
  request.variables.set("page", "2");
%}
GET http://api.test/items?page={{page}}
Authorization: Bearer {{token}}

?? status == 200
?? js response.parsedBody.items.length > 5
`);

describe('scripts in a session', () => {
  function session(scripts: boolean) {
    const sent: OutgoingRequest[] = [];
    const s = new RequestSession<undefined>({
      send: async (request) => {
        sent.push(request);
        return {
          ok: true,
          response: request.url.endsWith('/login')
            ? response(200, { token: 'tok-1' })
            : response(200, { items: [1, 2] }),
        };
      },
      createResolver: createFileResolver,
      files: noFileAccess,
      observer: { observe: async () => undefined },
      ...(scripts ? { scripts: {} } : {}),
    });
    return { s, sent };
  }
  const sources = {
    environment: {},
    dotenv: {},
    processEnv: {},
    prompts: {},
    allowProcessEnv: false,
    now: () => new Date(0),
    random: () => 0.5,
  };
  const options: SendOptions = defaultSendOptions;

  it('parses the scripts and assertions onto their requests', () => {
    assert.deepEqual(
      file.requests.map((r) => (r.scripts ?? []).map((s) => s.phase)),
      [['response'], ['pre-request']],
    );
    assert.deepEqual(
      file.requests[1].assertions?.map((a) => a.text),
      ['status == 200', 'js response.parsedBody.items.length > 5'],
    );
    assert.equal(file.requests[0].scripts?.[0].codeStart.line, 3);
  });

  it('resolves a login token set by a handler in the next request', async () => {
    const { s, sent } = session(true);
    const login = await s.send({ file, request: file.requests[0], sources, options });
    assert.deepEqual(login.tests, [{ name: 'logged in', passed: true }]);
    const items = await s.send({ file, request: file.requests[1], sources, options });
    assert.equal(items.kind, 'response');
    assert.equal(sent[1].url, 'http://api.test/items?page=2');
    assert.deepEqual(sent[1].headers, [['Authorization', 'Bearer tok-1']]);
    assert.deepEqual(
      items.tests?.map((t) => [t.name, t.passed, t.line]),
      [
        ['status == 200', true, 16],
        ['response.parsedBody.items.length > 5', false, 17],
      ],
    );
  });

  it('runs nothing when scripts are off: the token stays unresolved', async () => {
    const { s } = session(false);
    await s.send({ file, request: file.requests[0], sources, options });
    const items = await s.send({ file, request: file.requests[1], sources, options });
    assert.equal(items.kind, 'not-sent');
    assert.equal(items.tests, undefined);
  });

  it('a caller that prepares the request itself (the editor) gets the scripted variables and the handlers run', async () => {
    const { s, sent } = session(true);
    const login = await s.beginScripts({ file, request: file.requests[0], sources });
    const first = await s.prepare({ file, request: file.requests[0], sources: login.sources, options });
    assert.ok(first.ok);
    const outcome = await s.sendPrepared(file.requests[0], first.prepared, options, login.scope);
    assert.deepEqual(outcome.tests, [{ name: 'logged in', passed: true }]);
    const items = await s.beginScripts({ file, request: file.requests[1], sources });
    assert.equal(items.sources.prompts.token, 'tok-1');
    assert.equal(items.sources.prompts.page, '2');
    const second = await s.prepare({ file, request: file.requests[1], sources: items.sources, options });
    assert.ok(second.ok);
    const done = await s.sendPrepared(file.requests[1], second.prepared, options, items.scope);
    assert.deepEqual(sent[1].headers, [['Authorization', 'Bearer tok-1']]);
    assert.deepEqual(
      done.tests?.map((t) => t.passed),
      [true, false],
    );
  });

  it('with scripts off the editor gets no scope, so nothing runs on the response', async () => {
    const { s } = session(false);
    const begun = await s.beginScripts({ file, request: file.requests[0], sources });
    assert.equal(begun.scope, undefined);
    assert.equal(begun.sources, sources);
  });

  it('a pre-request script runs once when the request first sends what it depends on', async () => {
    const deps = parseHttpFile(`### Read
# @name doc
GET http://api.test/doc

### Write
< {%
  client.global.set("runs", String(Number(client.global.get("runs") || "0") + 1));
%}
PUT http://api.test/doc
If-Match: {{doc.response.headers.Content-Type}}
`);
    const { s, sent } = session(true);
    const outcome = await s.send({ file: deps, request: deps.requests[1], sources, options, sendDependencies: true });
    assert.equal(outcome.kind, 'response');
    assert.deepEqual(
      sent.map((r) => r.method),
      ['GET', 'PUT'],
    );
    assert.equal(s.globals.get('runs'), '1');
  });

  it('a value a handler set under a secret-looking name is a secret of the requests that use it', async () => {
    const { s } = session(true);
    await s.send({ file, request: file.requests[0], sources, options });
    const items = await s.send({ file, request: file.requests[1], sources, options });
    assert.equal(items.kind, 'response');
    assert.ok(
      items.kind === 'response' && items.prepared.secrets.includes('tok-1'),
      'the token is redacted wherever the request is shown',
    );
    assert.ok(
      items.kind === 'response' && !items.prepared.secrets.includes('2'),
      'request.variables "page" is not a secret',
    );
  });

  it('a token a handler sets anew is the one the next request sends (merged sources are not kept stale)', async () => {
    let logins = 0;
    const sent: OutgoingRequest[] = [];
    const s = new RequestSession<undefined>({
      send: async (request) => {
        sent.push(request);
        const body = request.url.endsWith('/login') ? { token: `tok-${++logins}` } : { items: [] };
        return { ok: true, response: response(200, body) };
      },
      createResolver: createFileResolver,
      files: noFileAccess,
      observer: { observe: () => undefined },
      scripts: {},
    });
    // No pre-request script in the second request: its sources come from the session's merge.
    const plain = parseHttpFile(`POST http://api.test/login

> {%
  client.global.set("token", response.body.token);
%}

###
GET http://api.test/items
Authorization: Bearer {{token}}
`);
    for (let round = 0; round < 2; round++) {
      await s.send({ file: plain, request: plain.requests[0], sources, options });
      await s.send({ file: plain, request: plain.requests[1], sources, options });
    }
    assert.deepEqual(
      sent.filter((r) => r.url.includes('/items')).map((r) => r.headers),
      [[['Authorization', 'Bearer tok-1']], [['Authorization', 'Bearer tok-2']]],
    );
  });
});
