// What the user can do with a result besides reading it in the panel: copy the request as a
// cURL command (credentials redacted unless asked), and copy or save the last body.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { extensionForContentType } from '../core/run/body-file-name';
import { curlCommand } from '../core/run/curl-command';
import type { PrepareResult } from '../core/run/prepare-request';

/** The last response shown, for Copy/Save/Open Body. */
export interface LastResponse {
  readonly body: Uint8Array;
  readonly contentType?: string;
  readonly label: string;
  /** The name Save Body suggests: the request's name or the URL's last segment, with the content type's extension. */
  readonly fileName?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export async function copyAsCurl(prepared: PrepareResult): Promise<void> {
  if (!prepared.ok) {
    void vscode.window.showErrorMessage(`Cannot build the command: ${prepared.problems[0]}`);
    return;
  }
  const { request, secrets } = prepared.prepared;
  await vscode.env.clipboard.writeText(curlCommand(request, { secrets, redact: true }));
  const withSecrets = 'Copy With Secrets';
  const answer = await vscode.window.showInformationMessage('Copied as cURL, with credentials redacted.', withSecrets);
  if (answer === withSecrets) await vscode.env.clipboard.writeText(curlCommand(request, { secrets, redact: false }));
}

/** Copy or Save the last body; Open Body is a read-only document (panel/response-documents.ts). */
export async function bodyAction(last: LastResponse | undefined, action: 'copyBody' | 'saveBody'): Promise<void> {
  if (!last) return;
  if (action === 'saveBody') {
    const extension = extensionForContentType(last.contentType) ?? 'txt';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    const defaultUri = last.fileName ? vscode.Uri.joinPath(folder, last.fileName) : undefined;
    const uri = await vscode.window.showSaveDialog({
      title: 'Save Response Body',
      defaultUri,
      filters: { [extension.toUpperCase()]: [extension], All: ['*'] },
    });
    if (uri) await vscode.workspace.fs.writeFile(uri, last.body);
    return;
  }
  await vscode.env.clipboard.writeText(utf8.decode(last.body));
  void vscode.window.setStatusBarMessage('Response body copied', 3000);
}
