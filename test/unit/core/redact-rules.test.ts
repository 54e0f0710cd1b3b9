// Each rule of the redaction pinned by its own cases, written out here from the standards
// (IANA's auth-scheme registry, OAuth, pre-signed URLs) rather than read from the code —
// found by mutation testing (npm run mutation -- redact), where one example per rule let
// a dropped list entry, a lost regex anchor or a skipped encoding form pass unseen.
import { strict as assert } from 'node:assert';
import {
  isCredentialHeader,
  redactHeaders,
  redactText,
  redactUrl,
  redactUrlsInText,
  redacted,
} from '../../../src/core/redact';

describe('redaction rules, one case each', () => {
  it('keeps every registered (and common) auth scheme word, whatever its case, and masks the rest', () => {
    const schemes = [
      'Basic',
      'Bearer',
      'Digest',
      'DPoP',
      'GNAP',
      'HOBA',
      'Mutual',
      'Negotiate',
      'NTLM',
      'OAuth',
      'PrivateToken',
      'SCRAM-SHA-1',
      'SCRAM-SHA-256',
      'vapid',
      'Token',
      'Bot',
      'ApiKey',
      'AWS4-HMAC-SHA256',
      'Hawk',
      'MAC',
      'SharedKey',
      'SharedKeyLite',
      'sso-key',
      'Splunk',
      'Key',
    ];
    for (const scheme of schemes) {
      assert.deepEqual(
        redactHeaders([['Authorization', `${scheme} c2VjcmV0LXZhbHVl`]]),
        [['Authorization', `${scheme} ${redacted}`]],
        scheme,
      );
      assert.deepEqual(
        redactHeaders([['Proxy-Authorization', `${scheme} c2VjcmV0LXZhbHVl`]]),
        [['Proxy-Authorization', `${scheme} ${redacted}`]],
        scheme,
      );
    }
    assert.deepEqual(redactHeaders([['Authorization', 'Bearer  two-spaces-token']]), [
      ['Authorization', `Bearer ${redacted}`],
    ]);
    assert.deepEqual(redactHeaders([[' Authorization ', 'Bearer padded-name-token']]), [
      [' Authorization ', `Bearer ${redacted}`],
    ]);
  });

  it('keeps a scheme word only in Authorization and Proxy-Authorization, not in other credential headers', () => {
    for (const name of ['X-Auth-Token', 'Authorization-Token', 'Proxy-Authorization-Token', 'Cookie', 'X-Api-Key']) {
      assert.deepEqual(redactHeaders([[name, 'Bearer abc123']]), [[name, redacted]], name);
    }
  });

  it('masks the scheme word too when a known secret covers it or contains it', () => {
    // The secret spans the space: showing "Bearer" would show its first letter.
    assert.deepEqual(redactHeaders([['Authorization', 'Bearer abc123']], ['r abc123']), [['Authorization', redacted]]);
    // The secret is not in the value but contains the scheme word.
    assert.deepEqual(redactHeaders([['Authorization', 'Bearer abc123']], ['MyBearerSecret']), [
      ['Authorization', redacted],
    ]);
    assert.deepEqual(redactHeaders([['Authorization', 'Key abc123']], ['MKey']), [['Authorization', redacted]]);
    // Secrets shorter than four characters are not honoured anywhere (they would mask half the text).
    assert.deepEqual(redactHeaders([['Authorization', 'Bot abc123']], ['Bot']), [['Authorization', `Bot ${redacted}`]]);
    assert.equal(redactText('abc abcd', ['abc']), 'abc abcd');
    assert.equal(redactText('abcd abc', ['abcd', 'abc']), `${redacted} abc`);
  });

  it('recognises credential headers by exact name or by suffix, and nothing that merely starts like one', () => {
    for (const name of [
      'Authorization',
      'Proxy-Authorization',
      'Cookie',
      'Set-Cookie',
      'X-Api-Key',
      'Api-Key',
      'X-Auth-Token',
      'X-Access-Token',
      'X-CSRF-Token',
      'GitHub-Token',
      'My-Service-Api-Key',
      'Client-Secret',
      'X-Authorization',
    ]) {
      assert.ok(isCredentialHeader(name), name);
      assert.deepEqual(redactHeaders([[name, 'v-1234']]), [[name, redacted]], name);
    }
    for (const name of [
      'X-Api-Key-Id',
      'X-Token-Type',
      'Cookie-Policy',
      'Secret-Santa-Count',
      'Accept',
      'X-Request-Id',
    ]) {
      assert.ok(!isCredentialHeader(name), name);
      assert.deepEqual(redactHeaders([[name, 'v-1234']]), [[name, 'v-1234']], name);
    }
  });

  it('masks userinfo as •••@ and keeps the rest of the URL as written', () => {
    assert.equal(redactUrl('http://bob:hunter2@127.0.0.1:3000/x?page=2'), `http://${redacted}@127.0.0.1:3000/x?page=2`);
    assert.equal(redactUrl('https://:pw-only@h.test/'), `https://${redacted}@h.test/`);
    assert.equal(redactUrl('  http://bob:hunter2@h.test/'), `  http://${redacted}@h.test/`);
    assert.equal(redactUrl('http://h.test/a@b'), 'http://h.test/a@b');
  });

  it('masks the userinfo of a URL nested in another URL', () => {
    assert.equal(
      redactUrl('https://h.test/login?next=https://bob:hunter2@other.test/x'),
      `https://h.test/login?next=https://${redacted}@other.test/x`,
    );
    assert.equal(
      redactUrlsInText('see https://a:b1@h.test/?next=http://c:d2@e.test/ now'),
      `see https://${redacted}@h.test/?next=http://${redacted}@e.test/ now`,
    );
  });

  it('masks a token parameter by its decoded, trimmed name and keeps names that only contain one', () => {
    assert.equal(redactUrl('http://h.test/x?%20token=abc1&page=2'), `http://h.test/x?%20token=${redacted}&page=2`);
    assert.equal(redactUrl('http://h.test/x?+token+=abc1'), `http://h.test/x?+token+=${redacted}`);
    assert.equal(redactUrl('http://h.test/x?%74oken=abc1'), `http://h.test/x?%74oken=${redacted}`);
    const ordinary = 'http://h.test/x?zipcode=90210&monkey=1&keyword=cats&token_type=bearer&codec=h264&%zz=1';
    assert.equal(redactUrl(ordinary), ordinary);
  });

  it('masks the URLs in free text wherever they start, the very first character included', () => {
    assert.equal(redactUrlsInText('https://a.test/cb?code=c-1&x=1'), `https://a.test/cb?code=${redacted}&x=1`);
    assert.equal(redactUrlsInText('(http://u:p-1@a.test/)'), `(http://${redacted}@a.test/)`);
  });

  it('masks a known secret in each form it takes on the way out, and only the secret', () => {
    // percent-encoded as a whole URL (encodeURI keeps "/")
    assert.equal(redactText('http://h.test/pa/th%20word/x', ['pa/th word']), `http://h.test/${redacted}/x`);
    // percent-encoded as a component
    assert.equal(redactText('q=pa%2Fth%20word', ['pa/th word']), `q=${redacted}`);
    // form-encoded (space as "+")
    assert.equal(redactText('q=my+secret%21', ['my secret!']), `q=${redacted}`);
    // form-encoded where the "+" of the secret was read as a space and written back as one
    assert.equal(redactText('p=pass+word+x', ['pass+word x']), `p=${redacted}`);
    // JSON-escaped, inside its quotes
    assert.equal(redactText(JSON.stringify({ v: 'ab"cd\\ef' }), ['ab"cd\\ef']), `{"v":"${redacted}"}`);
  });
});
