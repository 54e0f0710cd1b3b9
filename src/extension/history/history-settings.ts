// The response history's settings (`httpConflicts.history.*`, `httpConflicts.compare.ignore`),
// read when needed so a change applies to the next response. Defaults live in package.json.
import * as vscode from 'vscode';

export interface HistorySettings {
  /** 0 keeps nothing: the history is off. */
  readonly maxEntries: number;
  readonly maxBytes: number;
  /** JSON paths a comparison leaves out (`$.updatedAt`), as written. */
  readonly compareIgnore: readonly string[];
}

function count(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

export function readHistorySettings(scope?: vscode.Uri): HistorySettings {
  const c = vscode.workspace.getConfiguration('httpConflicts', scope);
  return {
    maxEntries: count(c.get('history.maxEntries'), 200),
    maxBytes: count(c.get('history.maxBytes'), 20 * 1024 * 1024),
    compareIgnore: (c.get<string[]>('compare.ignore') ?? []).filter((p) => typeof p === 'string'),
  };
}
