// When a conflict command runs where the cursor names no conflict, the user picks one from
// a list that names each by request and file — so nothing in a file the user cannot see is
// edited or sent without being named first.
import * as vscode from 'vscode';
import type { ConflictReport, Exchange } from '../core/conflict/conflict-model';

export interface PickableConflict {
  readonly uri: vscode.Uri;
  readonly report: ConflictReport;
  readonly exchange: Exchange;
  readonly label?: string;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** `conflicts`: most recent first. `cursorOnRequest`: the cursor is on a request without one. */
export async function pickConflict<T extends PickableConflict>(
  conflicts: readonly T[],
  verb: string,
  cursorOnRequest: boolean,
): Promise<T | undefined> {
  if (conflicts.length === 0) {
    void vscode.window.showInformationMessage(
      cursorOnRequest
        ? `The request under the cursor has no conflict to ${verb}, and there is no other open conflict.`
        : 'There is no conflict to act on. Send a write that comes back 409, 412 or 428 first.',
    );
    return undefined;
  }
  const items = conflicts.map((conflict) => {
    const { method, url } = conflict.exchange.request;
    return {
      label: `$(warning) ${conflict.report.status} ${conflict.label ?? `${method} ${pathOf(url)}`}`,
      description: `${method} ${pathOf(url)} · ${vscode.workspace.asRelativePath(conflict.uri)}`,
      detail: conflict.report.summary,
      conflict,
    };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: `HTTP: which conflict to ${verb}?`,
    placeHolder: cursorOnRequest
      ? `The request under the cursor has no conflict. Pick the one to ${verb}`
      : `Pick the conflict to ${verb}`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.conflict;
}
