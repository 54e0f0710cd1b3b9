// ResponsePanel.delivered(): the heavy work after a send (a big body's snapshot, History) waits
// for it, so it must not resolve before the editor took the state the send posted — nor hang
// when a hidden panel never takes it. The webview is a stand-in whose posts are taken when the
// test says so.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { ResponsePanel, type PanelWindow } from '../../src/extension/panel/response-panel';
import type { PanelState } from '../../src/protocol';

interface Post {
  readonly message: { type: string; state?: PanelState };
  take(): void;
}

function standInWindow(posts: Post[]): PanelWindow {
  const createWebviewPanel = (): vscode.WebviewPanel => {
    const disposable = { dispose: () => undefined };
    const webview = {
      options: {},
      html: '',
      cspSource: 'vscode-resource:',
      asWebviewUri: (uri: vscode.Uri) => uri,
      onDidReceiveMessage: () => disposable,
      postMessage: (message: Post['message']) =>
        new Promise<boolean>((resolve) => posts.push({ message, take: () => resolve(true) })),
    };
    return {
      webview,
      title: '',
      reveal: () => undefined,
      onDidDispose: () => disposable,
      dispose: () => undefined,
    } as unknown as vscode.WebviewPanel;
  };
  return {
    createWebviewPanel: createWebviewPanel as unknown as PanelWindow['createWebviewPanel'],
    registerWebviewPanelSerializer: () => ({ dispose: () => undefined }),
  };
}

const turns = (count: number): Promise<void> =>
  count === 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(() => void turns(count - 1).then(resolve), 5));

const response: PanelState = { view: 'failure', failure: { code: 'refused', message: 'stand-in for a response' } };

describe('the response panel says when the editor took what a send posted', () => {
  const log = { warn: () => undefined };
  const uri = vscode.Uri.file('/stand-in-extension');
  let panel: ResponsePanel;
  afterEach(() => panel.dispose());

  it('resolves delivered() only once the state posted after it was asked for is taken, not an earlier one', async () => {
    const posts: Post[] = [];
    panel = new ResponsePanel(uri, log, standInWindow(posts));
    panel.show({ view: 'sending', busy: 'GET http://127.0.0.1/' });
    posts[0].take();
    // As after a send: the snapshot queue asks for delivery, then the response is posted.
    let delivered = false;
    const waiting = panel.delivered().then(() => (delivered = true));
    panel.update(response);
    await turns(20);
    assert.equal(posts.length, 2);
    assert.deepEqual(posts[1].message, { type: 'state', state: response });
    assert.equal(delivered, false, 'the response was not taken yet');
    posts[1].take();
    await waiting;
    assert.equal(delivered, true);
  });

  it('lets the work go after at most a second when the panel never takes the state (hidden)', async () => {
    const posts: Post[] = [];
    panel = new ResponsePanel(uri, log, standInWindow(posts));
    panel.show(response);
    await panel.delivered();
    assert.equal(posts.length, 1, 'resolved without the post being taken');
  });
});
