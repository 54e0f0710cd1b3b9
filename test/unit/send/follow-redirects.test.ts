import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { looksLikeCredentialHeader, planRedirect, type Hop } from '../../../src/core/send/follow-redirects';
import { planDecoding } from '../../../src/core/send/decode-body';

const state = { visited: new Set<string>(), followed: 0, maxRedirects: 10 };

describe('planRedirect', () => {
  it('never carries a credential-looking header to another origin', () => {
    const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(headerName, fc.string({ maxLength: 10 })), { maxLength: 8 }),
        fc.constantFrom(301, 302, 303, 307, 308),
        (headers, status) => {
          const hop: Hop = { method: 'PUT', url: new URL('http://a.test/doc'), headers };
          const plan = planRedirect(hop, status, 'http://b.test/doc', state);
          assert.equal(plan.kind, 'follow');
          if (plan.kind !== 'follow') return;
          for (const [name] of plan.hop.headers) assert.ok(!looksLikeCredentialHeader(name), name);
          assert.deepEqual(plan.droppedHeaders, headers.map(([name]) => name).filter(looksLikeCredentialHeader));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('treats another port or scheme on the same host as another origin', () => {
    const hop: Hop = { method: 'GET', url: new URL('https://a.test/x'), headers: [['Authorization', 'Bearer t']] };
    for (const location of ['https://a.test:8443/x', 'http://a.test/x']) {
      const plan = planRedirect(hop, 302, location, state);
      assert.ok(plan.kind === 'follow' && plan.droppedHeaders.includes('Authorization'), location);
    }
  });

  it('recognises the usual credential header names', () => {
    for (const name of [
      'Authorization',
      'Cookie',
      'Proxy-Authorization',
      'X-Api-Key',
      'api-key',
      'X-Auth-Token',
      'X-CSRF-Token',
      'X-Client-Secret',
    ]) {
      assert.ok(looksLikeCredentialHeader(name), name);
    }
    for (const name of ['Accept', 'Content-Type', 'If-Match', 'X-Request-Id', 'User-Agent']) {
      assert.ok(!looksLikeCredentialHeader(name), name);
    }
  });
});

describe('planDecoding', () => {
  it('undoes stacked encodings last-applied first and ignores identity', () => {
    assert.deepEqual(planDecoding('gzip, identity, br'), { kind: 'decode', encodings: ['br', 'gzip'] });
    assert.deepEqual(planDecoding(undefined), { kind: 'decode', encodings: [] });
    assert.deepEqual(planDecoding('GZIP'), { kind: 'decode', encodings: ['gzip'] });
  });
});
