import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { fuzzRuns } from '../../support/fuzz-runs';
import { redactHeaders, redactText, redactUrl, redactUrlsInText, redacted } from '../../../src/core/redact';

describe('redaction of secrets', () => {
  it('hides credentials in headers but keeps the auth scheme', () => {
    const out = redactHeaders([
      ['Authorization', 'Bearer abc.def.ghi'],
      ['Cookie', 'session=123'],
      ['X-Api-Key', 'k-999'],
      ['GitHub-Token', 'ghp_x'],
      ['Content-Type', 'application/json'],
    ]);
    assert.deepEqual(out, [
      ['Authorization', `Bearer ${redacted}`],
      ['Cookie', redacted],
      ['X-Api-Key', redacted],
      ['GitHub-Token', redacted],
      ['Content-Type', 'application/json'],
    ]);
  });

  it('hides userinfo and token-like query parameters in URLs', () => {
    const out = redactUrl('http://bob:hunter2@127.0.0.1:3000/docs?access_token=xyz&page=2');
    assert.ok(!out.includes('hunter2') && !out.includes('xyz'), out);
    assert.ok(out.includes('page=2'));
  });

  it('replaces known secret values wherever they appear, longest first', () => {
    const text = redactText('token=s3cr3t-long and s3cr3t', ['s3cr3t', 's3cr3t-long']);
    assert.equal(text, `token=${redacted} and ${redacted}`);
  });

  it('leaves values of ordinary headers alone unless they contain a known secret', () => {
    assert.deepEqual(redactHeaders([['X-Trace', 'id-s3cr3t']], ['s3cr3t']), [['X-Trace', `id-${redacted}`]]);
  });
  it('hides Proxy-Authorization, Set-Cookie and token headers whatever their case or spacing', () => {
    const out = redactHeaders([
      ['proxy-authorization', 'Basic dXNlcjpzM2NyM3Q='],
      [' SET-COOKIE ', 'sid=abc123; HttpOnly'],
      ['X-Auth-Token', 'tok-1'],
      ['X-CSRF-Token', 'tok-2'],
      ['Client-Secret', 'tok-3'],
      ['Authorization', 'tok-without-scheme'],
    ]);
    assert.doesNotMatch(JSON.stringify(out), /dXNlcjpzM2NyM3Q|abc123|tok-/);
    assert.deepEqual(out[0], ['proxy-authorization', `Basic ${redacted}`]);
    assert.deepEqual(out[5], ['Authorization', redacted]);
  });

  it('does not keep a first word as the auth scheme when that word is itself a secret', () => {
    assert.deepEqual(redactHeaders([['Authorization', 'RawToken1234 extra']], ['RawToken1234']), [
      ['Authorization', redacted],
    ]);
    assert.deepEqual(redactHeaders([['Authorization', 'Bearer RawToken1234']], ['RawToken1234']), [
      ['Authorization', `Bearer ${redacted}`],
    ]);
  });

  it('does not keep the first word of a secret that contains a space', () => {
    // Found by the property below (about 2% of runs before seeds were fixed): "tok1" stayed visible.
    assert.deepEqual(redactHeaders([['Authorization', 'tok1 tok2-secret']], ['tok1 tok2-secret']), [
      ['Authorization', redacted],
    ]);
    assert.deepEqual(redactHeaders([['Authorization', 'Bearer tok2-secret']], ['Bearer tok2-secret']), [
      ['Authorization', redacted],
    ]);
    assert.deepEqual(redactHeaders([['Proxy-Authorization', 'Basic dXNlcjpwYXNz']], []), [
      ['Proxy-Authorization', `Basic ${redacted}`],
    ]);
  });

  it('keeps only a registered auth scheme, not any first word', () => {
    assert.deepEqual(redactHeaders([['Authorization', 'abcd efgh-ijkl']], []), [['Authorization', redacted]]);
  });

  it('hides userinfo and token parameters even in URLs the parser rejects', () => {
    for (const url of [
      'http://bob:hunter2@exa mple.test/x',
      'http://bob:hunter2@[::1/x?api_key=k-1&page=2',
      'http://{{user}}:hunter2@{{host}}/x?token=k-1',
    ]) {
      const out = redactUrl(url);
      assert.ok(!out.includes('hunter2') && !out.includes('k-1') && !out.includes('bob'), out);
    }
    assert.match(redactUrl('http://bob:hunter2@[::1/x?api_key=k-1&page=2'), /page=2/);
  });

  it('hides every known token-like query parameter and keeps the rest', () => {
    const names = [
      'access_token',
      'token',
      'api_key',
      'apikey',
      'key',
      'secret',
      'client_secret',
      'password',
      'sig',
      'signature',
      'code',
      'ACCESS_TOKEN',
    ];
    const url = `http://127.0.0.1/x?${names.map((n, i) => `${n}=v${i}-secret`).join('&')}&page=7&sort=asc`;
    const out = redactUrl(url);
    assert.doesNotMatch(out, /-secret/);
    assert.match(out, /page=7&sort=asc/);
  });

  it('hides OAuth id and refresh tokens and pre-signed URL signatures, in the query and in a fragment', () => {
    const url =
      'https://bucket.test/o?X-Amz-Signature=amz-1&X-Amz-Security-Token=amz-2&x-amz-credential=amz-3&id_token=id-1&refresh_token=rt-1&x=keep#access_token=frag-1&state=s';
    const out = redactUrl(url);
    assert.doesNotMatch(out, /=amz-\d|id-1|rt-1|frag-1/);
    assert.match(out, /x=keep#access_token=•••&state=s/);
  });

  it('masks a secret in the forms it takes in URLs and JSON, and never re-encodes the URL', () => {
    const secret = 'PRIV/+=x "q"';
    const raw = `http://h.test/p?a=${secret}&b=${encodeURIComponent(secret)}&c=PRIV%2F+%3Dx+%22q%22`;
    assert.doesNotMatch(redactUrl(raw, [secret]), /PRIV/);
    assert.doesNotMatch(redactText(JSON.stringify({ v: secret }), [secret]), /PRIV/);
    assert.equal(redactUrl('http://h.test/a%20b?page=2&token=t', []), `http://h.test/a%20b?page=2&token=${redacted}`);
  });

  it('masks the URLs inside free text', () => {
    assert.equal(
      redactUrlsInText('Redirected to https://a.test/cb?code=c-1&x=1, then stopped'),
      `Redirected to https://a.test/cb?code=${redacted}&x=1, then stopped`,
    );
  });

  it('never lets a secret of four or more characters through, in any header set (property)', () => {
    // Secrets of every shape, including the one that leaked: a secret with a space whose first
    // word is an auth scheme ("Bearer tok2-secret"), where the scheme would be kept visible.
    const schemeWord = fc.constantFrom('Bearer', 'Basic', 'Digest', 'Token', 'bearer', 'NTLM');
    const secret = fc
      .oneof(
        fc.string({ minLength: 4, maxLength: 24 }),
        fc.stringMatching(/^[A-Za-z0-9_]{4,16}$/),
        fc
          .tuple(schemeWord, fc.constantFrom(' ', '  ', '\t'), fc.stringMatching(/^[A-Za-z0-9_.~+/-]{1,12}$/))
          .map(([w, gap, rest]) => `${w}${gap}${rest}`),
      )
      .filter((s) => s.trim().length >= 4 && !s.includes('•'));
    // Which names are credentials is written out here, not asked of the code under test.
    const credentialNames = new Set([
      'Authorization',
      'Cookie',
      'X-Api-Key',
      'Proxy-Authorization',
      'Set-Cookie',
      'Api-Key',
    ]);
    const name = fc.constantFrom(
      'Authorization',
      'Cookie',
      'X-Trace',
      'Accept',
      'X-Api-Key',
      'Proxy-Authorization',
      'X-Request-Id',
      'Set-Cookie',
      'Api-Key',
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, fc.string({ maxLength: 20 }), secret, fc.string({ maxLength: 20 }), fc.boolean()), {
          minLength: 1,
          maxLength: 6,
        }),
        (rows) => {
          // `leading`: the secret is the value's first word, where an auth scheme would be.
          const headers = rows.map(
            ([n, before, s, after, leading]) =>
              [n, leading ? `${s} x${after}` : `${before}${s}${after}`] as [string, string],
          );
          const secrets = rows.map(([, , s]) => s);
          const out = redactHeaders(headers, secrets);
          for (const [outName, value] of out)
            for (const s of secrets) assert.ok(!value.includes(s), `${outName}: ${value} still holds ${s}`);
          // A credential header keeps at most a registered scheme word, never a piece of a secret.
          out.forEach(([n, v]) => {
            if (!credentialNames.has(n) || v === redacted) return;
            const kept = v.slice(0, -redacted.length - 1);
            assert.ok(!secrets.some((s) => s.includes(kept)), `${n}: ${v} keeps part of a secret`);
          });
          // Ordinary headers that held no secret are untouched.
          out.forEach(([n, v], i) => {
            if (credentialNames.has(n))
              assert.ok(v === redacted || /^[A-Za-z0-9-]+ •••$/.test(v), `${n}: ${v} is not masked`);
            else if (!secrets.some((s) => headers[i][1].includes(s))) assert.equal(v, headers[i][1]);
          });
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('removes secrets from any text, even when one secret overlaps another (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 4, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.string({ maxLength: 8 }), { maxLength: 5 }),
        (secrets, fillers) => {
          // A secret containing the marker's own character could be re-formed around a marker.
          const clean = secrets.filter((s) => !s.includes('•'));
          const text = clean.map((s, i) => `${fillers[i] ?? ''}${s}`).join(' ');
          const out = redactText(text, clean);
          for (const s of clean) assert.ok(!out.includes(s), `${JSON.stringify(s)} survived in ${JSON.stringify(out)}`);
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });
});
