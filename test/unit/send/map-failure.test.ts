import { strict as assert } from 'node:assert';
import { mapFailure, type FailureContext } from '../../../src/core/send/map-failure';
import { describeBytes, describeSeconds } from '../../../src/core/send/describe-amount';

function context(overrides: Partial<FailureContext> = {}): FailureContext {
  return {
    method: 'GET',
    url: new URL('http://api.example.test:8080/items'),
    tracedPhase: 'connect',
    requestWritten: false,
    bodyBytesReceived: 0,
    bodySourceFailed: false,
    timeouts: { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000, totalMs: 120_000 },
    ...overrides,
  };
}

const coded = (code: string, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error('text we never read'), { code }, extra);

describe('mapFailure', () => {
  it('maps DNS failures to dns with the host name', () => {
    const notFound = mapFailure(coded('ENOTFOUND'), context());
    assert.deepEqual([notFound.code, notFound.phase, notFound.cause], ['dns', 'connect', 'ENOTFOUND']);
    assert.match(notFound.message, /api\.example\.test/);
    const again = mapFailure(coded('EAI_AGAIN'), context());
    assert.equal(again.code, 'dns');
    assert.match(again.message, /try again/);
  });

  it('reads the code of the first error inside an AggregateError from a happy-eyeballs connect', () => {
    const aggregate = new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], 'all failed');
    const failure = mapFailure(aggregate, context());
    assert.equal(failure.code, 'refused');
    assert.equal(failure.message, 'Connection refused by api.example.test:8080 — is the server running?');
  });

  it('maps every certificate problem to tls with its reason', () => {
    const cases: Array<[string, RegExp]> = [
      ['CERT_HAS_EXPIRED', /has expired/],
      ['CERT_NOT_YET_VALID', /not valid yet/],
      ['DEPTH_ZERO_SELF_SIGNED_CERT', /self-signed/],
      ['SELF_SIGNED_CERT_IN_CHAIN', /self-signed/],
      ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', /authority this machine does not know/],
      [
        'ERR_TLS_CERT_ALTNAME_INVALID',
        /different host name \(Host: api\.example\.test is not in the cert's altnames\)/,
      ],
      ['ERR_SSL_WRONG_VERSION_NUMBER', /really an HTTPS port/],
    ];
    for (const [code, message] of cases) {
      const failure = mapFailure(
        coded(code, { reason: "Host: api.example.test is not in the cert's altnames" }),
        context(),
      );
      assert.equal(failure.code, 'tls', code);
      assert.equal(failure.phase, 'connect', code);
      assert.match(failure.message, message, code);
    }
  });

  it('reports oversized response headers as a protocol failure', () => {
    const failure = mapFailure(
      coded('UND_ERR_HEADERS_OVERFLOW'),
      context({ tracedPhase: 'headers', requestWritten: true }),
    );
    assert.equal(failure.code, 'protocol');
    assert.match(failure.message, /headers .* too large/);
  });

  it('says a write may have landed only once the request was written', () => {
    const written = mapFailure(
      coded('UND_ERR_SOCKET'),
      context({ method: 'PATCH', tracedPhase: 'headers', requestWritten: true }),
    );
    assert.equal(written.mayHaveReachedServer, true);
    const notWritten = mapFailure(
      coded('ECONNRESET'),
      context({ method: 'PATCH', tracedPhase: 'connect', requestWritten: false }),
    );
    assert.equal(notWritten.mayHaveReachedServer, false);
    const safe = mapFailure(
      coded('UND_ERR_SOCKET'),
      context({ method: 'GET', tracedPhase: 'headers', requestWritten: true }),
    );
    assert.equal(safe.mayHaveReachedServer, false);
  });

  it('assumes the worst for an untraced write that failed after connecting', () => {
    const failure = mapFailure(coded('UND_ERR_SOCKET'), context({ method: 'POST', tracedPhase: undefined }));
    assert.equal(failure.phase, 'headers');
    assert.equal(failure.mayHaveReachedServer, true);
  });

  it('tells a cancel from a deadline whatever error undici reported', () => {
    const error = new DOMException('This operation was aborted', 'AbortError');
    assert.equal(
      mapFailure(error, context({ stopCause: 'user', tracedPhase: 'headers' })).message,
      'Request cancelled',
    );
    const deadline = mapFailure(
      error,
      context({
        stopCause: 'deadline',
        tracedPhase: 'headers',
        timeouts: { connectMs: 1, headersMs: 1, bodyMs: 1, totalMs: 15_000 },
      }),
    );
    assert.equal(deadline.code, 'timeout');
    assert.match(deadline.message, /^No response from api\.example\.test:8080 within 15 s\./);
  });

  it('falls back to unknown with the code for anything unrecognised', () => {
    const failure = mapFailure(coded('ESOMETHINGNEW'), context({ tracedPhase: 'headers' }));
    assert.deepEqual([failure.code, failure.cause], ['unknown', 'ESOMETHINGNEW']);
  });
});

describe('describing amounts', () => {
  it('writes sizes and durations the way messages show them', () => {
    assert.equal(describeBytes(400), '400 B');
    assert.equal(describeBytes(12 * 1024), '12 KB');
    assert.equal(describeBytes(1536), '1.5 KB');
    assert.equal(describeBytes(10 * 1024 * 1024), '10 MB');
    assert.equal(describeSeconds(200), '0.2 s');
    assert.equal(describeSeconds(30_000), '30 s');
  });
});
