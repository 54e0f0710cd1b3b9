import * as vscode from 'vscode';
import type { HttpDocuments } from './http-documents';

/** Each request folds as a block, from its first line to the end of its body. */
export class RequestFolding implements vscode.FoldingRangeProvider {
  constructor(private readonly documents: HttpDocuments) {}

  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    return this.documents
      .parse(document)
      .requests.filter((r) => r.range.end.line > r.range.start.line)
      .map((r) => new vscode.FoldingRange(r.range.start.line, r.range.end.line, vscode.FoldingRangeKind.Region));
  }
}
