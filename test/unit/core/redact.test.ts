import { strict as assert } from 'node:assert';
import { redactHeaders, redactText, redactUrl, redacted } from '../../../src/core/redact';

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
});
