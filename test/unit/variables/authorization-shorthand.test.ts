import { strict as assert } from 'node:assert';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { createFileResolver } from '../../../src/core/run/create-file-resolver';
import { noFileAccess } from '../../../src/core/run/include-files';
import { prepareRequest } from '../../../src/core/run/prepare-request';
import { headerValue } from '../../../src/core/send/send-model';
import { expandAuthorization } from '../../../src/core/variables/authorization-shorthand';
import { testSources } from './test-sources';

const adaToken = Buffer.from('ada:s3cret pass').toString('base64');

async function prepare(text: string) {
  const file = parseHttpFile(text);
  return prepareRequest(
    file.requests[0],
    createFileResolver(file, testSources({ environment: { user: 'ada' } })),
    noFileAccess,
  );
}

describe('REST Client Authorization shorthands', () => {
  it('base64-encodes Basic user:password and Basic user password', () => {
    const plain = Buffer.from('ada:s3cret').toString('base64');
    assert.deepEqual(expandAuthorization('Basic ada:s3cret'), {
      kind: 'basic',
      value: `Basic ${plain}`,
      secrets: [plain, 's3cret'],
    });
    assert.deepEqual(expandAuthorization('basic ada s3cret'), {
      kind: 'basic',
      value: `Basic ${plain}`,
      secrets: [plain, 's3cret'],
    });
    // As in REST Client, the first space separates user from password.
    assert.deepEqual(expandAuthorization('Basic ada s3cret pass'), {
      kind: 'basic',
      value: `Basic ${adaToken}`,
      secrets: [adaToken, 's3cret pass'],
    });
  });

  it('leaves an encoded Basic token, a Bearer token and a bare Digest challenge alone', () => {
    assert.deepEqual(expandAuthorization('Basic YWRhOnMzY3JldA=='), { kind: 'unchanged' });
    assert.deepEqual(expandAuthorization('Bearer a b'), { kind: 'unchanged' });
    assert.deepEqual(expandAuthorization('Digest username="ada"'), { kind: 'unchanged' });
  });

  it('sends the encoded header after resolving variables, and treats the password as a secret', async () => {
    const result = await prepare(
      '@pass = s3cret pass\nGET http://127.0.0.1:1/a\nAuthorization: Basic {{user}} {{pass}}\n',
    );
    assert.ok(result.ok);
    assert.equal(headerValue(result.prepared.request.headers, 'authorization'), `Basic ${adaToken}`);
    assert.ok(result.prepared.secrets.includes('s3cret pass'));
    assert.ok(result.prepared.secrets.includes(adaToken));
  });

  it('refuses to send Digest user password, saying why, instead of sending the password in clear', async () => {
    const result = await prepare('GET http://127.0.0.1:1/a\nAuthorization: Digest ada s3cret\n');
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problems.join('\n'), /Digest authentication .* not supported yet/);
  });
});
