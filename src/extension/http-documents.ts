// Parses each .http document once per version and finds the request under the cursor.
// Every provider (CodeLens, diagnostics, hovers, commands) reads from here.
import * as vscode from 'vscode';
import type { ParsedHttpFile, ParsedRequest } from '../core/http-file/http-file-model';
import { parseHttpFile } from '../core/http-file/parse-http-file';
import type { Range } from '../core/text-range';

export function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function isHttpDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'http';
}

export class HttpDocuments implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; parsed: ParsedHttpFile }>();
  private readonly closeListener = vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString()));

  parse(document: vscode.TextDocument): ParsedHttpFile {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.parsed;
    const parsed = parseHttpFile(document.getText());
    this.cache.set(key, { version: document.version, parsed });
    return parsed;
  }

  /**
   * The request whose block holds the line; on a `###` line, the request that line names
   * (the one below it); between blocks, the one above.
   */
  requestAt(document: vscode.TextDocument, line: number): ParsedRequest | undefined {
    const { requests } = this.parse(document);
    if (/^\s*###/.test(document.lineAt(line).text)) {
      const below = requests.find((r) => r.range.start.line === line + 1);
      if (below) return below;
    }
    let candidate: ParsedRequest | undefined;
    for (const request of requests) {
      if (request.range.start.line <= line) candidate = request;
      if (request.range.start.line <= line && line <= request.range.end.line) return request;
    }
    return candidate ?? requests[0];
  }

  dispose(): void {
    this.closeListener.dispose();
    this.cache.clear();
  }
}
