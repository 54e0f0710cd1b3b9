import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { FileVariable } from '../../../src/core/http-file/http-file-model';
import type { Range } from '../../../src/core/text-range';
import { createResolver } from '../../../src/core/variables/resolve-variables';
import type { RequestRecord, VariableSources } from '../../../src/core/variables/variable-model';
import { scriptedRandom, testSources } from './test-sources';

const noRange: Range = { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: 0, offset: 0 } };

function fileVars(values: Record<string, string>): FileVariable[] {
  return Object.entries(values).map(([name, value]) => ({
    name,
    value,
    range: noRange,
    nameRange: noRange,
    valueRange: noRange,
  }));
}

function resolve(text: string, vars: Record<string, string>, sources: Partial<VariableSources> = {}) {
  return createResolver(fileVars(vars), testSources(sources)).resolveText(text);
}

const docRecord: RequestRecord = {
  request: { url: 'http://x/documents/42', method: 'GET', headers: [] },
  response: { status: 200, headers: [['ETag', '"v5"']], body: '{"version": 5}' },
};

describe('resolving variables in text', () => {
  it('substitutes file, environment, system and request variables in one pass', () => {
    const result = resolve(
      'PUT {{base}}/documents/{{ id }}?v={{doc.response.body.$.version}}&n={{$randomInt 1 3}} {{doc.response.headers.etag}}',
      { base: 'http://{{host}}', id: '42' },
      { environment: { host: 'localhost:3000' }, requests: new Map([['doc', docRecord]]), random: () => 0 },
    );
    assert.equal(result.text, 'PUT http://localhost:3000/documents/42?v=5&n=1 "v5"');
    assert.deepEqual(result.unresolved, []);
  });

  it('prefers prompts over file variables over the environment', () => {
    const environment = { a: 'env-a', b: 'env-b', c: 'env-c' };
    const result = resolve(
      '{{a}} {{b}} {{c}}',
      { a: 'file-a', b: 'file-b' },
      { environment, prompts: { a: 'prompt-a' } },
    );
    assert.equal(result.text, 'prompt-a file-b env-c');
  });

  it('knows request and system variables by their syntax, whatever else is defined', () => {
    const result = resolve(
      '{{$timestamp}} {{doc.response.headers.ETag}}',
      {},
      {
        prompts: { $timestamp: 'nope', 'doc.response.headers.ETag': 'nope' },
        requests: new Map([['doc', docRecord]]),
      },
    );
    assert.equal(result.text, `${Date.UTC(2024, 1, 29, 13, 45, 6) / 1000} "v5"`);
  });

  it('lets file variables use other file variables, system variables and request variables', () => {
    const result = resolve(
      '{{url}} {{etag}}',
      {
        url: '{{base}}/{{path}}',
        base: 'http://h',
        path: 'p/{{$randomInt 7 8}}',
        etag: '{{doc.response.headers.ETag}}',
      },
      {
        requests: new Map([['doc', docRecord]]),
      },
    );
    assert.equal(result.text, 'http://h/p/7 "v5"');
  });

  it('uses the last definition of a file variable', () => {
    const vars = [...fileVars({ a: 'first' }), ...fileVars({ a: 'second' })];
    assert.equal(createResolver(vars, testSources()).resolveText('{{a}}').text, 'second');
  });

  it('gives a file variable one value per resolver, so a generated id is the same everywhere', () => {
    const resolver = createResolver(fileVars({ id: '{{$guid}}' }), testSources({ random: Math.random }));
    const result = resolver.resolveText('{{id}} {{id}}');
    const [first, second] = result.text.split(' ');
    assert.equal(first, second);
    // Written directly, each placeholder is its own call.
    const [x, y] = resolver.resolveText('{{$guid}} {{$guid}}').text.split(' ');
    assert.notEqual(x, y);
  });

  it('leaves an undefined variable as written and names it and the environment', () => {
    const result = resolve('Bearer {{ token }}!', {}, { environment: { other: 'x' }, environmentName: 'dev' });
    assert.equal(result.text, 'Bearer {{ token }}!');
    assert.equal(result.unresolved.length, 1);
    const [u] = result.unresolved;
    assert.equal(u.reason, 'undefined');
    assert.equal(u.message, 'Variable "token" is not defined in this file or in environment "dev"');
    assert.deepEqual(u.reference, { expression: 'token', start: 7, end: 18 });
  });

  it('says when no environment is selected', () => {
    assert.match(resolve('{{token}}', {}).unresolved[0].message, /no environment is selected/);
  });

  it('reports a missing variable deep inside another one, naming both', () => {
    const result = resolve('{{url}}', { url: '{{base}}/x', base: 'http://{{host}}' }, { environmentName: 'prod' });
    assert.equal(result.text, '{{url}}');
    assert.equal(result.unresolved[0].reason, 'undefined');
    assert.equal(
      result.unresolved[0].message,
      'Variable "host" is not defined in this file or in environment "prod" (used by "base", used by "url")',
    );
  });

  it('explains a chain of 2,000 variables instead of overflowing the stack, and resolves 64', () => {
    const chain = (n: number) =>
      Object.fromEntries([['v0', 'end'], ...Array.from({ length: n }, (_, i) => [`v${i + 1}`, `{{v${i}}}`])]);
    const long = resolve('x={{v2000}}', chain(2000));
    assert.equal(long.unresolved[0].reason, 'bad-arguments');
    assert.match(
      long.unresolved[0].message,
      /^Variables nest more than 64 levels deep \("v2000" → "v1999" → … → "v1935"\)/,
    );
    assert.ok(long.unresolved[0].message.length < 300, 'the used-by chain is summed up');
    assert.equal(resolve('x={{v64}}', chain(64)).text, 'x=end');
  });

  it('detects cycles and names the chain', () => {
    const result = resolve('{{a}}', { a: 'x{{b}}', b: '{{c}}', c: '{{a}}' });
    assert.equal(result.text, '{{a}}');
    assert.equal(result.unresolved[0].reason, 'cycle');
    assert.equal(result.unresolved[0].message, 'Variables refer to each other in a cycle: "a" → "b" → "c" → "a"');
  });

  it('detects a cycle that runs through the environment', () => {
    const result = resolve('{{host}}', { host: '{{envHost}}' }, { environment: { envHost: '{{host}}' } });
    assert.equal(result.unresolved[0].reason, 'cycle');
  });

  it('lets a value be used twice without calling it a cycle', () => {
    assert.equal(resolve('{{a}}', { a: '{{b}}-{{b}}', b: '{{c}}', c: 'z' }).text, 'z-z');
  });

  it('stops a value that doubles at every level before it exhausts memory', () => {
    const vars: Record<string, string> = { v0: 'x'.repeat(1000) };
    for (let i = 1; i <= 30; i++) vars[`v${i}`] = `{{v${i - 1}}}{{v${i - 1}}}`;
    const result = resolve('{{v30}}', vars);
    assert.equal(result.text, '{{v30}}');
    assert.match(result.unresolved[0].message, /expands to more than/);
  });

  it('keeps restricted-mode failures as not-allowed, with the reason', () => {
    const result = resolve(
      '{{key}}',
      { key: '{{$processEnv API_KEY}}' },
      { allowProcessEnv: false, processEnv: { API_KEY: 'k' } },
    );
    assert.equal(result.text, '{{key}}');
    assert.equal(result.unresolved[0].reason, 'not-allowed');
    assert.match(result.unresolved[0].message, /Restricted Mode/);
  });

  it('reports an empty placeholder', () => {
    assert.equal(resolve('a {{ }} b', {}).unresolved[0].reason, 'bad-arguments');
  });

  it('never resolves a name to something inherited from Object.prototype', () => {
    const result = resolve('{{constructor}} {{toString}}', {}, { environment: {} });
    assert.equal(result.text, '{{constructor}} {{toString}}');
    assert.equal(result.unresolved.length, 2);
  });

  describe('secrets', () => {
    const secretSources: Partial<VariableSources> = {
      environment: { token: 'tok-123', host: 'h' },
      secretValues: ['tok-123', 'unused-secret'],
    };

    it('lists secret values that were used, also through file variables', () => {
      const result = resolve('{{host}} {{auth}}', { auth: 'Bearer {{token}}' }, secretSources);
      assert.equal(result.text, 'h Bearer tok-123');
      assert.deepEqual(result.secrets, ['tok-123']);
    });

    it('lists nothing when no secret was used', () => {
      assert.deepEqual(resolve('{{host}}', {}, secretSources).secrets, []);
    });

    it('treats process environment and .env values as secrets', () => {
      const result = resolve('{{$processEnv A}} {{$dotenv B}}', {}, { processEnv: { A: 'pa' }, dotenv: { B: 'db' } });
      assert.deepEqual(result.secrets, ['pa', 'db']);
    });

    it('lists a secret prompt answer', () => {
      const result = resolve('{{password}}', {}, { prompts: { password: 'pw' }, secretValues: ['pw'] });
      assert.deepEqual(result.secrets, ['pw']);
    });
  });

  describe('resolveName', () => {
    it('resolves one expression', () => {
      const resolver = createResolver(fileVars({ a: '{{b}}', b: '1' }), testSources({ random: scriptedRandom([0]) }));
      assert.deepEqual(resolver.resolveName('a'), { ok: true, value: '1', secrets: [] });
      assert.deepEqual(resolver.resolveName(' $randomInt 3 4 '), { ok: true, value: '3', secrets: [] });
      const missing = resolver.resolveName('nope');
      assert.equal(missing.ok, false);
    });
  });

  it('never throws and leaves text without {{ unchanged (property)', () => {
    const sources = testSources({
      environment: { a: '{{b}}', b: '{{a}}', c: 'x' },
      requests: new Map([['doc', docRecord]]),
      random: Math.random,
    });
    const resolver = createResolver(fileVars({ f: '{{c}}{{f}}', g: '{{doc.response.body.$[}}' }), sources);
    const fragments = fc.constantFrom(
      '{{',
      '}}',
      '{',
      '}',
      '$',
      ' ',
      '\n',
      'a',
      'b',
      'c',
      'f',
      'g',
      '.',
      'doc.response.body.',
      '$.version',
      '$guid',
      '$datetime ',
      '"',
      "'",
      '%',
      '$processEnv ',
      '-1 d',
    );
    const text = fc.oneof(
      fc.string(),
      fc.array(fragments, { maxLength: 20 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (input) => {
        const result = resolver.resolveText(input);
        assert.equal(typeof result.text, 'string');
        if (!input.includes('{{')) {
          assert.equal(result.text, input);
          assert.deepEqual(result.unresolved, []);
        }
        for (const u of result.unresolved)
          assert.equal(input.slice(u.reference.start, u.reference.end).startsWith('{{'), true);
      }),
      { numRuns: 300 },
    );
  });
});
