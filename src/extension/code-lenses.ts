// "Send Request" above every request, and "409 Conflict — Resolve" above one that conflicted.
import * as vscode from 'vscode';
import { commandIds } from './command-ids';
import { readConfig } from './config';
import type { ConflictController } from './conflict-controller';
import { Disposable } from './lifecycle/disposable';
import type { HttpDocuments } from './http-documents';

export class RequestCodeLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly documents: HttpDocuments,
    private readonly conflicts: ConflictController,
  ) {
    super();
    this.register(conflicts.onDidChange(() => this.changed.fire()));
    this.register(
      vscode.workspace.onDidChangeConfiguration(
        (e) => e.affectsConfiguration('httpConflicts.codeLens') && this.changed.fire(),
      ),
    );
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!readConfig(document.uri).codeLens) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const request of this.documents.parse(document).requests) {
      const line = request.requestLineRange.start.line;
      const range = new vscode.Range(line, 0, line, 0);
      const args = [document.uri, request.index];
      lenses.push(
        new vscode.CodeLens(range, { title: '$(play) Send Request', command: commandIds.send, arguments: args }),
      );
      const entry = this.conflicts.entryFor(document.uri, request);
      if (entry && entry.report.kind !== 'not-a-version-conflict') {
        lenses.push(
          new vscode.CodeLens(range, {
            title: `$(warning) ${entry.report.status} Conflict — Resolve`,
            command: commandIds.resolve,
            arguments: args,
            tooltip: entry.report.summary,
          }),
        );
        lenses.push(new vscode.CodeLens(range, { title: 'Compare', command: commandIds.compare, arguments: args }));
      }
    }
    return lenses;
  }
}
