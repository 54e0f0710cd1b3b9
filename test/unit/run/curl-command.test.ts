import { strict as assert } from 'node:assert';
import { curlCommand } from '../../../src/core/run/curl-command';

describe('copy as cURL', () => {
  const request = {
    method: 'PUT',
    url: 'http://127.0.0.1:3000/docs/1',
    headers: [['Authorization', 'Bearer tok-123'], ['Content-Type', 'application/json']] as Array<[string, string]>,
    body: { kind: 'text' as const, text: `{"note":"it's tok-123"}` },
  };

  it('redacts credentials by default and quotes for the shell', () => {
    const out = curlCommand(request, { secrets: ['tok-123'], redact: true });
    assert.ok(!out.includes('tok-123'), out);
    assert.match(out, /-X PUT/);
    assert.match(out, /'\{"note":"it'\\''s •••"\}'/);
  });

  it('includes secrets only when asked', () => {
    const out = curlCommand(request, { secrets: ['tok-123'], redact: false });
    assert.match(out, /Authorization: Bearer tok-123/);
  });
});
