// The History view: per file, per request, its responses newest first with status and time.
// Clicking a response opens it in the panel; its context menu compares or deletes it.
import * as vscode from 'vscode';
import type { HistorySummary } from '../../core/history/history-store';
import { Disposable } from '../lifecycle/disposable';
import type { ResponseHistory } from './response-history';
import { originWords, shortTime } from './response-history';

export type HistoryNode =
  | { readonly kind: 'file'; readonly file: string; readonly entries: readonly HistorySummary[] }
  | {
      readonly kind: 'request';
      readonly file: string;
      readonly request: string;
      readonly entries: readonly HistorySummary[];
    }
  | { readonly kind: 'entry'; readonly entry: HistorySummary };

// Not under `httpConflicts.`: VS Code derives commands from a view id (`….focus`), and every
// `httpConflicts.*` command must be one the manifest contributes.
export const historyViewId = 'httpConflictsHistory';
export const historyEntryContext = 'historyEntry';

function requestName(entry: HistorySummary): string {
  return entry.label ?? `${entry.method} ${entry.url}`;
}

/** Groups keep the order of their newest entry: the list is newest first already. */
function groupBy<K>(entries: readonly HistorySummary[], key: (e: HistorySummary) => K): Map<K, HistorySummary[]> {
  const groups = new Map<K, HistorySummary[]>();
  for (const entry of entries) {
    const k = key(entry);
    groups.set(k, [...(groups.get(k) ?? []), entry]);
  }
  return groups;
}

function statusIcon(status: number): vscode.ThemeIcon {
  if (status >= 200 && status < 300) return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  if (status >= 400) return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  return new vscode.ThemeIcon('info');
}

export class HistoryTree extends Disposable implements vscode.TreeDataProvider<HistoryNode> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<HistoryNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;

  /** `openCommand` runs when an entry is clicked (it opens the response in the panel). */
  constructor(
    private readonly history: ResponseHistory,
    private readonly openCommand: string,
  ) {
    super();
    this.register(history.onDidChange(() => this.changeEmitter.fire(undefined)));
  }

  async getChildren(node?: HistoryNode): Promise<HistoryNode[]> {
    if (!node) {
      const entries = await this.history.list();
      return [...groupBy(entries, (e) => e.file ?? '')].map(([file, list]) => ({ kind: 'file', file, entries: list }));
    }
    if (node.kind === 'file')
      return [...groupBy(node.entries, requestName)].map(([request, list]) => ({
        kind: 'request',
        file: node.file,
        request,
        entries: list,
      }));
    if (node.kind === 'request') return node.entries.map((entry) => ({ kind: 'entry', entry }));
    return [];
  }

  getTreeItem(node: HistoryNode): vscode.TreeItem {
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.file || '(no file)', vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = vscode.ThemeIcon.File;
      item.resourceUri = node.file ? vscode.Uri.file(node.file) : undefined;
      item.description = `${node.entries.length}`;
      return item;
    }
    if (node.kind === 'request') {
      const item = new vscode.TreeItem(node.request, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('symbol-method');
      item.description = `${node.entries.length} response${node.entries.length === 1 ? '' : 's'}`;
      item.tooltip = `${node.entries[0].method} ${node.entries[0].url}`;
      return item;
    }
    const { entry } = node;
    const item = new vscode.TreeItem(
      `${entry.status} · ${shortTime(entry.time, true)}${entry.by ? ` · ${entry.by}` : ''}`,
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = entry.id;
    item.iconPath = statusIcon(entry.status);
    item.description = `${entry.method} ${entry.url}`;
    item.tooltip = `${entry.method} ${entry.url}\n${entry.status} — received ${new Date(entry.time).toLocaleString()}${entry.by ? `\nSent by ${originWords[entry.by]}.` : ''}${entry.bodyOmitted ? '\nThe body was too big (or binary) to keep.' : ''}`;
    item.contextValue = historyEntryContext;
    item.command = { command: this.openCommand, title: 'Open Response in Panel', arguments: [node] };
    return item;
  }
}

/** The entry id a command was given: a tree node, a summary, or an id. */
export function entryIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object') {
    const value = arg as { kind?: unknown; entry?: { id?: unknown }; id?: unknown };
    if (value.kind === 'entry' && typeof value.entry?.id === 'string') return value.entry.id;
    if (typeof value.id === 'string') return value.id;
  }
  return undefined;
}
