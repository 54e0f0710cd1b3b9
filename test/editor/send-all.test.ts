// Send All (issue 14.9): each result is reported (method, name or URL, status, verdict) and the
// run stops at a conflict, as the CLI's `run` does — what follows a refused write was written
// for a state the server is not in.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { RunSummary } from '../../src/core/run/run-summary';
import { startConflictApi } from '../fixtures/servers/conflict-api-server';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import { activeApi, openHttpFile } from './conflict-workspace';

const path = '/etag/documents/42';

const file = (base: string) => `@base = ${base}

### Read
# @name doc
GET {{base}}${path}

### Write against a version the server no longer holds
PUT {{base}}${path}
If-Match: "stale"
Content-Type: application/json

{ "id": 42, "title": "Mine", "tags": ["finance"], "owner": "ana" }

### Written for after the write
GET {{base}}${path}?after=write
`;

describe('Send All reports each result and stops at a conflict (issue 14.9)', function () {
  this.timeout(60_000);
  let api: ConflictApi;

  before(async () => {
    api = await startConflictApi();
    await activeApi();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.close();
  });

  it('stops at the 412 and says what each request did', async () => {
    const document = await openHttpFile('send-all-stops.http', file(api.url));
    const summary = await vscode.commands.executeCommand<RunSummary | undefined>(
      'httpConflicts.sendAll',
      document.uri,
      0,
    );
    assert.equal(
      api.requests.filter((r) => r.url.includes('after=write')).length,
      0,
      'nothing after the conflict was sent',
    );
    assert.ok(summary, 'Send All returns its report');
    assert.deepEqual(
      summary.entries.map((e) => [e.method, e.status, e.verdict]),
      [
        ['GET', 200, 'passed'],
        ['PUT', 412, 'conflict'],
      ],
    );
    assert.equal(summary.entries[0].name, 'doc');
    assert.match(summary.stopped?.reason ?? '', /412 conflict/);
    assert.deepEqual(
      summary.skipped.map((e) => e.method),
      ['GET'],
    );
  });
});
