// Compare with Previous and Compare Two…: two kept responses side by side in VS Code's own
// diff editor, as read-only virtual documents (`http-conflicts-history:` URIs, served from the
// history by a TextDocumentContentProvider). Each side is the core's comparison text:
// status, the headers worth comparing, the body pretty-printed, the noise left out.
import * as vscode from 'vscode';
import { comparisonText } from '../../core/history/compare-text';
import type { HistorySummary } from '../../core/history/history-store';
import type { ResponseHistory } from './response-history';
import { shortTime } from './response-history';

export const historyScheme = 'http-conflicts-history';

export class HistoryDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly history: ResponseHistory) {}

  static uriFor(entry: HistorySummary): vscode.Uri {
    const name = `${entry.status} ${shortTime(entry.time, true)}`.replace(/[^\w.-]+/g, '-');
    return vscode.Uri.from({ scheme: historyScheme, path: `/${entry.id}/${name}.txt` });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const id = uri.path.split('/')[1] ?? '';
    const entry = await this.history.store.get(id);
    if (!entry)
      return 'This response is no longer in the history (deleted, or dropped to stay within httpConflicts.history.maxEntries / maxBytes).\n';
    return comparisonText(entry, { ignore: this.history.ignorePatterns() });
  }
}

/** Opens the diff editor: older on the left, newer on the right. */
export async function openComparison(older: HistorySummary, newer: HistorySummary): Promise<void> {
  const [left, right] = older.time <= newer.time ? [older, newer] : [newer, older];
  const title = `${right.label ?? `${right.method} ${right.url}`}: ${shortTime(left.time, true)} ↔ ${shortTime(right.time, true)}`;
  await vscode.commands.executeCommand(
    'vscode.diff',
    HistoryDocuments.uriFor(left),
    HistoryDocuments.uriFor(right),
    title,
    { preview: false },
  );
}

function pickItem(entry: HistorySummary): vscode.QuickPickItem & { entry: HistorySummary } {
  return {
    label: `${entry.status} ${entry.label ?? `${entry.method} ${entry.url}`}`,
    description: new Date(entry.time).toLocaleString(),
    detail: `${entry.file ? `${entry.file} · ` : ''}${entry.method} ${entry.url}`,
    entry,
  };
}

export async function compareWithPrevious(history: ResponseHistory, id: string | undefined): Promise<void> {
  await history.settled();
  const entries = await history.store.list();
  const entry = id === undefined ? undefined : entries.find((e) => e.id === id);
  if (!entry) {
    void vscode.window.showInformationMessage(
      id === undefined
        ? 'No response to compare yet: send a request first.'
        : 'That response is no longer in the history.',
    );
    return;
  }
  const previous =
    (await history.store.previous(entry.id, 'request')) ?? (await history.store.previous(entry.id, 'resource'));
  if (!previous) {
    void vscode.window.showInformationMessage(
      `This is the first response of ${entry.label ?? `${entry.method} ${entry.url}`} in the history: send it again to have something to compare with.`,
    );
    return;
  }
  await openComparison(previous, entry);
}

export async function compareTwo(history: ResponseHistory): Promise<void> {
  const entries = await history.list();
  if (entries.length < 2) {
    void vscode.window.showInformationMessage('The history needs at least two responses to compare.');
    return;
  }
  const first = await vscode.window.showQuickPick(entries.map(pickItem), {
    title: 'Compare Two Responses (1/2): the first response',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!first) return;
  const second = await vscode.window.showQuickPick(entries.filter((e) => e.id !== first.entry.id).map(pickItem), {
    title: 'Compare Two Responses (2/2): compare it with',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!second) return;
  await openComparison(first.entry, second.entry);
}
