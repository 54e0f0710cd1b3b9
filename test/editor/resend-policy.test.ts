// The editor refuses the resends the core's one resend policy refuses (the CLI does too:
// test/unit/cli/resend-policy-cli.test.ts): a weak ETag where If-Match compares strongly, a
// current version without a token, an undecided merge conflict — through the real Rebase and
// Resend commands, with the reason in the not-sent outcome and nothing written to the server.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { LoopbackServer } from '../fixtures/servers/loopback-server';
import type { TaggedVersions } from '../fixtures/servers/tagged-document-server';
import { startTaggedDocumentServer, taggedWriteFile } from '../fixtures/servers/tagged-document-server';
import { activeApi, openHttpFile, sendIntoConflict, type TestApi } from './conflict-workspace';

interface NotSent {
  readonly kind: string;
  readonly problems?: readonly string[];
}

describe('The one resend policy in the editor', function () {
  this.timeout(60_000);
  let server: LoopbackServer | undefined;
  let ext: TestApi;

  before(async () => {
    ext = await activeApi();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await server?.close();
  });

  async function conflictIn(
    name: string,
    versions: TaggedVersions,
    other: object,
    mine: object,
    ifMatch?: string,
  ): Promise<vscode.TextDocument> {
    server = await startTaggedDocumentServer(versions);
    const document = await openHttpFile(name, taggedWriteFile(server.url, other, mine, ifMatch));
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 1);
    await sendIntoConflict(ext, document.uri, 2);
    return document;
  }

  const puts = () => server!.exchanges.filter((e) => e.method === 'PUT').length;

  async function refusedResend(document: vscode.TextDocument, reason: RegExp): Promise<void> {
    const outcome = (await vscode.commands.executeCommand('httpConflicts.resend', document.uri, 2)) as
      NotSent | undefined;
    assert.equal(outcome?.kind, 'not-sent', JSON.stringify(outcome));
    assert.match(outcome?.problems?.join(' ') ?? '', reason);
    assert.equal(puts(), 1, 'only the write that conflicted reached the server');
  }

  it('refuses a weak ETag where If-Match compares strongly, after Rebase', async () => {
    const document = await conflictIn(
      'weak-etag.http',
      { etag: (n) => `W/"${n}"` },
      { owner: 'ben' },
      { id: 1, title: 'Final', owner: 'ana' },
    );
    assert.equal(await vscode.commands.executeCommand('httpConflicts.rebase', document.uri, 2), true);
    assert.match(document.getText(), /"owner": "ben"/, 'the rebase merged the other change');
    await refusedResend(document, /weak ETag/);
  });

  it('refuses a current version without a token, after Rebase', async () => {
    // If-Match as a literal: {{doc.response.headers.ETag}} would not even resolve once the
    // request reads the current version, which has no ETag.
    const document = await conflictIn(
      'no-token.http',
      { etag: (n) => (n === 1 ? '"1"' : undefined) },
      { owner: 'ben' },
      { id: 1, title: 'Final', owner: 'ana' },
      '"1"',
    );
    assert.equal(await vscode.commands.executeCommand('httpConflicts.rebase', document.uri, 2), true);
    assert.match(document.getText(), /"owner": "ben"/, 'the rebase merged the other change');
    await refusedResend(document, /current version token is unknown/);
  });

  it('refuses while a merge conflict is undecided', async () => {
    const document = await conflictIn(
      'undecided.http',
      { etag: (n) => `"${n}"` },
      { title: 'Theirs' },
      { id: 1, title: 'Mine', owner: 'ana' },
    );
    assert.equal(ext.panelState().conflict?.conflicts.length, 1);
    await refusedResend(document, /1 conflict\(s\) still need a decision/);
  });
});
