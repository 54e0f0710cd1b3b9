// Which request a command acts on: the one a CodeLens or quick fix names (uri + index), or
// the one under the cursor of the active .http editor.
import * as vscode from 'vscode';
import type { ParsedHttpFile, ParsedRequest } from '../core/http-file/http-file-model';
import type { HttpDocuments } from './http-documents';

export interface RequestTarget {
  readonly document: vscode.TextDocument;
  readonly file: ParsedHttpFile;
  readonly request: ParsedRequest;
}

/** Arguments CodeLenses and code actions pass: `[uri, requestIndex]`. */
export type TargetArgs = [uri?: unknown, index?: unknown];

export async function resolveTarget(documents: HttpDocuments, args: TargetArgs): Promise<RequestTarget | undefined> {
  const [uri, index] = args;
  if ((typeof uri === 'string' || uri instanceof vscode.Uri) && typeof index === 'number') {
    const document = await vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
    const file = documents.parse(document);
    const request = file.requests[index];
    return request && { document, file, request };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'http') return undefined;
  const file = documents.parse(editor.document);
  const request = documents.requestAt(editor.document, editor.selection.active.line);
  return request && { document: editor.document, file, request };
}

export function requestLabel(request: ParsedRequest): string | undefined {
  return request.metadata.name ?? request.title;
}

/** A key that survives edits above the request as long as its name (or position) holds. */
export function requestKey(uri: vscode.Uri, request: ParsedRequest): string {
  return `${uri.toString()}#${request.metadata.name ? `name:${request.metadata.name}` : `index:${request.index}`}`;
}

export function findRequestByKey(file: ParsedHttpFile, key: string): ParsedRequest | undefined {
  const id = key.slice(key.lastIndexOf('#') + 1);
  if (id.startsWith('name:')) return file.requests.find((r) => r.metadata.name === id.slice(5));
  return file.requests[Number(id.slice(6))];
}
