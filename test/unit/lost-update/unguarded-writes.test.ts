// Prevention from the file alone: writes without a precondition to a URL the file reads are
// found, guarded ones are not, and the fix is an edit that makes the finding go away.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VersionToken } from '../../../src/core/conflict/conflict-model';
import type { UnguardedWrite } from '../../../src/core/conflict/unguarded-writes';
import { applyFix, findUnguardedWrites, unguardedWriteDiagnostic } from '../../../src/core/conflict/unguarded-writes';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { repoRoot } from '../../support/repo-root';

function check(text: string, options: Parameters<typeof findUnguardedWrites>[1] = {}): UnguardedWrite[] {
  return findUnguardedWrites(parseHttpFile(text), { text, ...options });
}

function fixed(text: string, finding: UnguardedWrite): string {
  assert.ok(finding.fix, 'the finding comes with a fix');
  return applyFix(text, finding.fix);
}

const readThenWrite = (write: string) => `@base = http://localhost:3000

### Read
# @name doc
GET {{base}}/documents/42

### Write
${write}
`;

describe('findUnguardedWrites', () => {
  it('flags a PUT, a PATCH and a DELETE without a precondition to a URL the file reads', () => {
    const text = `${readThenWrite('PUT {{base}}/documents/42\nContent-Type: application/json\n\n{ "title": "x" }')}
###
PATCH {{ base }}/documents/42/
Content-Type: application/json

{ "title": "y" }

###
DELETE {{base}}/documents/42
`;
    const findings = check(text);
    assert.deepEqual(
      findings.map((f) => f.write.method),
      ['PUT', 'PATCH', 'DELETE'],
    );
    for (const f of findings) {
      assert.equal(f.code, 'unguarded-write');
      assert.equal(f.readName, 'doc');
      assert.match(
        f.message,
        /^This write can silently overwrite someone else's change: it carries no version \(If-Match/,
      );
      assert.deepEqual(f.range, f.write.requestLineRange);
      assert.equal(unguardedWriteDiagnostic(f).severity, 'warning');
    }
  });

  it('finds nothing when every write names its version, wherever the dialect puts it', () => {
    const guarded = [
      'PUT {{base}}/documents/42\nIf-Match: {{doc.response.headers.ETag}}\n\n{ "title": "x" }',
      'PUT {{base}}/documents/42\nIf-Unmodified-Since: {{doc.response.headers.Last-Modified}}\n\n{ "title": "x" }',
      'PUT {{base}}/documents/42\nContent-Type: application/json\n\n{ "_rev": "{{doc.response.body.$._rev}}", "title": "x" }',
      'PUT {{base}}/documents/42\nContent-Type: application/json\n\n{\n  "title": "x",\n  "version": {{doc.response.body.$.version}}\n}',
      'PUT {{base}}/documents/42\nContent-Type: application/json\n\n{ "metadata": { "name": "a", "resourceVersion": "{{doc.response.body.$.metadata.resourceVersion}}" } }',
      'DELETE {{base}}/documents/42?rev={{doc.response.body.$._rev}}',
      'PUT {{base}}/documents/42?if_seq_no=3&if_primary_term=1\n\n{ "title": "x" }',
    ];
    for (const write of guarded) assert.deepEqual(check(readThenWrite(write)), [], write);
  });

  it('honours the configured version fields', () => {
    const text = readThenWrite(
      'PUT {{base}}/documents/42\nContent-Type: application/json\n\n{ "title": "x", "lockVersion": 3 }',
    );
    assert.equal(check(text).length, 1, 'lockVersion is not a version field by default');
    assert.deepEqual(check(text, { versionFields: ['lockVersion'] }), []);
  });

  it('leaves writes alone when the file never reads their URL, and never flags a POST', () => {
    const text = `GET http://localhost/documents/1

###
PUT http://localhost/documents/2

{ "a": 1 }

###
POST http://localhost/documents/1

{ "a": 1 }
`;
    assert.deepEqual(check(text), []);
  });

  it('fixes with a reference to the named read, so the ETag stays fresh on every send', () => {
    const text = readThenWrite('PUT {{base}}/documents/42\nContent-Type: application/json\n\n{ "title": "x" }');
    const [finding] = check(text);
    assert.equal(finding.fix?.description, 'add If-Match: {{doc.response.headers.ETag}}');
    assert.equal(finding.fix?.dialect, 'http-validators');
    const after = fixed(text, finding);
    assert.match(
      after,
      /PUT \{\{base\}\}\/documents\/42\nContent-Type: application\/json\nIf-Match: \{\{doc\.response\.headers\.ETag\}\}\n\n\{ "title": "x" \}/,
    );
    assert.deepEqual(check(after), [], 'the fixed file has no finding left');
  });

  it('names an unnamed read (# @name) in the same edit, keeping CRLF line endings', () => {
    const text = 'GET http://localhost/documents/42\r\n\r\n###\r\nDELETE http://localhost/documents/42\r\n';
    const [finding] = check(text);
    assert.equal(finding.fix?.addsReadName, 'documents');
    const after = fixed(text, finding);
    assert.equal(
      after,
      '# @name documents\r\nGET http://localhost/documents/42\r\n\r\n###\r\nDELETE http://localhost/documents/42\r\nIf-Match: {{documents.response.headers.ETag}}\r\n',
    );
    assert.deepEqual(check(after), []);
    assert.equal(parseHttpFile(after).requests[0].metadata.name, 'documents');
  });

  it('speaks the dialect the read returned: CouchDB _rev in the body, ?rev= on a DELETE', () => {
    const text = `# @name book
GET http://localhost/db/book1

###
PUT http://localhost/db/book1
Content-Type: application/json

{
  "title": "y"
}

###
DELETE http://localhost/db/book1
`;
    const couch: VersionToken[] = [
      { value: '1-abc', location: { kind: 'body', path: ['_rev'] } },
      { value: '"1-abc"', location: { kind: 'header', name: 'If-Match' } },
    ];
    const [put, del] = check(text, { tokensFor: () => couch });
    assert.equal(put.fix?.dialect, 'couchdb');
    assert.match(fixed(text, put), /\{\n {2}"_rev": "\{\{book\.response\.body\.\$\._rev\}\}",\n {2}"title": "y"\n\}/);
    assert.equal(del.fix?.description, 'add ?rev={{book.response.body.$._rev}}');
    assert.match(fixed(text, del), /DELETE http:\/\/localhost\/db\/book1\?rev=\{\{book\.response\.body\.\$\._rev\}\}/);
    assert.deepEqual(
      check(fixed(fixed(text, del), put), { tokensFor: () => couch }),
      [],
      'edits from the same pass do not overlap',
    );
  });

  it('writes a numeric version field unquoted and both Elasticsearch parameters together', () => {
    const text = readThenWrite('PUT {{base}}/documents/42\nContent-Type: application/json\n\n{ "title": "x" }');
    const [versioned] = check(text, { tokensFor: () => [{ value: 5, location: { kind: 'body', path: ['version'] } }] });
    assert.match(fixed(text, versioned), /\{ "version": \{\{doc\.response\.body\.\$\.version\}\}, "title": "x" \}/);
    const [es] = check(text, {
      tokensFor: () => [
        { value: '3', location: { kind: 'query', name: 'if_seq_no' } },
        { value: '1', location: { kind: 'query', name: 'if_primary_term' } },
      ],
    });
    assert.equal(es.fix?.dialect, 'elasticsearch');
    assert.match(
      fixed(text, es),
      /PUT \{\{base\}\}\/documents\/42\?if_seq_no=\{\{doc\.response\.body\.\$\._seq_no\}\}&if_primary_term=\{\{doc\.response\.body\.\$\._primary_term\}\}\n/,
    );
  });

  it('never proposes a weak ETag, which If-Match can never match', () => {
    const text = readThenWrite('PUT {{base}}/documents/42\n\n{ "title": "x" }');
    const [finding] = check(text, {
      tokensFor: () => [
        { value: 'W/"v1"', location: { kind: 'header', name: 'If-Match' }, weak: true },
        { value: 'Tue, 01 Jan 2026 00:00:00 GMT', location: { kind: 'header', name: 'If-Unmodified-Since' } },
      ],
    });
    assert.equal(finding.fix?.description, 'add If-Unmodified-Since: {{doc.response.headers.Last-Modified}}');
  });

  it('in the editor, hints only writes whose read is known to have returned a version', () => {
    const text = readThenWrite('PUT {{base}}/documents/42\n\n{ "title": "x" }');
    assert.deepEqual(check(text, { onlyWhenTokensKnown: true }), []);
    assert.equal(
      check(text, {
        onlyWhenTokensKnown: true,
        tokensFor: () => [{ value: '"e1"', location: { kind: 'header', name: 'If-Match' } }],
      }).length,
      1,
    );
  });

  it('finds the unguarded writes of the naive sample and nothing in the guarded one', () => {
    const dir = join(repoRoot(), 'test', 'fixtures', 'lost-update');
    const naive = readFileSync(join(dir, 'naive.http'), 'utf8');
    assert.deepEqual(
      check(naive).map((f) => f.write.method),
      ['PUT', 'DELETE'],
    );
    assert.deepEqual(check(readFileSync(join(dir, 'guarded.http'), 'utf8')), []);
  });

  it('renames a misspelt If-Macth where it stands, keeping its value, as one edit (issue 14.9)', () => {
    const text = readThenWrite(
      'PUT {{base}}/documents/42\nIf-Macth: {{doc.response.headers.ETag}}\nContent-Type: application/json\n\n{ "title": "x" }',
    );
    const [finding] = check(text, {
      tokensFor: () => [{ value: '"e1"', location: { kind: 'header', name: 'If-Match' } }],
    });
    assert.match(finding.message, /does not know If-Macth: did you mean If-Match\?/);
    assert.equal(finding.fix?.description, 'rename If-Macth to If-Match');
    assert.equal(finding.fix?.edits.length, 1);
    const after = fixed(text, finding);
    assert.equal(after, text.replace('If-Macth:', 'If-Match:'));
    assert.equal((after.match(/^If-Match/gim) ?? []).length, 1, 'no second header');
    assert.deepEqual(check(after), [], 'the write is guarded now');
  });

  it('corrects other near misses of the precondition headers, but never a real conditional header', () => {
    const renamed = (header: string) =>
      check(readThenWrite(`PUT {{base}}/documents/42\n${header}: "e1"\n\n{ "title": "x" }`))[0]?.fix?.description;
    assert.equal(renamed('IfMatch'), 'rename IfMatch to If-Match');
    assert.equal(renamed('if-mtach'), 'rename if-mtach to If-Match');
    assert.equal(renamed('If-Unmodifed-Since'), 'rename If-Unmodifed-Since to If-Unmodified-Since');
    assert.match(renamed('If-Modified-Since') ?? '', /^add If-Match: /);
    assert.match(renamed('If-Range') ?? '', /^add If-Match: /);
    assert.match(renamed('X-Match') ?? '', /^add If-Match: /);
  });
});
