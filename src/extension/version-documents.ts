// Read-only virtual documents for "Compare Versions": base, yours and the server's current
// body, shown in VS Code's own diff editor.
import type * as vscode from 'vscode';
import { ReadOnlyDocuments } from './documents/read-only-documents';

export const versionScheme = 'http-conflicts-version';

export class VersionDocuments extends ReadOnlyDocuments {
  constructor() {
    super(versionScheme);
  }

  /** `name` ends with the extension that picks the language, e.g. `current.json`. */
  put(conflictKey: string, name: string, text: string): vscode.Uri {
    return this.store(`/${encodeURIComponent(conflictKey)}/${name}`, text);
  }
}
