// The session merges the caller's variable sources with the scripts' globals and the named
// results once, and reuses the merge while nothing it came from changed. Every way a value
// can change between two sends with the very same sources object must show in the next one.
import { strict as assert } from 'node:assert';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import type { ParsedHttpFile } from '../../../src/core/http-file/http-file-model';
import { createFileResolver } from '../../../src/core/run/create-file-resolver';
import { noFileAccess } from '../../../src/core/run/include-files';
import { RequestSession, type SendCall } from '../../../src/core/run/request-session';
import { VersionedMap } from '../../../src/core/run/versioned-map';
import type { HttpResponse, OutgoingRequest } from '../../../src/core/send/send-model';
import { defaultSendOptions } from '../../../src/core/send/send-model';

function response(body: object): HttpResponse {
  const bytes = Buffer.from(JSON.stringify(body));
  return {
    status: 200,
    statusText: 'OK',
    httpVersion: '1.1',
    headers: [['Content-Type', 'application/json']],
    body: bytes,
    wireBytes: bytes.length,
    url: 'http://api.test/',
    redirects: [],
    truncated: false,
    notices: [],
    timings: { dns: 0, connect: 0, tls: 0, firstByte: 0, download: 0, total: 1 },
  };
}

/** A session whose sender answers `answer(request)` and remembers every URL it was given. */
// Scripts stay off here: a handler setting a global is in test/unit/script/script-session.test.ts
// (a script run installs a process-wide rejection watcher per bundle, which the sandbox's own
// test must not meet first).
function session(answer: (request: OutgoingRequest) => object = () => ({})) {
  const urls: string[] = [];
  const s = new RequestSession<undefined>({
    send: async (request) => {
      urls.push(request.url);
      return { ok: true, response: response(answer(request)) };
    },
    createResolver: createFileResolver,
    files: noFileAccess,
    observer: { observe: () => undefined },
  });
  return { s, urls };
}

const sources: SendCall['sources'] = {
  environment: { host: 'api.test' },
  dotenv: {},
  processEnv: {},
  prompts: {},
  allowProcessEnv: false,
  now: () => new Date(0),
  random: () => 0.5,
};

function call(file: ParsedHttpFile, index: number, from: SendCall['sources'] = sources): SendCall {
  return { file, request: file.requests[index], sources: from, options: defaultSendOptions };
}

describe('the merged variable sources of a session', () => {
  it('use a global changed, removed or cleared between two sends with the same sources', async () => {
    const file = parseHttpFile('GET http://{{host}}/items/{{id}}');
    const { s, urls } = session();
    s.globals.set('id', '1');
    await s.send(call(file, 0));
    s.globals.set('id', '2');
    await s.send(call(file, 0));
    assert.deepEqual(urls, ['http://api.test/items/1', 'http://api.test/items/2']);
    s.globals.delete('id');
    assert.equal((await s.send(call(file, 0))).kind, 'not-sent', 'a removed global no longer resolves');
    s.globals.set('id', '3');
    await s.send(call(file, 0));
    s.globals.clear();
    assert.equal((await s.send(call(file, 0))).kind, 'not-sent', 'nor does a cleared one');
    assert.deepEqual(urls, ['http://api.test/items/1', 'http://api.test/items/2', 'http://api.test/items/3']);
  });

  it('read the latest response of a named request', async () => {
    const file = parseHttpFile(`# @name login
POST http://api.test/login

###
GET http://api.test/items?token={{login.response.body.$.token}}
`);
    let logins = 0;
    const { s, urls } = session((request) => (request.url.endsWith('/login') ? { token: `tok-${++logins}` } : {}));
    assert.equal((await s.send(call(file, 1))).kind, 'not-sent', 'login not sent yet');
    await s.send(call(file, 0));
    await s.send(call(file, 1));
    await s.send(call(file, 0));
    await s.send(call(file, 1));
    assert.deepEqual(
      urls.filter((u) => u.includes('/items')),
      ['http://api.test/items?token=tok-1', 'http://api.test/items?token=tok-2'],
    );
  });

  it('take new prompt answers or another environment from new sources', async () => {
    const file = parseHttpFile('GET http://{{host}}/items/{{id}}');
    const { s, urls } = session();
    await s.send(call(file, 0, { ...sources, prompts: { id: 'a' } }));
    await s.send(call(file, 0, { ...sources, prompts: { id: 'b' } }));
    await s.send(call(file, 0, { ...sources, environment: { host: 'other.test' }, prompts: { id: 'b' } }));
    assert.deepEqual(urls, ['http://api.test/items/a', 'http://api.test/items/b', 'http://other.test/items/b']);
  });

  it('give prompt answers precedence over globals, whichever changed last', async () => {
    const file = parseHttpFile('GET http://api.test/items/{{id}}');
    const { s, urls } = session();
    const prompted = { ...sources, prompts: { id: 'prompted' } };
    s.globals.set('id', 'global');
    await s.send(call(file, 0, prompted));
    s.globals.set('id', 'global-2');
    await s.send(call(file, 0, prompted));
    await s.send(call(file, 0));
    assert.deepEqual(urls, [
      'http://api.test/items/prompted',
      'http://api.test/items/prompted',
      'http://api.test/items/global-2',
    ]);
  });

  it('resolve each file with its own variables, given the same sources', async () => {
    const first = parseHttpFile('@v = one\nGET http://api.test/{{v}}');
    const second = parseHttpFile('# @name named\n@v = two\nGET http://api.test/{{v}}/{{named.response.body.$.x}}');
    const { s, urls } = session(() => ({ x: 'x' }));
    await s.send(call(first, 0));
    const unsent = await s.send(call(second, 0));
    assert.equal(unsent.kind === 'not-sent' && unsent.unresolved[0].reason, 'request-not-sent', 'its own names');
    await s.send(call(first, 0));
    assert.deepEqual(urls, ['http://api.test/one', 'http://api.test/one']);
    const direct = createFileResolver(second, { ...sources, requests: new Map() });
    assert.equal(direct.resolveText('{{v}}').text, 'two');
  });
});

describe('a versioned map', () => {
  it('counts every change and nothing else', () => {
    const map = new VersionedMap<string, string>();
    map.set('a', '1');
    assert.equal(map.version, 1);
    map.get('a');
    map.delete('missing');
    assert.equal(map.version, 1, 'reads and a delete of nothing change nothing');
    map.delete('a');
    assert.equal(map.version, 2);
    map.clear();
    assert.equal(map.version, 2, 'clearing an empty map changes nothing');
    map.set('b', '2');
    map.clear();
    assert.equal(map.version, 4);
    assert.equal(map.size, 0);
  });
});
