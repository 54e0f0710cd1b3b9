// Issue 21: the response reaches the panel before History does its work for it. The runner
// posts the response and tells History in the same task, and the message goes out only after
// that task; History's work (redacting, pretty-printing, hashing the body) now waits for its
// own turn, and anything that reads the history still sees the response kept.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SentExchange } from '../../src/extension/history/response-history';
import { ResponseHistory } from '../../src/extension/history/response-history';
import type { ResponsePanel } from '../../src/extension/panel/response-panel';
import type { PanelState } from '../../src/protocol';

function sentRead(document: vscode.TextDocument, title: string): SentExchange {
  const request = { method: 'GET', url: 'http://127.0.0.1:9/items/7', headers: [] };
  const body = Buffer.from(JSON.stringify({ id: 7, title }));
  return {
    target: { document, request: { metadata: {}, title: 'item' } } as unknown as SentExchange['target'],
    outcome: {
      kind: 'response',
      request: {},
      prepared: { request, secrets: [] },
      response: {
        status: 200,
        statusText: 'OK',
        httpVersion: '1.1',
        headers: [['content-type', 'application/json']],
        body,
        truncated: false,
        wireBytes: body.length,
        timings: { total: 1 },
        url: request.url,
        redirects: [],
        notices: [],
      },
    } as unknown as SentExchange['outcome'],
  };
}

describe('History waits for the response to reach the panel (issue 21)', function () {
  this.timeout(20_000);
  let dir: string;
  let history: ResponseHistory;
  let document: vscode.TextDocument;
  const held: Array<() => void> = [];
  let state: PanelState = { view: 'empty' };
  const panel = {
    get state() {
      return state;
    },
    update: (next: PanelState) => (state = next),
  } as unknown as ResponsePanel;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'history-order-'));
    document = await vscode.workspace.openTextDocument({
      language: 'http',
      content: 'GET http://127.0.0.1:9/items/7\n',
    });
    // History's turn comes when the test says so.
    const turn = () => new Promise<void>((resolve) => held.push(resolve));
    history = new ResponseHistory(dir, panel, { warn: () => undefined }, turn);
  });

  after(() => {
    history.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps nothing in the task that shows the response, and settles only once it is kept', async () => {
    history.onSend(sentRead(document, 'first'));
    let settled = false;
    void history.settled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(held.length, 1, 'History waits for its turn');
    assert.equal(settled, false, 'a read of the history waits too');
    assert.deepEqual(await history.store.list(), [], 'nothing kept yet');

    held.shift()!();
    await history.settled();
    assert.equal((await history.store.list()).length, 1);
  });

  it('keeps two sends in the order they were sent, the second compared with the first', async () => {
    state = { view: 'response', request: { method: 'GET', url: 'http://127.0.0.1:9/items/7', headers: [] } };
    history.onSend(sentRead(document, 'second'));
    history.onSend(sentRead(document, 'third'));
    let done = false;
    void history.settled().then(() => (done = true));
    for (let i = 0; i < 200 && !done; i++) {
      held.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.ok(done, 'both sends kept');
    const kept = await history.store.list();
    assert.equal(kept.length, 3);
    assert.match(
      state.history?.summary ?? '',
      /^1 field changed since/,
      'the line is the last send compared with the one before',
    );
  });
});
