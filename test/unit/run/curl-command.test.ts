import { strict as assert } from 'node:assert';
import { curlCommand } from '../../../src/core/run/curl-command';

describe('copy as cURL', () => {
  const request = {
    method: 'PUT',
    url: 'http://127.0.0.1:3000/docs/1',
    headers: [
      ['Authorization', 'Bearer tok-123'],
      ['Content-Type', 'application/json'],
    ] as Array<[string, string]>,
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
  it('redacts cookies, proxy credentials, API keys, URL userinfo, token parameters and private env values', () => {
    const out = curlCommand(
      {
        method: 'POST',
        url: 'http://alice:pw-s3cr3t@127.0.0.1:3000/docs?access_token=qp-s3cr3t&page=2',
        headers: [
          ['Cookie', 'sid=cookie-s3cr3t'],
          ['Proxy-Authorization', 'Basic proxy-s3cr3t'],
          ['X-Api-Key', 'key-s3cr3t'],
          ['X-Tenant', 'tenant-of-private-env'],
        ],
        body: { kind: 'text', text: '{"password":"private-env-value"}' },
      },
      { secrets: ['tenant-of-private-env', 'private-env-value'], redact: true },
    );
    assert.doesNotMatch(out, /s3cr3t|alice|private-env|tenant-of/);
    assert.match(out, /page=2/);
    assert.match(out, /Proxy-Authorization: Basic •••/);
  });

  it('quotes hostile values so that pasting the command runs nothing else', () => {
    const out = curlCommand(
      {
        method: 'PUT',
        url: "http://127.0.0.1/x?q=';touch /tmp/pwned;'",
        headers: [['X-Note', "$(rm -rf ~) `id` '; echo pwned"]],
        body: { kind: 'text', text: "it's\n$(id)" },
      },
      { secrets: [], redact: true },
    );
    // Every single-quoted word ends only through the '\'' escape: no bare quote lets the shell in.
    const unquoted = out.replace(/'(?:[^']|'\\'')*'/g, '').replace(/'\\''/g, '');
    assert.doesNotMatch(unquoted, /[$`;|&]/, unquoted);
  });

  it('points at the file for a streamed body instead of reading it', () => {
    const out = curlCommand(
      {
        method: 'POST',
        url: 'http://127.0.0.1/upload',
        headers: [],
        body: {
          kind: 'stream',
          open: () => {
            throw new Error('must not be opened');
          },
        },
      },
      { secrets: [], redact: true },
    );
    assert.match(out, /--data-binary '@<file or stream from the \.http file>'/);
  });
});
