// Rewrites a request in the .http document: the body replaced by the rebased text and the
// version token written where the dialect wants it — as ONE WorkspaceEdit, so a single undo
// restores what the user had. A token written through a `{{placeholder}}` keeps the
// placeholder when it resolves to the fresh value (the rebased request adopts the current
// version of its named read); otherwise the fresh value replaces it, in plain sight.
import * as vscode from 'vscode';
import type { TokenUpdate } from '../core/conflict/conflict-model';
import { tokenValueProblem } from '../core/conflict/token-safety';
import type { ParsedRequest } from '../core/http-file/http-file-model';
import { toVsRange } from './http-documents';

function lineEnd(document: vscode.TextDocument): string {
  return document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}

/** Does the written value already send `value`? Without a resolver, any placeholder is trusted. */
function alreadySays(written: string, value: string, resolve: ((text: string) => string) | undefined): boolean {
  if (!written.includes('{{')) return false;
  return resolve === undefined || resolve(written).trim() === value.trim();
}

export function addTokenEdits(
  edit: vscode.WorkspaceEdit,
  document: vscode.TextDocument,
  request: ParsedRequest,
  updates: readonly TokenUpdate[],
  resolve?: (text: string) => string,
): void {
  const eol = lineEnd(document);
  for (const update of updates) {
    if (!update.remove && tokenValueProblem(update.value)) continue; // a CR/LF would plant text in the file
    const { location } = update;
    if (location.kind === 'header') {
      const header = request.headers.find((h) => h.name.toLowerCase() === location.name.toLowerCase());
      if (update.remove) {
        if (header) edit.delete(document.uri, document.lineAt(header.range.start.line).rangeIncludingLineBreak);
        continue;
      }
      const value = String(update.value);
      if (!header) {
        const after = request.headers.length
          ? request.headers[request.headers.length - 1].range.end
          : request.requestLineRange.end;
        edit.insert(
          document.uri,
          new vscode.Position(after.line, document.lineAt(after.line).text.length),
          `${eol}${location.name}: ${value}`,
        );
      } else if (!alreadySays(header.value, value, resolve)) {
        const line = document.lineAt(header.range.start.line);
        const colon = line.text.indexOf(':', header.range.start.character);
        const start = colon + 1 + (line.text.slice(colon + 1).length - line.text.slice(colon + 1).trimStart().length);
        edit.replace(
          document.uri,
          new vscode.Range(line.lineNumber, start, line.lineNumber, line.text.trimEnd().length),
          value,
        );
      }
    } else if (location.kind === 'query') {
      const urlRange = toVsRange(request.urlRange);
      const urlText = document.getText(urlRange);
      const pattern = new RegExp(`([?&]${location.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=)([^&#\\s]*)`);
      const match = pattern.exec(urlText);
      if (update.remove) {
        if (match) {
          const start = document.offsetAt(urlRange.start) + match.index;
          edit.delete(
            document.uri,
            new vscode.Range(document.positionAt(start), document.positionAt(start + match[0].length)),
          );
        }
        continue;
      }
      const value = encodeURIComponent(String(update.value));
      if (!match) {
        edit.insert(document.uri, urlRange.end, `${urlText.includes('?') ? '&' : '?'}${location.name}=${value}`);
      } else if (!alreadySays(decodeURIComponent(match[2]), String(update.value), resolve)) {
        const start = document.offsetAt(urlRange.start) + match.index + match[1].length;
        edit.replace(
          document.uri,
          new vscode.Range(document.positionAt(start), document.positionAt(start + match[2].length)),
          value,
        );
      }
    }
    // Body-located tokens are already written into the body text by the caller.
  }
}

export function replaceBody(
  edit: vscode.WorkspaceEdit,
  document: vscode.TextDocument,
  request: ParsedRequest,
  bodyText: string,
): void {
  if (request.body) {
    edit.replace(document.uri, toVsRange(request.body.range), bodyText);
    return;
  }
  const eol = lineEnd(document);
  const after = request.headers.length
    ? request.headers[request.headers.length - 1].range.end
    : request.requestLineRange.end;
  edit.insert(
    document.uri,
    new vscode.Position(after.line, document.lineAt(after.line).text.length),
    `${eol}${eol}${bodyText}`,
  );
}
