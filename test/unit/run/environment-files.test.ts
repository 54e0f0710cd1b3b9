// Environment files are read from the .http file's folder up to the workspace root and never
// from above it; a link that leads outside, or to something that is not a file, is refused
// with a message; the private file and .env are not read at all in an untrusted workspace.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironmentFiles } from '../../../src/core/run/environment-files';
import { buildEnvironment } from '../../../src/core/variables/environments';

describe('environment files next to a .http file', () => {
  let dir: string;
  let ws: string;
  let outside: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'env-files-'));
    ws = join(dir, 'ws');
    outside = join(dir, 'outside');
    mkdirSync(join(ws, 'api', 'v1'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'stolen.json'), JSON.stringify({ dev: { token: 'outside-secret-1' } }));
    writeFileSync(join(outside, 'stolen.env'), 'KEY=outside-secret-2\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const httpFile = () => join(ws, 'api', 'v1', 'req.http');

  it('reads the nearest files between the .http file and the workspace root', async () => {
    writeFileSync(join(ws, 'http-client.env.json'), JSON.stringify({ dev: { host: 'root-level' } }));
    writeFileSync(join(ws, 'api', 'http-client.env.json'), JSON.stringify({ dev: { host: 'api-level' } }));
    writeFileSync(join(ws, '.env'), 'KEY=from-root\n');
    const files = await loadEnvironmentFiles(httpFile(), ws, true);
    assert.deepEqual(files.errors, []);
    assert.equal(buildEnvironment('dev', files.tables).variables.host, 'api-level');
    assert.deepEqual(files.dotenv, { KEY: 'from-root' });
  });

  it('never reads files above the workspace root', async () => {
    writeFileSync(join(dir, 'http-client.env.json'), JSON.stringify({ dev: { token: 'above-root' } }));
    writeFileSync(join(dir, 'http-client.private.env.json'), JSON.stringify({ dev: { token: 'above-root-private' } }));
    writeFileSync(join(dir, '.env'), 'KEY=above-root\n');
    const files = await loadEnvironmentFiles(httpFile(), ws, true);
    assert.deepEqual(files.tables, []);
    assert.deepEqual(files.dotenv, {});
    assert.deepEqual(files.paths, []);
  });

  it('reads only the folder of a .http file that is not in a workspace', async () => {
    writeFileSync(join(ws, 'http-client.env.json'), JSON.stringify({ dev: { host: 'parent' } }));
    const files = await loadEnvironmentFiles(httpFile(), undefined, true);
    assert.deepEqual(files.tables, []);
  });

  it('refuses env files that link outside the workspace, with a message naming the file', async () => {
    symlinkSync(join(outside, 'stolen.json'), join(ws, 'http-client.env.json'));
    symlinkSync(join(outside, 'stolen.json'), join(ws, 'http-client.private.env.json'));
    symlinkSync(join(outside, 'stolen.env'), join(ws, '.env'));
    const files = await loadEnvironmentFiles(httpFile(), ws, true);
    assert.deepEqual(files.tables, []);
    assert.deepEqual(files.dotenv, {});
    assert.equal(files.errors.length, 3);
    for (const e of files.errors) assert.match(e.message, /points outside the workspace and was not read/);
    assert.doesNotMatch(JSON.stringify(files), /outside-secret/);
  });

  it('refuses an env file that is a link to a device or a folder instead of reading it forever', async () => {
    symlinkSync('/dev/zero', join(ws, '.env'));
    mkdirSync(join(ws, 'http-client.env.json'));
    // A .http file outside every workspace has only its own folder as the boundary, so /dev/zero is outside.
    const files = await loadEnvironmentFiles(join(ws, 'req.http'), undefined, true);
    assert.deepEqual(files.dotenv, {});
    assert.deepEqual(files.tables, []);
    assert.equal(files.errors.length, 2);
    assert.ok(files.errors.some((e) => /\.env points outside/.test(e.message)));
    assert.ok(files.errors.some((e) => /http-client\.env\.json is not a regular file/.test(e.message)));
  });

  it('reads neither the private env file nor .env in an untrusted workspace', async () => {
    writeFileSync(join(ws, 'http-client.env.json'), JSON.stringify({ dev: { host: 'public' } }));
    writeFileSync(join(ws, 'http-client.private.env.json'), JSON.stringify({ dev: { token: 'private-secret-3' } }));
    writeFileSync(join(ws, '.env'), 'KEY=dotenv-secret-4\n');
    const files = await loadEnvironmentFiles(httpFile(), ws, false);
    const dev = buildEnvironment('dev', files.tables);
    assert.equal(dev.variables.host, 'public');
    assert.equal(dev.variables.token, undefined);
    assert.deepEqual(files.dotenv, {});
    assert.deepEqual(files.paths, [join(ws, 'http-client.env.json')]);
    assert.doesNotMatch(JSON.stringify(files), /private-secret-3|dotenv-secret-4/);
  });

  it('marks values from the private file as secrets, for redaction', async () => {
    writeFileSync(join(ws, 'http-client.private.env.json'), JSON.stringify({ dev: { token: 'private-secret-5' } }));
    const dev = buildEnvironment('dev', (await loadEnvironmentFiles(httpFile(), ws, true)).tables);
    assert.equal(dev.variables.token, 'private-secret-5');
    assert.ok(dev.secretValues.includes('private-secret-5'));
  });
});
