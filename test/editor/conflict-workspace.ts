// What the editor-loop tests share: a .http file written into the sample workspace, the
// extension's test view, and waiting for a write to come back as a conflict whose current
// version has been read.
import * as vscode from 'vscode';
import type { PanelState } from '../../src/protocol';
import type { ConflictApi } from '../fixtures/servers/conflict-api-server';
import { extensionUnderTest, waitUntil } from './extension-under-test';

export interface TestApi {
  panelState(): PanelState;
}

export async function activeApi(): Promise<TestApi> {
  return (await extensionUnderTest().activate()) as TestApi;
}

/** Writes `name` into the workspace folder and opens it in an editor. */
export async function openHttpFile(name: string, text: string, show = true): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  const document = await vscode.workspace.openTextDocument(uri);
  if (show) await vscode.window.showTextDocument(document);
  return document;
}

/** Sends the request at `index` and waits until the conflict view shows the refetched version. */
export async function sendIntoConflict(api: TestApi, uri: vscode.Uri, index: number): Promise<void> {
  await vscode.commands.executeCommand('httpConflicts.send', uri, index);
  await waitUntil(() => api.panelState().conflict?.step === 'refetched', 10_000, 'the refetch after the conflict');
}

/** Puts the cursor of the editor showing `document` on `line`. */
export async function cursorOn(document: vscode.TextDocument, line: number): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(line, 0, line, 0);
  return editor;
}

export function lineOf(document: vscode.TextDocument, startsWith: string, from = 0): number {
  for (let line = from; line < document.lineCount; line++)
    if (document.lineAt(line).text.startsWith(startsWith)) return line;
  throw new Error(`no line starting with ${startsWith}`);
}

export function writes(api: ConflictApi): ConflictApi['requests'] {
  return api.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
}

/**
 * Runs a command that may open a quick pick and answers the pick with `answer` (a workbench
 * command) until the command settles. Without a pick, the command simply settles.
 */
export async function runAnsweringPicks(
  command: string,
  answer: 'workbench.action.closeQuickOpen' | 'workbench.action.acceptSelectedQuickOpenItem',
  ...args: unknown[]
): Promise<void> {
  let settled = false;
  const run = Promise.resolve(vscode.commands.executeCommand(command, ...args)).finally(() => (settled = true));
  const deadline = Date.now() + 10_000;
  while (!settled && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 150));
    if (!settled) await vscode.commands.executeCommand(answer);
  }
  await run;
}

/** The body text of a JSON body with `{{placeholders}}` read as values. */
export function parsesWithPlaceholders(body: string): unknown {
  return JSON.parse(body.replace(/"[^"\n]*\{\{[^}]*\}\}[^"\n]*"/g, '"x"').replace(/\{\{[^}]*\}\}/g, '0'));
}
