import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { createFileResolver } from '../../../src/core/run/create-file-resolver';
import { createFileAccess, noFileAccess } from '../../../src/core/run/include-files';
import type { FileAccess } from '../../../src/core/run/include-files';
import { prepareRequest } from '../../../src/core/run/prepare-request';
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

async function prepare(text: string, files: FileAccess = noFileAccess, index = 0) {
  const file = parseHttpFile(text);
  return prepareRequest(file.requests[index], createFileResolver(file, sources), files);
}

async function readBody(body: unknown): Promise<string> {
  const b = body as { kind: string; text?: string; open?: () => AsyncIterable<Buffer> };
  if (b.kind === 'text') return b.text!;
  const chunks: Buffer[] = [];
  for await (const c of b.open!()) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8');
}

describe('preparing a request for the wire', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'prepare-'));
    mkdirSync(join(dir, 'ws'));
    writeFileSync(join(dir, 'ws', 'doc.json'), '{"title":"{{host}}"}');
    writeFileSync(join(dir, 'outside.txt'), 'private');
    symlinkSync(join(dir, 'outside.txt'), join(dir, 'ws', 'link.txt'));
    mkdirSync(join(dir, 'ws', 'sub'));
    writeFileSync(join(dir, 'ws', 'sub', 'inner.json'), '{"inner":true}');
    symlinkSync(join(dir, 'ws', 'sub', 'inner.json'), join(dir, 'ws', 'inner-link.json'));
    symlinkSync(dir, join(dir, 'ws', 'up')); // a folder link that leads out of the workspace
    writeFileSync(join(dir, 'ws', '..data.json'), '{"dots":1}');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const access = () =>
    createFileAccess({ httpFile: join(dir, 'ws', 'req.http'), roots: [join(dir, 'ws')], allowOutside: false });

  it('resolves variables in the URL, headers and body, and reports secrets it used', async () => {
    const result = await prepare(
      '@id = 42\nPUT http://{{host}}/docs/{{id}}\nAuthorization: Bearer {{token}}\n\n{"id": {{id}}}',
    );
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.prepared.request.url, 'http://127.0.0.1:3000/docs/42');
    assert.deepEqual(result.prepared.request.headers, [['Authorization', 'Bearer secret-token']]);
    assert.equal(result.prepared.bodyText, '{"id": 42}');
    assert.deepEqual(result.prepared.secrets, ['secret-token']);
  });

  it('refuses to send with every unresolved variable named', async () => {
    const result = await prepare('GET http://{{nohost}}/x\nX-A: {{missing}}');
    assert.equal(result.ok, false);
    assert.ok(
      !result.ok &&
        result.problems.some((p) => p.includes('nohost')) &&
        result.problems.some((p) => p.includes('missing')),
    );
  });

  it('builds an absolute URL from a path and the Host header', async () => {
    const result = await prepare('GET /status\nHost: example.test:8080');
    assert.ok(result.ok);
    assert.equal(result.prepared.request.url, 'http://example.test:8080/status');
  });

  it('streams a `<` include and substitutes variables in a `<@` include', async () => {
    const raw = await prepare('POST http://h/x\nContent-Type: application/json\n\n< ./doc.json', access());
    assert.ok(raw.ok);
    assert.equal(raw.prepared.request.body?.kind, 'stream');
    assert.equal(await readBody(raw.prepared.request.body), '{"title":"{{host}}"}');
    const processed = await prepare('POST http://h/x\nContent-Type: application/json\n\n<@ ./doc.json', access());
    assert.ok(processed.ok);
    assert.equal(await readBody(processed.prepared.request.body), '{"title":"127.0.0.1:3000"}');
  });

  it('refuses includes that escape the workspace by .. or by a symlink', async () => {
    for (const path of ['../outside.txt', './link.txt', join(dir, 'outside.txt')]) {
      const result = await prepare(`POST http://h/x\n\n< ${path}`, access());
      assert.equal(result.ok, false, path);
      assert.ok(!result.ok && /outside the workspace/.test(result.problems[0]), path);
    }
  });

  /** Records every read, so a refused include is proved never opened. */
  function spied(inner: FileAccess): { access: FileAccess; touched: string[] } {
    const touched: string[] = [];
    return {
      touched,
      access: {
        resolveInclude: (written) => inner.resolveInclude(written),
        readText: (path, encoding) => (touched.push(path), inner.readText(path, encoding)),
        size: (path) => (touched.push(path), inner.size(path)),
        openStream: (path) => (touched.push(path), inner.openStream(path)),
      },
    };
  }

  const hostilePaths = [
    '../outside.txt',
    '../../../../../../etc/passwd',
    '/etc/passwd',
    './sub/../../outside.txt',
    './up/outside.txt',
    './link.txt',
    '~/.ssh/id_rsa',
    '~/../../etc/passwd',
  ];
  for (const path of hostilePaths) {
    it(`refuses the include "${path}" and never opens it`, async () => {
      const { access: watched, touched } = spied(access());
      const target = path.startsWith('~/') ? join(homedir(), path.slice(2)) : resolve(dir, 'ws', path);
      // A target that exists is refused by name; one that does not is simply not found.
      const expected = existsSync(target) ? /is outside the workspace and was not read/ : /was not found/;
      for (const form of [`< ${path}`, `<@ ${path}`, `<@latin1 ${path}`]) {
        const result = await prepare(`POST http://h/x\n\n${form}`, watched);
        assert.equal(result.ok, false, form);
        assert.ok(!result.ok && result.problems.length === 1, form);
        assert.match(!result.ok ? result.problems[0] : '', expected, form);
      }
      assert.deepEqual(touched, []);
    });
  }

  it('finds no file for Windows-style or percent-encoded escapes, which are plain names here', async () => {
    for (const path of ['..\\..\\outside.txt', '%2e%2e/outside.txt', '..%2foutside.txt']) {
      const result = await prepare(`POST http://h/x\n\n< ${path}`, access());
      assert.equal(result.ok, false, path);
      assert.match(!result.ok ? result.problems[0] : '', /was not found|outside the workspace/, path);
    }
  });

  it('allows a symlink inside the workspace to another file inside it, and a name that starts with two dots', async () => {
    const linked = await prepare('POST http://h/x\n\n< ./inner-link.json', access());
    assert.ok(linked.ok);
    assert.equal(await readBody(linked.prepared.request.body), '{"inner":true}');
    const dotted = await prepare('POST http://h/x\n\n< ./..data.json', access());
    assert.ok(dotted.ok, JSON.stringify(dotted));
    assert.equal(await readBody(dotted.prepared.request.body), '{"dots":1}');
  });

  it('reads a file outside the workspace only when the user allows it in settings', async () => {
    const allowing = createFileAccess({
      httpFile: join(dir, 'ws', 'req.http'),
      roots: [join(dir, 'ws')],
      allowOutside: true,
    });
    const result = await prepare('POST http://h/x\n\n< ../outside.txt', allowing);
    assert.ok(result.ok);
    assert.equal(await readBody(result.prepared.request.body), 'private');
  });

  it('leaves $processEnv and $dotenv unresolved in an untrusted workspace and sends nothing', async () => {
    const file = parseHttpFile('GET http://h/x?k={{$processEnv API_KEY}}\nX-Key: {{$dotenv KEY}}');
    const untrusted: VariableSources = {
      ...sources,
      allowProcessEnv: false,
      processEnv: { API_KEY: 'env-secret-1' },
      dotenv: { KEY: 'dotenv-secret-2' },
    };
    const result = await prepareRequest(file.requests[0], createFileResolver(file, untrusted), noFileAccess);
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.unresolved.map((u) => u.reason),
      ['not-allowed', 'not-allowed'],
    );
    assert.doesNotMatch(JSON.stringify(result), /env-secret-1|dotenv-secret-2/);
  });

  it('treats template-injection payloads as unknown variables, never as code', async () => {
    const payloads = [
      "{{ this.constructor.constructor('return process')() }}",
      '{{constructor}}',
      '{{__proto__}}',
      "{{ range.constructor('x') }}",
      '{{7*7}}',
    ];
    for (const payload of payloads) {
      const result = await prepare(`GET http://h/x\nX-A: ${payload}`);
      assert.equal(result.ok, false, payload);
      assert.ok(!result.ok && result.problems.length >= 1, payload);
    }
  });

  it('reads no file at all in Restricted Mode', async () => {
    const result = await prepare('POST http://h/x\n\n< ./doc.json', noFileAccess);
    assert.ok(!result.ok && /Restricted Mode/.test(result.problems[0]));
  });

  it('sends a GraphQL body as JSON with its variables', async () => {
    const result = await prepare(
      'POST http://h/graphql\nX-Request-Type: GraphQL\n\nquery Book($id: ID!) { book(id: $id) { title } }\n\n{"id": "1"}',
    );
    assert.ok(result.ok);
    assert.deepEqual(JSON.parse(result.prepared.bodyText!), {
      query: 'query Book($id: ID!) { book(id: $id) { title } }',
      operationName: 'Book',
      variables: { id: '1' },
    });
    assert.ok(!result.prepared.request.headers.some(([n]) => n === 'X-Request-Type'));
  });

  it('joins form bodies written over several lines', async () => {
    const result = await prepare('POST http://h/form\nContent-Type: application/x-www-form-urlencoded\n\na=1\n&b=2');
    assert.ok(result.ok);
    assert.equal(result.prepared.bodyText, 'a=1&b=2');
  });
});

describe('credentials written into the URL', () => {
  it('become a Basic Authorization header marked secret, and leave the URL', async () => {
    const file = parseHttpFile('GET http://ana:s3cret-pw@127.0.0.1:3000/me\n');
    const result = await prepareRequest(file.requests[0], createFileResolver(file, sources), noFileAccess);
    assert.ok(result.ok);
    assert.equal(result.prepared.request.url, 'http://127.0.0.1:3000/me');
    const token = Buffer.from('ana:s3cret-pw').toString('base64');
    assert.deepEqual(result.prepared.request.headers, [['Authorization', `Basic ${token}`]]);
    assert.ok(result.prepared.secrets.includes('s3cret-pw') && result.prepared.secrets.includes(token));
  });

  it('never override an Authorization header the user wrote', async () => {
    const file = parseHttpFile('GET http://ana:pw@127.0.0.1:3000/me\nAuthorization: Bearer xyz\n');
    const result = await prepareRequest(file.requests[0], createFileResolver(file, sources), noFileAccess);
    assert.ok(result.ok);
    assert.deepEqual(result.prepared.request.headers, [['Authorization', 'Bearer xyz']]);
  });
});
