// Quick fixes keyed on our diagnostic codes, so the lightbulb, the palette and the panel
// run the very same commands.
import * as vscode from 'vscode';
import { commandIds } from './command-ids';
import type { HttpDocuments } from './http-documents';

const conflictFixes: Array<{ title: string; command: string; preferred?: boolean }> = [
  { title: 'Resolve conflict (refetch, rebase, resend)', command: commandIds.resolve, preferred: true },
  { title: 'Refetch current version', command: commandIds.refetch },
  { title: 'Rebase body on current version', command: commandIds.rebase },
  { title: 'Resend request', command: commandIds.resend },
  { title: 'Compare versions', command: commandIds.compare },
  { title: 'Discard my changes (use current version)', command: commandIds.takeTheirs },
];

export class ConflictQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly documents: HttpDocuments) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.code !== 'conflict') continue;
      const request = this.documents.requestAt(document, diagnostic.range.start.line);
      if (!request) continue;
      for (const fix of conflictFixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.command = { title: fix.title, command: fix.command, arguments: [document.uri, request.index] };
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred;
        actions.push(action);
      }
    }
    return actions;
  }
}
