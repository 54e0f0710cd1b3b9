// Everything the response history adds to the editor, built in one place for `activate`:
// the store wired to the runner's sends, the History view, the read-only documents the diff
// editor shows, and the commands behind the view, the panel and the palette.
import * as vscode from 'vscode';
import type { HistorySummary } from '../../core/history/history-store';
import { Disposable } from '../lifecycle/disposable';
import type { ResponsePanel } from '../panel/response-panel';
import { compareTwo, compareWithPrevious, HistoryDocuments, historyScheme } from './history-compare';
import { entryIdOf, HistoryTree, historyViewId } from './history-tree';
import type { HistoryLog, SentExchange, SentOnBehalfExchange } from './response-history';
import { ResponseHistory } from './response-history';

/** What the history needs from the rest of the extension (given by `activate`). */
export interface HistoryDeps {
  readonly storageDir: string;
  readonly panel: ResponsePanel;
  readonly log: HistoryLog;
  /** Every finished send (the runner's `onDidSend`). */
  readonly onDidSend: vscode.Event<SentExchange>;
  /** Every refetch and probe request (the runner's `onDidSendOnBehalf`). */
  readonly onDidSendOnBehalf: vscode.Event<SentOnBehalfExchange>;
  /** Copy/Save/Open Body act on this response from now on. */
  readonly showingBody: (body: { body: Uint8Array; contentType?: string; label: string }) => void;
  /** The command a click on an entry runs. */
  readonly openCommand: string;
}

/** What the in-editor tests see of the history. */
export interface HistoryApi {
  readonly tree: HistoryTree;
  /** Every kept response, newest first, once the ones in flight are kept. */
  entries(): Promise<readonly HistorySummary[]>;
}

export class HistoryView extends Disposable {
  readonly history: ResponseHistory;
  readonly tree: HistoryTree;

  constructor(private readonly deps: HistoryDeps) {
    super();
    // History's work for a send waits until the panel has the response (see ResponsePanel.delivered).
    this.history = this.register(
      new ResponseHistory(deps.storageDir, deps.panel, deps.log, () => deps.panel.delivered()),
    );
    this.tree = this.register(new HistoryTree(this.history, deps.openCommand));
    this.register(vscode.window.createTreeView(historyViewId, { treeDataProvider: this.tree, showCollapseAll: true }));
    this.register(
      vscode.workspace.registerTextDocumentContentProvider(historyScheme, new HistoryDocuments(this.history)),
    );
    this.register(deps.onDidSend((sent) => this.history.onSend(sent)));
    this.register(deps.onDidSendOnBehalf((sent) => this.history.onSendOnBehalf(sent)));
  }

  get api(): HistoryApi {
    return { tree: this.tree, entries: () => this.history.list() };
  }

  async open(arg: unknown): Promise<void> {
    const id = entryIdOf(arg);
    const entry = id && (await this.history.store.get(id));
    if (!entry || !(await this.history.openInPanel(entry.id))) {
      void vscode.window.showInformationMessage('That response is no longer in the history.');
      return;
    }
    // Copy/Save/Open Body then act on the response shown, not on the last one sent.
    const body = entry.response.bodyOmitted ? new Uint8Array() : new TextEncoder().encode(entry.response.bodyText);
    this.deps.showingBody({
      body,
      contentType: entry.response.contentType,
      label: entry.label ?? `${entry.request.method} ${entry.request.url}`,
    });
  }

  /** From a history entry, or (no argument: the panel's button, the palette) the response the panel shows. */
  async compareWithPrevious(arg: unknown): Promise<void> {
    await this.history.settled();
    return compareWithPrevious(this.history, entryIdOf(arg) ?? this.history.shownEntryId);
  }

  compareTwo(): Promise<void> {
    return compareTwo(this.history);
  }

  async delete(arg: unknown): Promise<void> {
    const id = entryIdOf(arg);
    if (id) await this.history.remove(id);
  }

  async clear(): Promise<void> {
    const clear = 'Clear History';
    const answer = await vscode.window.showWarningMessage(
      'Delete every kept response of this workspace?',
      { modal: true },
      clear,
    );
    if (answer === clear) await this.history.clear();
  }
}
