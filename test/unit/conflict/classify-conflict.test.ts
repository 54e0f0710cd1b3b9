import { strict as assert } from 'node:assert';
import { classifyConflict } from '../../../src/core/conflict/classify-conflict';
import { exchange, outgoing } from './exchange-builder';

const json = [['Content-Type', 'application/json']] as const;

describe('classifyConflict: which dialect explains a conflict, and on what evidence', () => {
  it('recognises a 412 to an If-Match write as an HTTP validator conflict, naming both versions', () => {
    const report = classifyConflict(
      exchange(outgoing('PUT', 'http://api.test/documents/42', [['If-Match', '"v5"'], ...json], { title: 'A' }), {
        status: 412,
        headers: [
          ['ETag', '"v6"'],
          ['Content-Type', 'application/problem+json'],
        ],
        body: { type: 'about:blank', title: 'Precondition Failed', status: 412, detail: 'The document has changed.' },
      }),
    );
    assert.ok(report);
    assert.equal(report.kind, 'version-conflict');
    assert.equal(report.dialectId, 'http-validators');
    assert.equal(report.staleToken?.value, '"v5"');
    assert.equal(report.currentToken?.value, '"v6"');
    assert.equal(report.serverMessage, 'Precondition Failed: The document has changed.');
    assert.ok(report.confidence >= 0.9);
    assert.ok(report.evidence.some((e) => e.includes('412')));
    assert.match(report.summary, /your version "v5", current "v6"/);
  });

  it('calls a 428 "precondition required" and says the write must name a version', () => {
    const report = classifyConflict(
      exchange(outgoing('PUT', 'http://api.test/documents/42', json, { title: 'A' }), {
        status: 428,
        body: { message: 'If-Match required' },
      }),
    );
    assert.equal(report?.kind, 'precondition-required');
    assert.equal(report?.dialectId, 'http-validators');
    assert.equal(report?.serverMessage, 'If-Match required');
  });

  it('reads an If-Unmodified-Since precondition as the stale token', () => {
    const since = 'Thu, 01 Jan 2026 00:00:05 GMT';
    const report = classifyConflict(
      exchange(outgoing('PUT', 'http://api.test/d/1', [['If-Unmodified-Since', since]], 'x'), { status: 412 }),
    );
    assert.equal(report?.dialectId, 'http-validators');
    assert.deepEqual(report?.staleToken, { value: since, location: { kind: 'header', name: 'If-Unmodified-Since' } });
  });

  it('prefers the OData dialect when the exchange is clearly OData', () => {
    const report = classifyConflict(
      exchange(
        outgoing(
          'PATCH',
          'http://api.test/odata/Products(42)',
          [
            ['If-Match', 'W/"MjAyNi0wMS0wMQ=="'],
            ['OData-Version', '4.0'],
          ],
          { Name: 'x' },
        ),
        {
          status: 412,
          headers: [['OData-Version', '4.0'], ...json],
          body: {
            error: {
              code: '',
              message: 'The ETag value in the request header does not match with the current ETag value of the object.',
            },
          },
        },
      ),
    );
    assert.equal(report?.dialectId, 'odata-etag');
    assert.equal(report?.staleToken?.weak, true);
    assert.match(report?.serverMessage ?? '', /does not match with the current ETag/);
  });

  it('recognises a body version field with an error naming the current version', () => {
    const report = classifyConflict(
      exchange(outgoing('PUT', 'http://api.test/versioned/documents/42', json, { title: 'A', version: 5 }), {
        status: 409,
        body: {
          error: 'version_conflict',
          message: 'Version 5 is out of date: the document is at version 6.',
          currentVersion: 6,
        },
      }),
    );
    assert.equal(report?.dialectId, 'error-current-version');
    assert.deepEqual(report?.staleToken, { value: 5, location: { kind: 'body', path: ['version'] } });
    assert.equal(report?.currentToken?.value, 6);
    assert.deepEqual(report?.currentToken?.location, { kind: 'body', path: ['version'] });
    assert.ok(report?.evidence.some((e) => e.includes('currentVersion: 6')));
    assert.equal(report?.serverMessage, 'Version 5 is out of date: the document is at version 6.');
  });

  it('tells expected from actual by which one the request sent', () => {
    const report = classifyConflict(
      exchange(outgoing('PUT', 'http://api.test/items/1', json, { name: 'x', rev: 'r3' }), {
        status: 409,
        body: { error: { code: 'stale', expected: 'r4', actual: 'r3' } },
      }),
    );
    assert.equal(report?.currentToken?.value, 'r4');
  });

  it('falls back to the plain body version dialect when the error names no version', () => {
    const report = classifyConflict(
      exchange(outgoing('PUT', 'http://api.test/items/1', json, { name: 'x', _version: 3 }), {
        status: 409,
        body: { message: 'Stale version' },
      }),
    );
    assert.equal(report?.dialectId, 'body-version');
    assert.equal(report?.staleToken?.value, 3);
  });

  it('recognises CouchDB by its conflict body and the revision the write named', () => {
    const report = classifyConflict(
      exchange(outgoing('PUT', 'http://couch.test/db/doc42?rev=1-abc', json, { title: 'x' }), {
        status: 409,
        headers: [
          ['Server', 'CouchDB/3.3.3 (Erlang OTP/25)'],
          ['Content-Type', 'text/plain; charset=utf-8'],
        ],
        body: '{"error":"conflict","reason":"Document update conflict."}\n',
      }),
    );
    assert.equal(report?.dialectId, 'couchdb');
    assert.deepEqual(report?.staleToken, { value: '1-abc', location: { kind: 'query', name: 'rev' } });
    assert.equal(report?.serverMessage, 'Document update conflict.');
    assert.ok(report?.evidence.some((e) => e.includes('CouchDB/3.3.3')));
  });

  it('recognises a Kubernetes Status conflict with the stale resourceVersion', () => {
    const report = classifyConflict(
      exchange(
        outgoing('PUT', 'https://k8s.test/api/v1/namespaces/default/configmaps/x', json, {
          metadata: { name: 'x', resourceVersion: '1001' },
          data: {},
        }),
        {
          status: 409,
          body: {
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            message:
              'Operation cannot be fulfilled on configmaps "x": the object has been modified; please apply your changes to the latest version and try again',
            reason: 'Conflict',
            details: { name: 'x', kind: 'configmaps' },
            code: 409,
          },
        },
      ),
    );
    assert.equal(report?.dialectId, 'kubernetes');
    assert.equal(report?.kind, 'version-conflict');
    assert.deepEqual(report?.staleToken, {
      value: '1001',
      location: { kind: 'body', path: ['metadata', 'resourceVersion'] },
    });
    assert.match(report?.serverMessage ?? '', /the object has been modified/);
  });

  it('reads the current seqNo and primary term out of an Elasticsearch conflict', () => {
    const reason =
      '[42]: version conflict, required seqNo [3], primary term [1]. current document has seqNo [4] and primary term [1]';
    const report = classifyConflict(
      exchange(outgoing('PUT', 'http://es.test/index/_doc/42?if_seq_no=3&if_primary_term=1', json, { title: 'x' }), {
        status: 409,
        body: {
          error: {
            root_cause: [{ type: 'version_conflict_engine_exception', reason }],
            type: 'version_conflict_engine_exception',
            reason,
          },
          status: 409,
        },
      }),
    );
    assert.equal(report?.dialectId, 'elasticsearch');
    assert.deepEqual(
      report?.staleTokens.map((t) => t.value),
      ['3', '1'],
    );
    assert.deepEqual(
      report?.currentTokens.map((t) => [t.location, t.value]),
      [
        [{ kind: 'query', name: 'if_seq_no' }, '4'],
        [{ kind: 'query', name: 'if_primary_term' }, '1'],
      ],
    );
    assert.equal(report?.serverMessage, reason);
  });

  it('recognises GitHub\'s "does not match" on the contents API', () => {
    const report = classifyConflict(
      exchange(
        outgoing('PUT', 'https://api.github.com/repos/o/r/contents/docs/a.json', json, {
          message: 'm',
          content: 'e30=',
          sha: 'abc123',
        }),
        {
          status: 409,
          body: {
            message: 'docs/a.json does not match abc123',
            documentation_url: 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents',
            status: '409',
          },
        },
      ),
    );
    assert.equal(report?.dialectId, 'github-contents');
    assert.deepEqual(report?.staleToken, { value: 'abc123', location: { kind: 'body', path: ['sha'] } });
  });

  it("treats GitHub's missing-sha 422 as a precondition the write must add", () => {
    const report = classifyConflict(
      exchange(
        outgoing('PUT', 'https://api.github.com/repos/o/r/contents/a.txt', json, { message: 'm', content: 'eA==' }),
        {
          status: 422,
          body: {
            message: 'Invalid request.\n\n"sha" wasn\'t supplied.',
            documentation_url: 'https://docs.github.com/rest/repos/contents',
          },
        },
      ),
    );
    assert.equal(report?.kind, 'precondition-required');
    assert.equal(report?.dialectId, 'github-contents');
  });

  it('is not a conflict at all for a 200 or an ordinary 422', () => {
    assert.equal(
      classifyConflict(exchange(outgoing('GET', 'http://api.test/x'), { status: 200, body: { a: 1 } })),
      undefined,
    );
    assert.equal(
      classifyConflict(
        exchange(outgoing('PUT', 'http://api.test/x', json, { a: 1 }), {
          status: 422,
          body: { message: 'Validation failed' },
        }),
      ),
      undefined,
    );
  });
});

