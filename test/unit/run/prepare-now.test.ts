// A request with nothing to read from disk is prepared without waiting, and a session with
// scripts off puts it on the wire in the same turn as the send — the same request either way.
import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { createFileResolver } from '../../../src/core/run/create-file-resolver';
import type { FileAccess } from '../../../src/core/run/include-files';
import { noFileAccess } from '../../../src/core/run/include-files';
import { prepareRequest, prepareRequestNow } from '../../../src/core/run/prepare-request';
import { RequestSession } from '../../../src/core/run/request-session';
import type { OutgoingRequest } from '../../../src/core/send/send-model';
import { defaultSendOptions } from '../../../src/core/send/send-model';
import type { VariableSources } from '../../../src/core/variables/variable-model';

const sources: VariableSources = {
  environment: { host: '127.0.0.1:3000', token: 'secret-token' },
  secretValues: ['secret-token'],
  dotenv: {},
  processEnv: {},
  prompts: {},
  requests: new Map(),
  allowProcessEnv: true,
  now: () => new Date(0),
  random: () => 0.5,
};

/** The same body written inline (prepared at once) and as a `<@` include (read first). */
const bodies: Record<string, { head: string; body: string }> = {
  'a JSON body': {
    head: 'POST http://{{host}}/items\nContent-Type: application/json',
    body: '{"token": "{{token}}", "n": 1}',
  },
  'a GraphQL query with variables': {
    head: 'POST http://{{host}}/graphql\nX-Request-Type: GraphQL',
    body: 'query Q($id: ID!) { item(id: $id) { id } }\n\n{"id": "{{token}}"}',
  },
  'a form over several lines': {
    head: 'POST http://{{host}}/f\nContent-Type: application/x-www-form-urlencoded',
    body: 'a=1\n&b={{token}}',
  },
};

function filesHolding(text: string): FileAccess {
  return {
    resolveInclude: (path) => ({ ok: true, path }),
    size: async () => Buffer.byteLength(text),
    readText: async () => text,
    openStream: () => Readable.from([Buffer.from(text)]),
  };
}

describe('preparing a request without waiting', () => {
  for (const [what, { head, body }] of Object.entries(bodies)) {
    it(`shapes ${what} as the preparation that reads an include does`, async () => {
      const inline = parseHttpFile(`${head}\n\n${body}`);
      const included = parseHttpFile(`${head}\n\n<@ ./body.txt`);
      const now = prepareRequestNow(inline.requests[0], createFileResolver(inline, sources));
      const read = await prepareRequest(
        included.requests[0],
        createFileResolver(included, sources),
        filesHolding(body),
      );
      assert.ok(now?.ok && read.ok);
      assert.deepEqual(now.prepared, read.prepared);
      assert.ok(now.prepared.bodyText?.includes('secret-token'));
    });
  }

  it('leaves a body with an include to the waiting preparation', () => {
    const file = parseHttpFile('POST http://127.0.0.1/x\n\n< ./body.json');
    assert.equal(prepareRequestNow(file.requests[0], createFileResolver(file, sources)), undefined);
  });
});

describe('a session with scripts off', () => {
  function session(files: FileAccess = noFileAccess) {
    const sent: OutgoingRequest[] = [];
    const s = new RequestSession<undefined>({
      send: (request) => {
        sent.push(request);
        return Promise.resolve({ ok: true, response: { status: 200, headers: [], body: new Uint8Array() } as never });
      },
      createResolver: createFileResolver,
      files,
      observer: { observe: () => undefined },
    });
    return { s, sent };
  }

  it('hands a request without includes to the sender before the send returns', async () => {
    const file = parseHttpFile('GET http://127.0.0.1/items/{{n}}');
    const { s, sent } = session();
    const outcome = s.send({
      file,
      request: file.requests[0],
      sources: { ...sources, prompts: { n: '1' } },
      options: defaultSendOptions,
    });
    assert.deepEqual(
      sent.map((r) => r.url),
      ['http://127.0.0.1/items/1'],
      'on its way in the same turn',
    );
    assert.equal((await outcome).kind, 'response');
  });

  it('still reads an include first, and still refuses what does not resolve', async () => {
    const files = filesHolding('{}');
    const file = parseHttpFile('POST http://127.0.0.1/items\n\n< ./body.json\n\n###\nGET http://127.0.0.1/{{nope}}');
    const { s, sent } = session(files);
    const included = s.send({ file, request: file.requests[0], sources, options: defaultSendOptions });
    assert.equal(sent.length, 0, 'the file is read first');
    assert.equal((await included).kind, 'response');
    const refused = await s.send({ file, request: file.requests[1], sources, options: defaultSendOptions });
    assert.equal(refused.kind, 'not-sent');
    assert.equal(sent.length, 1);
  });
});
