// Dialects now look at the text before they parse it or the URL (every exchange passes them):
// what only the parser would have seen must still be seen — a JSON key spelt with an escape,
// a URL that a tab splits — and a body or URL that never qualified still does not.
import { strict as assert } from 'node:assert';
import { classifyConflict } from '../../../src/core/conflict/classify-conflict';
import { githubContentsDialect } from '../../../src/core/conflict/github-contents-dialect';
import { defaultConflictOptions } from '../../../src/core/conflict/conflict-model';
import { exchange, outgoing } from './exchange-builder';

describe('dialects that look before they parse', () => {
  it('a Google error.status whose key is written with an escape is still read', () => {
    const body = '{"\\u0065rror": {"status": "ABORTED", "message": "There were concurrent policy changes."}}';
    const report = classifyConflict(
      exchange(outgoing('POST', 'http://api.test/v1/p:setIamPolicy', [], {}), {
        status: 409,
        headers: [['Content-Type', 'application/json']],
        body,
      }),
    );
    assert.equal(report?.dialectId, 'google-status');
    assert.equal(report?.retry?.code, 'ABORTED');
  });

  it('a write answered 200 without an error key is no conflict, with or without escapes', () => {
    for (const body of ['{"ok": true}', '{"name": "caf\\u00e9"}', '{"errors": []}']) {
      const answered = exchange(outgoing('POST', 'http://api.test/items', [], {}), {
        status: 200,
        headers: [['Content-Type', 'application/json']],
        body,
      });
      assert.equal(classifyConflict(answered), undefined, body);
    }
  });

  it('a GitHub contents URL with a tab the URL parser removes still reads the sha', () => {
    const read = (url: string) =>
      githubContentsDialect.readTokens(
        exchange(outgoing('GET', url), { status: 200, body: { sha: 'abc123', content: '' } }),
        defaultConflictOptions,
      );
    assert.deepEqual(
      read('https://api.github.com/repos/o/r/con\ttents/README.md').map((t) => t.value),
      ['abc123'],
    );
    assert.deepEqual(
      read('https://api.github.com/repos/o/r/contents/README.md').map((t) => t.value),
      ['abc123'],
    );
    assert.deepEqual(read('https://api.github.com/repos/o/r/readme'), []);
  });
});