describe('classifyConflict: 409s that are not about versions', () => {
  it("explains a duplicate key problem+json in the server's words, with no rebase", () => {
    const report = classifyConflict(
      exchange(outgoing('POST', 'http://api.test/problems/users', json, { email: 'ana@example.com' }), {
        status: 409,
        headers: [['Content-Type', 'application/problem+json']],
        body: {
          type: 'https://example.com/problems/duplicate-email',
          title: 'Duplicate email',
          status: 409,
          detail: 'A user with email ana@example.com already exists.',
        },
      }),
    );
    assert.equal(report?.kind, 'not-a-version-conflict');
    assert.equal(report?.serverMessage, 'Duplicate email: A user with email ana@example.com already exists.');
    assert.match(report?.summary ?? '', /not help/);
  });

  it('explains an invalid state transition', () => {
    const report = classifyConflict(
      exchange(outgoing('POST', 'http://api.test/orders/7/cancel'), {
        status: 409,
        body: { error: 'invalid_transition', reason: 'Order 7 cannot transition from shipped to cancelled' },
      }),
    );
    assert.equal(report?.kind, 'not-a-version-conflict');
    assert.equal(report?.serverMessage, 'Order 7 cannot transition from shipped to cancelled');
  });

  it('explains {"error": "duplicate_key"} without version evidence', () => {
    const report = classifyConflict(
      exchange(outgoing('POST', 'http://api.test/things', json, { key: 'k' }), {
        status: 409,
        body: { error: 'duplicate_key' },
      }),
    );
    assert.equal(report?.kind, 'not-a-version-conflict');
    assert.equal(report?.serverMessage, 'duplicate_key');
  });

  it('knows Kubernetes AlreadyExists and Elasticsearch "document already exists" are create clashes', () => {
    const k8s = classifyConflict(
      exchange(
        outgoing('POST', 'https://k8s.test/api/v1/namespaces/default/configmaps', json, { metadata: { name: 'x' } }),
        {
          status: 409,
          body: {
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            message: 'configmaps "x" already exists',
            reason: 'AlreadyExists',
            code: 409,
          },
        },
      ),
    );
    assert.equal(k8s?.kind, 'not-a-version-conflict');
    assert.equal(k8s?.dialectId, 'kubernetes');
    const reason = '[42]: version conflict, document already exists (current version [1])';
    const es = classifyConflict(
      exchange(outgoing('PUT', 'http://es.test/index/_create/42', json, { a: 1 }), {
        status: 409,
        body: { error: { type: 'version_conflict_engine_exception', reason }, status: 409 },
      }),
    );
    assert.equal(es?.kind, 'not-a-version-conflict');
    assert.equal(es?.serverMessage, reason);
  });

  it('says "already exists" for a 412 to If-None-Match: *', () => {
    const report = classifyConflict(
      exchange(outgoing('PUT', 'http://api.test/d/1', [['If-None-Match', '*']], 'x'), { status: 412 }),
    );
    assert.equal(report?.kind, 'not-a-version-conflict');
  });

  it('still opens a conflict (dialect unknown) for a 409 whose body is truncated JSON', () => {
    const report = classifyConflict(
      exchange(outgoing('PUT', 'http://api.test/d/1', json, 'not json'), {
        status: 409,
        headers: json,
        body: '{"error": "version_conf',
      }),
    );
    assert.equal(report?.kind, 'version-conflict');
    assert.equal(report?.dialectId, 'unknown');
    assert.ok(report!.confidence < 0.5);
  });
});
