import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildEnvironment,
  listEnvironmentNames,
  loadJetBrainsEnvironments,
  loadRestClientEnvironments,
  parseDotenv,
  type EnvironmentTable,
} from '../../../src/core/variables/environments';

const fixture = (name: string) => readFileSync(resolve('test/fixtures/env', name), 'utf8');

function loaded(result: ReturnType<typeof loadJetBrainsEnvironments>): EnvironmentTable {
  if (!result.ok) throw new Error(`expected the environments to load: ${result.message}`);
  return result.table;
}

describe('REST Client environments', () => {
  const table = loaded(loadRestClientEnvironments(JSON.parse(fixture('rest-client-settings.json'))));

  it('lists the environments without $shared', () => {
    assert.deepEqual(listEnvironmentNames([table]), ['dev', 'prod']);
  });

  it('puts $shared under every environment and lets the environment override it', () => {
    const dev = buildEnvironment('dev', [table]);
    assert.equal(dev.variables.version, 'v1');
    assert.equal(dev.variables.host, 'localhost:3000');
  });

  it('resolves {{$shared name}} and references to other variables of the environment', () => {
    assert.equal(buildEnvironment('dev', [table]).variables.baseUrl, 'http://localhost:3000/api/v1');
    assert.equal(buildEnvironment('prod', [table]).variables.baseUrl, 'https://api.example.com/api/v1');
  });

  it('turns numbers into strings', () => {
    assert.equal(buildEnvironment('prod', [table]).variables.retries, '3');
  });

  it('leaves self-referencing and unknown references as written', () => {
    const t = loaded(loadRestClientEnvironments({ dev: { a: '{{b}}', b: '{{a}}', c: '{{nope}} {{$guid}}' } }));
    const dev = buildEnvironment('dev', [t]).variables;
    assert.equal(dev.c, '{{nope}} {{$guid}}');
    // The cycle is cut where it closes; the resolver then reports it as a cycle.
    assert.equal(dev.a, '{{a}}');
    assert.equal(dev.b, '{{b}}');
  });

  it('reports a setting that is not an object of environments', () => {
    const result = loadRestClientEnvironments({ dev: 'localhost' });
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.message, /"dev".*must be an object/);
  });

  it('treats a missing setting as no environments', () => {
    assert.deepEqual(listEnvironmentNames([loaded(loadRestClientEnvironments(undefined))]), []);
  });
});

describe('JetBrains environments', () => {
  const table = loaded(
    loadJetBrainsEnvironments({
      publicText: fixture('http-client.env.json'),
      privateText: fixture('http-client.private.env.json'),
    }),
  );

  it('parses comments and trailing commas', () => {
    assert.equal(buildEnvironment('prod', [table]).variables.host, 'api.example.com');
  });

  it('lets the private file override the public one and marks its values as secrets', () => {
    const dev = buildEnvironment('dev', [table]);
    assert.equal(dev.variables.token, 'dev-secret-token');
    assert.equal(dev.variables.host, 'localhost:3000');
    assert.deepEqual([...dev.secretValues].sort(), ['dev-secret-token', 'hunter2']);
  });

  it('does not mark public values as secrets', () => {
    const publicOnly = loaded(loadJetBrainsEnvironments({ publicText: fixture('http-client.env.json') }));
    const dev = buildEnvironment('dev', [publicOnly]);
    assert.equal(dev.variables.token, 'public-placeholder');
    assert.deepEqual(dev.secretValues, []);
  });

  it('turns numbers and booleans into strings and skips settings blocks', () => {
    const dev = buildEnvironment('dev', [table]).variables;
    assert.equal(dev.port, '3000');
    assert.equal(dev.verbose, 'true');
    assert.equal(Object.hasOwn(dev, 'SSLConfiguration'), false);
  });

  it('lists environments from both files', () => {
    assert.deepEqual(listEnvironmentNames([table]), ['dev', 'prod', 'staging']);
  });

  it('includes $shared from the file', () => {
    assert.equal(buildEnvironment('staging', [table]).variables.apiVersion, 'v2');
  });

  it('reports a broken file as an error with its line and column, not an exception', () => {
    const result = loadJetBrainsEnvironments({ publicText: fixture('broken.env.json') });
    assert.equal(result.ok, false);
    if (result.ok) return;
    // The missing comma is noticed at `"token"` on the fourth line (zero-based 3).
    assert.equal(result.line, 3);
    assert.equal(result.column, 4);
    assert.equal(result.source, 'http-client.env.json');
    assert.match(result.message, /http-client\.env\.json, line 4, column 5: expected ","/);
  });

  it('names the private file when that is the broken one', () => {
    const result = loadJetBrainsEnvironments({ publicText: '{}', privateText: '{ "dev": [1] }' });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.source, 'http-client.private.env.json');
      assert.match(result.message, /environment "dev" must be an object/);
      assert.equal(result.column, 9);
    }
  });

  it('treats empty files as no environments', () => {
    assert.deepEqual(listEnvironmentNames([loaded(loadJetBrainsEnvironments({ publicText: '  \n' }))]), []);
  });

  it('keeps a variable named __proto__ as an ordinary variable', () => {
    const t = loaded(loadJetBrainsEnvironments({ publicText: '{"dev": {"__proto__": "p", "constructor": "c"}}' }));
    const dev = buildEnvironment('dev', [t]).variables;
    assert.equal(Object.hasOwn(dev, '__proto__'), true);
    assert.equal(dev.constructor, 'c');
  });
});

describe('combining environment sources', () => {
  it('lets a later source win, and an environment value beat every $shared value', () => {
    const restClient = loaded(loadRestClientEnvironments({ dev: { host: 'from-settings' }, $shared: { a: '1' } }));
    const jetbrains = loaded(loadJetBrainsEnvironments({ publicText: '{"$shared": {"host": "shared-late"}}' }));
    assert.equal(buildEnvironment('dev', [restClient, jetbrains]).variables.host, 'from-settings');
    const later = loaded(loadJetBrainsEnvironments({ publicText: '{"dev": {"host": "late"}}' }));
    assert.equal(buildEnvironment('dev', [restClient, later]).variables.host, 'late');
  });
});

describe('.env files', () => {
  it('parses with dotenv rules', () => {
    assert.deepEqual(parseDotenv(fixture('sample.env')), {
      API_KEY: 'dotenv-key-123',
      QUOTED: 'with spaces',
      EXPORTED: 'yes',
    });
  });
});
