// A 409 where nothing is about versions — the request named none, no dialect recognises the
// answer, its words mention none — is not described as "the resource changed since you
// fetched it": nothing may have been read and there is no version to compare.
import { strict as assert } from 'node:assert';
import { classifyConflict } from '../../../src/core/conflict/classify-conflict';
import { exchange, outgoing } from './exchange-builder';

const html =
  '<html><head><title>409 Conflict</title></head><body><h1>Conflict</h1><p>The server encountered an internal error or misconfiguration.</p></body></html>';

describe('a 409 without version evidence', () => {
  it('a WebDAV PUT into a missing collection: honest words, the RFC reason, no rebase', () => {
    const report = classifyConflict(
      exchange(outgoing('PUT', 'http://dav.test/no/such/note.txt', [['Content-Type', 'text/plain']], 'hello'), {
        status: 409,
        headers: [['Content-Type', 'text/html']],
        body: html,
      }),
    );
    assert.equal(report?.kind, 'not-a-version-conflict');
    assert.match(
      report!.summary,
      /nothing shows a version changed: the request named no version and the answer names none/,
    );
    assert.match(report!.summary, /a parent collection of the target does not exist \(RFC 4918 §9\.7\.1\)/);
    assert.doesNotMatch(report!.summary, /since you fetched it|compare the versions/i);
  });

  it("keeps the server's words and leaves out the WebDAV sentence for a POST", () => {
    const report = classifyConflict(
      exchange(outgoing('POST', 'http://api.test/orders', [['Content-Type', 'application/json']], { sku: 1 }), {
        status: 409,
        body: { message: 'Order is locked by a batch job' },
      }),
    );
    assert.equal(report?.kind, 'not-a-version-conflict');
    assert.match(report!.summary, /The server says: Order is locked by a batch job\./);
    assert.doesNotMatch(report!.summary, /WebDAV/);
  });

  it('is still a version conflict when the request named a version or the answer speaks of one', () => {
    const withIfMatch = classifyConflict(
      exchange(outgoing('PUT', 'http://dav.test/a.txt', [['If-Match', '"1"']], 'x'), { status: 409, body: html }),
    );
    assert.equal(withIfMatch?.kind, 'version-conflict');
    const words = classifyConflict(
      exchange(outgoing('PUT', 'http://api.test/a', [], 'x'), { status: 409, body: 'stale version' }),
    );
    assert.equal(words?.kind, 'version-conflict');
  });
});
