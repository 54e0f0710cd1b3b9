// What every in-editor test needs to know about the extension: its manifest (read from the
// repo, since the suite runs from out/test/editor/ in an extension host whose cwd is not the
// repo), its id, and how to open a file of the sample workspace.
import * as vscode from 'vscode';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Bundled to out/test/editor/*.js (or a folder below, for the Restricted Mode pass): the repo
// root is the nearest folder above with a package.json.
export const repoRoot = nearestPackageFolder(__dirname);

function nearestPackageFolder(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  throw new Error(`no package.json above ${from}`);
}

export interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

export interface Manifest {
  name: string;
  publisher: string;
  contributes?: { commands?: ContributedCommand[] };
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
}

export function extensionId(): string {
  const { publisher, name } = readManifest();
  return `${publisher}.${name}`;
}

export function extensionUnderTest(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(extensionId());
  if (!extension) throw new Error(`extension ${extensionId()} is not loaded in this editor`);
  return extension;
}

export async function openWorkspaceFile(name: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the editor was started without the sample workspace folder');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
  return vscode.window.showTextDocument(document);
}

/** Polls `condition` every 50 ms; rejects with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
