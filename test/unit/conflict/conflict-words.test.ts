// What a 409/412/428 is taken to mean, pinned per rule from the words servers really use —
// found by mutation testing: most phrases of the "not about versions" list and of the
// version words had no example, so dropping one (and offering a rebase for a duplicate key)
// passed.
import { strict as assert } from 'node:assert';
import { classifyConflict } from '../../../src/core/conflict/classify-conflict';
import { exchange, outgoing } from './exchange-builder';

const url = 'http://api.test/things/1';
const refused = (message: string, status = 409, method = 'POST') =>
  classifyConflict(exchange(outgoing(method, url, [], { name: 'x' }), { status, body: { message } }));

describe('what a conflict response is taken to mean', () => {
  it('is no conflict at all below 400, or for another error no dialect recognises', () => {
    assert.equal(refused('duplicate', 200), undefined);
    assert.equal(refused('duplicate', 302), undefined);
    assert.equal(refused('not found', 404), undefined);
    assert.equal(refused('boom', 500), undefined);
  });

  for (const words of [
    'Duplicate entry for key name',
    'A thing with this name already exists',
    'Email already registered',
    'Username already taken',
    'unique constraint failed: things.name',
    'Unique violation',
    'unique key conflict',
    'Invalid state for this operation',
    'invalid transition from shipped to draft',
    'Invalid status',
    'state transition not permitted',
    'Order cannot be cancelled now',
    'cannot transition to closed',
    'cannot change a locked order',
    'Action not allowed in the current state',
    'not allowed in status closed',
  ]) {
    it(`says rebasing will not help for "${words}"`, () => {
      const report = refused(words);
      assert.equal(report?.kind, 'not-a-version-conflict', words);
      assert.match(
        report?.summary ?? '',
        /for a reason other than a version change.*Refetching and rebasing will not help\.$/,
      );
      assert.match(report?.evidence[0] ?? '', /describes a clash that is not about versions/);
    });
  }

  it("quotes the server's words without their final punctuation", () => {
    assert.equal(
      refused('Username already taken!!')?.summary,
      'The server refused the write for a reason other than a version change: Username already taken. Refetching and rebasing will not help.',
    );
  });

  for (const words of [
    'version mismatch',
    'ETag does not match',
    'stale revision',
    'document _rev conflict',
    'resource was modified',
    'concurrent update',
  ]) {
    it(`treats "${words}" as a version conflict to refetch`, () => {
      const report = refused(words);
      assert.equal(report?.kind, 'version-conflict', words);
      assert.equal(
        report?.summary,
        'The resource changed on the server since you fetched it: the version you sent is unknown, refetch to see the current version.',
      );
    });
  }

  it('asks for a precondition on 428', () => {
    const report = refused('Precondition Required', 428, 'PUT');
    assert.equal(report?.kind, 'precondition-required');
    assert.equal(
      report?.summary,
      'The server only accepts this write when it says which version it changes. Refetch to get the current version token.',
    );
  });

  it('does not guess a version change for a bare 409, and names the WebDAV meaning for the methods that have one', () => {
    for (const method of ['PUT', 'mkcol', 'COPY', 'MOVE']) {
      const report = refused('Conflict', 409, method);
      assert.equal(report?.kind, 'not-a-version-conflict');
      assert.match(
        report?.summary ?? '',
        new RegExp(`a 409 to ${method.toUpperCase()} means a parent collection of the target does not exist`),
      );
      assert.deepEqual(report?.evidence, [
        '409 Conflict, though the request named no version and neither the answer nor its words mention one.',
      ]);
    }
    const post = refused('Conflict', 409, 'POST');
    assert.equal(post?.kind, 'not-a-version-conflict');
    assert.ok(!(post?.summary ?? '').includes('WebDAV'), post?.summary);
    assert.match(post?.summary ?? '', /The server says: Conflict\. Refetching and rebasing will not help\.$/);
  });
});
