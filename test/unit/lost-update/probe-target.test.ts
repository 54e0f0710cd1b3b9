// The editor's "Test Lost-Update Protection…" decides which request it may probe with the same
// function as the probe itself (and so the CLI): MERGE and anything marked `# @write` are
// writes; a read is refused with words that name the mark. The editor used to check the method
// alone (`probableMethods.has(method)`), which refused a `# @write` request the CLI would probe.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHttpFile } from '../../../src/core/http-file/parse-http-file';
import { isProbable } from '../../../src/core/probe/lost-update-probe';
import { probeTargetRefusal } from '../../../src/core/probe/probe-target';
import { repoRoot } from '../../support/repo-root';

const requestOf = (text: string) => parseHttpFile(text).requests[0];

describe('which request the lost-update probe may run on (CLI and editor alike)', () => {
  it('takes a request marked # @write, whatever its method, and MERGE', () => {
    const marked = requestOf(
      '# @write\nPROPPATCH http://127.0.0.1/cal/ev1.ics\nContent-Type: application/xml\n\n<propertyupdate/>\n',
    );
    assert.equal(marked.method, 'PROPPATCH');
    assert.equal(probeTargetRefusal(marked), undefined);
    assert.equal(
      probeTargetRefusal(requestOf("MERGE http://127.0.0.1/Tables(PartitionKey='a',RowKey='1')\nIf-Match: *\n\n{}\n")),
      undefined,
    );
    assert.equal(probeTargetRefusal(requestOf('PUT http://127.0.0.1/doc\n\n{}\n')), undefined);
  });

  it('refuses a read, and says how to mark a write', () => {
    const refusal = probeTargetRefusal(requestOf('GET http://127.0.0.1/doc\n'));
    assert.match(refusal ?? '', /^GET is not a write: .*MERGE — or any request marked `# @write` above it/);
    assert.match(probeTargetRefusal(undefined) ?? '', /^There is no request here/);
  });

  it('agrees with the probe on every request it is asked about', () => {
    for (const text of [
      'GET http://h/a\n',
      'REPORT http://h/a\n',
      '# @write\nREPORT http://h/a\n',
      'DELETE http://h/a\n',
      'POST http://h/a\n',
    ]) {
      const request = requestOf(text);
      assert.equal(probeTargetRefusal(request) === undefined, isProbable(request), text);
    }
  });

  it('is the decision the editor command makes (not a method list of its own)', () => {
    // The command needs `vscode`, so it cannot run here; its source must route through the shared decision.
    const source = readFileSync(join(repoRoot(), 'src', 'extension', 'probe-command.ts'), 'utf8');
    assert.match(source, /probeTargetRefusal\(target\?\.request\)/);
    assert.doesNotMatch(source, /probableMethods/);
  });
});
