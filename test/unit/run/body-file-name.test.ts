// Save Body suggests a name (issue 14.9): the request's name or the URL's last segment, with
// the extension the Content-Type calls for.
import { strict as assert } from 'node:assert';
import { extensionForContentType, suggestBodyFileName } from '../../../src/core/run/body-file-name';

describe('the file name Save Body suggests', () => {
  it('takes the request name and the extension of the content type', () => {
    assert.equal(
      suggestBodyFileName({
        name: 'doc',
        url: 'http://127.0.0.1:3000/etag/documents/42',
        contentType: 'application/json; charset=utf-8',
      }),
      'doc.json',
    );
  });

  it('falls back to the last URL segment, decoded, without the query', () => {
    assert.equal(
      suggestBodyFileName({ url: 'http://127.0.0.1:3000/invoices/2026-Q3/?page=2#x', contentType: 'application/xml' }),
      '2026-Q3.xml',
    );
    assert.equal(
      suggestBodyFileName({ url: 'http://127.0.0.1/files/my%20report', contentType: 'text/csv' }),
      'my-report.csv',
    );
  });

  it('never suggests a path: separators and odd characters become dashes', () => {
    assert.equal(
      suggestBodyFileName({ name: '../../etc/passwd', url: 'http://127.0.0.1/x', contentType: 'text/plain' }),
      'etc-passwd.txt',
    );
    assert.equal(
      suggestBodyFileName({ url: 'http://127.0.0.1/a/%2E%2E%2Fsecret', contentType: 'text/html' }),
      'secret.html',
    );
  });

  it('uses the host for a bare URL, and "response" when nothing else is usable', () => {
    assert.equal(
      suggestBodyFileName({ url: 'http://localhost:3000/', contentType: 'application/problem+json' }),
      'localhost.json',
    );
    assert.equal(suggestBodyFileName({ url: 'not a url', contentType: undefined }), 'not-a-url.txt');
    assert.equal(suggestBodyFileName({ name: '///', url: '', contentType: 'image/png' }), 'response.png');
  });

  it('keeps a file name the URL already carries when the type agrees or says nothing', () => {
    assert.equal(
      suggestBodyFileName({ url: 'http://127.0.0.1/files/report.pdf', contentType: 'application/pdf' }),
      'report.pdf',
    );
    assert.equal(
      suggestBodyFileName({ url: 'http://127.0.0.1/files/archive.tar.gz', contentType: 'application/octet-stream' }),
      'archive.tar.gz',
    );
    assert.equal(
      suggestBodyFileName({ url: 'http://127.0.0.1/api/v1.2', contentType: 'application/json' }),
      'v1.2.json',
    );
  });

  it('maps structured-syntax suffixes and images to their extensions', () => {
    assert.equal(extensionForContentType('application/ld+json'), 'json');
    assert.equal(extensionForContentType('application/atom+xml'), 'xml');
    assert.equal(extensionForContentType('image/svg+xml'), 'svg');
    assert.equal(extensionForContentType('image/jpeg'), 'jpg');
    assert.equal(extensionForContentType('text/x-unknown'), 'txt');
    assert.equal(extensionForContentType('application/x-unknown'), undefined);
    assert.equal(extensionForContentType(undefined), undefined);
  });
});
