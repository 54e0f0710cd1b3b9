// The read-only virtual documents the extension opens in VS Code's own editor: a response body
// ("Open in Editor" from the panel) and a conflict's versions ("Compare Versions").
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import { activeApi, openHttpFile, runAnsweringPicks, sendIntoConflict } from './conflict-workspace';
import type { TestApi } from './conflict-workspace';

const path = '/etag/documents/42';

const file = (base: string) => `### Read
# @name doc
GET ${base}${path}

### Change the title
PUT ${base}${path}
If-Match: {{doc.response.headers.ETag}}
Content-Type: application/json

{
  "id": 42,
  "title": "Mine",
  "tags": ["finance"],
  "owner": "ana"
}
`;

const opened = (scheme: string) => vscode.workspace.textDocuments.filter((d) => d.uri.scheme === scheme);

describe('Read-only documents: a response body and a conflict’s versions', function () {
  this.timeout(60_000);
  let api: ConflictApi;
  let ext: TestApi & { fromPanel(message: unknown): Promise<unknown> };

  beforeEach(async () => {
    api = await startConflictApi();
    ext = (await activeApi()) as typeof ext;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.close();
  });

  it('Open in Editor shows the body the server sent, read-only, each opening its own document', async () => {
    const document = await openHttpFile('read-only-body.http', file(api.url));
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    const before = opened('http-response').length;
    await ext.fromPanel({ type: 'action', action: 'openBody' });
    await ext.fromPanel({ type: 'action', action: 'openBody' });
    const bodies = opened('http-response').slice(before);
    assert.equal(bodies.length, 2, 'two openings, two documents');
    assert.notEqual(bodies[0].uri.toString(), bodies[1].uri.toString());
    const shown = JSON.parse(bodies[1].getText()) as { id: number; title: string };
    assert.equal(shown.id, 42);
    assert.equal(shown.title, (api.state(path)?.document as { title: string }).title);
  });

  it('Compare Versions opens the current version beside yours in a diff', async () => {
    const document = await openHttpFile('read-only-versions.http', file(api.url));
    await vscode.commands.executeCommand('httpConflicts.send', document.uri, 0);
    api.otherWriter(path, { tags: ['finance', 'q3'] });
    await sendIntoConflict(ext, document.uri, 1);
    await runAnsweringPicks('httpConflicts.compare', 'workbench.action.acceptSelectedQuickOpenItem', document.uri, 1);
    const versions = opened('http-conflicts-version');
    assert.ok(versions.length >= 2, `the diff's two sides: ${versions.map((d) => d.uri.path).join(', ')}`);
    const current = versions.find((d) => d.uri.path.endsWith('/current.json'));
    assert.ok(current, 'the current version is one side');
    assert.deepEqual((JSON.parse(current.getText()) as { tags: string[] }).tags, ['finance', 'q3']);
  });
});
