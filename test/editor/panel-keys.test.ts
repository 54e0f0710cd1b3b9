// Panel messages name their conflict: with two conflicting requests, a decision posted from
// one conflict's view changes that conflict only — even when the panel shows the other one
// meanwhile — and a key that names no open conflict is refused, never applied to another.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { LoopbackServer } from '../fixtures/servers/loopback-server';
import { startTaggedDocumentServer, taggedWriteFile } from '../fixtures/servers/tagged-document-server';
import type { PanelState } from '../../src/protocol';
import { openHttpFile, sendIntoConflict } from './conflict-workspace';
import { extensionUnderTest } from './extension-under-test';

interface Api {
  panelState(): PanelState;
  fromPanel(message: unknown): Promise<unknown>;
}

describe('Panel messages keyed by conflict', function () {
  this.timeout(60_000);
  const servers: LoopbackServer[] = [];
  let ext: Api;

  before(async () => {
    ext = (await extensionUnderTest().activate()) as Api;
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const server of servers) await server.close();
  });

  async function conflictIn(name: string): Promise<{ document: vscode.TextDocument; key: string }> {
    const server = await startTaggedDocumentServer({ etag: (n) => `"${n}"` });
    servers.push(server);
    const document = await openHttpFile(
      name,
      taggedWriteFile(server.url, { title: 'Theirs' }, { id: 1, title: 'Mine', owner: 'ana' }),
    );
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 1);
    await sendIntoConflict(ext, document.uri, 2);
    const conflict = ext.panelState().conflict!;
    assert.ok(conflict.key, 'every conflict view carries a key');
    assert.deepEqual(
      conflict.conflicts.map((c) => c.id),
      ['/title'],
    );
    return { document, key: conflict.key };
  }

  /** Shows a conflict's view again (a refetch re-renders it) and returns it. */
  async function viewOf(document: vscode.TextDocument): Promise<NonNullable<PanelState['conflict']>> {
    await vscode.commands.executeCommand('httpConflicts.refetch', document.uri, 2);
    return ext.panelState().conflict!;
  }

  it('a decision changes only the conflict whose view posted it; a stale key changes nothing', async () => {
    const a = await conflictIn('keys-a.http');
    const b = await conflictIn('keys-b.http');
    assert.notEqual(a.key, b.key);

    // The panel shows B; its Take theirs for /title lands on B.
    await ext.fromPanel({ type: 'decideConflict', conflictId: '/title', choice: 'theirs', conflictKey: b.key });
    assert.equal(ext.panelState().conflict?.key, b.key);
    assert.deepEqual(ext.panelState().conflict?.decisions, { '/title': 'theirs' });
    let viewA = await viewOf(a.document);
    assert.equal(viewA.key, a.key);
    assert.deepEqual(viewA.decisions, {}, 'A was not decided by a message for B');

    // The panel shows A now; a late message from B's view still acts on B, not on A.
    await ext.fromPanel({ type: 'decideConflict', conflictId: '/title', choice: 'ours', conflictKey: b.key });
    viewA = await viewOf(a.document);
    assert.deepEqual(viewA.decisions, {}, 'never applied to the conflict on screen');
    assert.deepEqual((await viewOf(b.document)).decisions, { '/title': 'ours' });

    // A key no open conflict has (the view was stale) is refused: nothing anywhere changes.
    await viewOf(a.document);
    await ext.fromPanel({
      type: 'decideConflict',
      conflictId: '/title',
      choice: 'theirs',
      conflictKey: 'conflict-gone-1',
    });
    await ext.fromPanel({ type: 'decideConflict', conflictId: '/title', choice: 'theirs' });
    assert.equal(
      await ext.fromPanel({ type: 'action', action: 'takeTheirs', conflictKey: 'conflict-gone-1' }),
      undefined,
    );
    assert.deepEqual((await viewOf(a.document)).decisions, {});
    assert.deepEqual((await viewOf(b.document)).decisions, { '/title': 'ours' });
    assert.match(a.document.getText(), /"title": "Mine"/, 'Take theirs with a stale key did not touch the file');
  });
});
