import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('httpConflicts.send', () => {
      void vscode.window.showInformationMessage('HTTP Conflict Resolver: sending is not wired yet.');
    }),
  );
}

export function deactivate(): void {}
