// The one way the CLI prints: inert, masked, and JSON that is always whole and valid.
import { strict as assert } from 'node:assert';
import { createOutput, SecretValues, writeJson } from '../../../src/cli/cli-writer';

function capture(maxJsonChars?: number) {
  let text = '';
  const secrets = new SecretValues();
  const output = createOutput({ write: (t: string) => (text += t) }, secrets, { maxJsonChars });
  return { output, secrets, text: () => text };
}

describe('the CLI writer', () => {
  it('writes a document too long for one string piece by piece, as the same JSON', () => {
    const value = { results: [{ a: 1, body: 'x'.repeat(50), list: [1, 2, { deep: 'y' }] }, { b: [] }], skipped: [] };
    let text = '';
    writeJson((t) => (text += t), value, 40);
    const expected = {
      ...value,
      results: [{ ...value.results[0], body: '[50 characters, too long to print as JSON]' }, value.results[1]],
    };
    assert.deepEqual(JSON.parse(text), expected);
    const whole = JSON.stringify(value, null, 2)
      .split('\n')
      .map((line) => line.trimEnd());
    const pieces = text.split('\n').map((line) => line.trimEnd());
    assert.equal(pieces.length, whole.length, 'same layout');
  });

  it('keeps the whole document when it fits, byte for byte as JSON.stringify writes it', () => {
    const { output, text } = capture();
    const value = { results: [{ status: 200, statusText: 'OK\u001b[2J\u202e' }] };
    output.json(value);
    assert.equal(text(), `${JSON.stringify(value, null, 2).replace('\u202e', '\\u202e')}\n`);
    assert.deepEqual(JSON.parse(text()), value);
  });

  it('masks secrets and token parameters in every string of a JSON document and every line', () => {
    const { output, secrets, text } = capture();
    secrets.add(['PRIV/+=x-s3cr3t']);
    output.json({
      url: 'http://h.test/a?id_token=abc&p=PRIV%2F%2B%3Dx-s3cr3t',
      notices: ['went to https://h.test/cb?code=c-1'],
      body: 'see https://h.test/cb?code=in-body and PRIV/+=x-s3cr3t',
    });
    output.line('GET http://h.test/?refresh_token=r-1 PRIV/+=x-s3cr3t');
    assert.doesNotMatch(text(), /s3cr3t|abc|c-1|r-1/);
    assert.match(text(), /code=in-body/, 'a body is shown as the server sent it, apart from secret values');
  });
});
