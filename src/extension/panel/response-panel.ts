// The one owner of the response panel: creates or reveals it beside the editor, revives it
// after a reload, sends it the state, and passes on only the messages that pass the check.
import * as vscode from 'vscode';
import { parsePanelMessage, type HostToPanel, type PanelState, type PanelToHost } from '../../protocol';
import { afterPendingMessages } from '../../core/conflict/record-later';
import { Disposable } from '../lifecycle/disposable';
import { createNonce, renderPanelHtml } from './panel-html';
import { panelTitle } from './panel-title';

export const responsePanelViewType = 'httpConflicts.response';

export interface PanelLog {
  warn(message: string): void;
}

const emptyState: PanelState = { view: 'empty' };

/** What the panel needs of the editor's window (the in-editor tests hand it a stand-in). */
export interface PanelWindow {
  createWebviewPanel: typeof vscode.window.createWebviewPanel;
  registerWebviewPanelSerializer: typeof vscode.window.registerWebviewPanelSerializer;
}

/** How long `delivered()` waits at most: a hidden panel never takes the message. */
const deliveryWaitMs = 1000;

export class ResponsePanel extends Disposable {
  private readonly actionEmitter = this.register(new vscode.EventEmitter<PanelToHost>());
  /** Every message from the panel that passed `parsePanelMessage`, including `ready`. */
  readonly onDidAction = this.actionEmitter.event;
  private current: PanelConnection | undefined;
  private lastState: PanelState = emptyState;
  private lastPost: Thenable<unknown> = Promise.resolve();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: PanelLog,
    private readonly window: PanelWindow = vscode.window,
  ) {
    super();
    this.register(
      window.registerWebviewPanelSerializer(responsePanelViewType, {
        deserializeWebviewPanel: async (panel) => this.adopt(panel),
      }),
    );
    this.register({ dispose: () => this.current?.dispose() });
  }

  /** The state the panel shows (or will show when it next becomes visible). */
  get state(): PanelState {
    return this.lastState;
  }

  get isOpen(): boolean {
    return this.current !== undefined;
  }

  /** Opens the panel beside the editor (or reveals it without taking focus) and shows `state`. */
  show(state: PanelState): void {
    this.lastState = state;
    if (this.current) {
      this.current.panel.reveal(undefined, true);
    } else {
      const panel = this.window.createWebviewPanel(
        responsePanelViewType,
        panelTitle(state),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        // Find (Ctrl+F / Cmd+F) searches the response as in any editor.
        { ...this.webviewOptions(), retainContextWhenHidden: false, enableFindWidget: true },
      );
      this.adopt(panel);
    }
    this.push();
  }

  /** Updates the panel if it is open; otherwise only remembers the state for the next `show`. */
  update(state: PanelState): void {
    this.lastState = state;
    this.push();
  }

  private webviewOptions(): vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableForms: false,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.current?.dispose();
    panel.webview.options = this.webviewOptions();
    panel.webview.html = this.html(panel.webview);
    panel.title = panelTitle(this.lastState);
    const connection = new PanelConnection(panel, (raw) => this.receive(raw));
    connection.onClosed(() => {
      if (this.current === connection) this.current = undefined;
    });
    this.current = connection;
  }

  private html(webview: vscode.Webview): string {
    const dist = (file: string): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', file)).toString();
    return renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: dist('panel.js'),
      styleUris: [dist('codicon.css'), dist('panel.css')],
    });
  }

  private receive(raw: unknown): void {
    const message = parsePanelMessage(raw);
    if (!message) {
      this.log.warn(`Response panel: dropped an invalid message (${describeMessage(raw)}).`);
      return;
    }
    switch (message.type) {
      case 'ready':
        // A fresh or revived webview has nothing: it gets the whole state again.
        this.push();
        break;
      case 'action':
      case 'decideConflict':
        break;
      default:
        assertNever(message);
    }
    this.actionEmitter.fire(message);
  }

  private push(): void {
    if (!this.current) return;
    this.current.panel.title = panelTitle(this.lastState);
    const message: HostToPanel = { type: 'state', state: this.lastState };
    // A hidden panel (no retained context) drops messages; it says `ready` again when shown.
    this.lastPost = this.current.panel.webview.postMessage(message);
  }

  /**
   * Resolves once the editor has taken the state a finished send is posting (or a second after
   * its post at most). First the turns in which that state is posted (`afterPendingMessages`),
   * then the editor's acceptance of the last post. Work that holds the extension host's thread
   * waits for this: a big state is written out to the editor a piece at a time by that thread,
   * so a busy host held the response back from the panel (bench: panel).
   */
  async delivered(): Promise<void> {
    await afterPendingMessages();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, deliveryWaitMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.lastPost.then(done, done);
    });
  }
}

/** One live webview panel and its listeners, disposed together when it closes. */
class PanelConnection extends Disposable {
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    onMessage: (raw: unknown) => void,
  ) {
    super();
    this.register(panel.webview.onDidReceiveMessage(onMessage));
    this.register(
      panel.onDidDispose(() => {
        for (const listener of this.closeListeners) listener();
        this.dispose();
      }),
    );
    this.register(panel);
  }

  onClosed(listener: () => void): void {
    this.closeListeners.push(listener);
  }
}

function describeMessage(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return typeof raw;
  const type = (raw as { type?: unknown }).type;
  return typeof type === 'string' ? `type "${type.slice(0, 40)}"` : 'no type';
}

function assertNever(value: never): never {
  throw new Error(`Unhandled panel message: ${JSON.stringify(value)}`);
}
