// Read-only virtual documents for "Compare Versions": base, yours and the server's current
// body, shown in VS Code's own diff editor.
import * as vscode from 'vscode';

export const versionScheme = 'http-conflicts-version';

export class VersionDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(versionScheme, this);

  /** `name` ends with the extension that picks the language, e.g. `current.json`. */
  put(conflictKey: string, name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: versionScheme, path: `/${encodeURIComponent(conflictKey)}/${name}` });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.contents.clear();
  }
}
