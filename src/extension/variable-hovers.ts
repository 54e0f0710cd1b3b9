// Hovering a `{{variable}}` shows the value it would send. Values are shown as untrusted
// plain code, and secrets (private env files) only as dots.
import * as vscode from 'vscode';
import { redactText } from '../core/redact';
import { createFileResolver } from '../core/run/create-file-resolver';
import type { RequestRecord } from '../core/variables/variable-model';
import { findVariableReferences } from '../core/variables/find-variable-references';
import type { Environments } from './environments';
import type { HttpDocuments } from './http-documents';

export class VariableHovers implements vscode.HoverProvider {
  constructor(
    private readonly documents: HttpDocuments,
    private readonly environments: Environments,
    /** Named results as the request on that line sees them (it may have adopted a newer version). */
    private readonly recordsAt: (document: vscode.TextDocument, line: number) => ReadonlyMap<string, RequestRecord>,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const line = document.lineAt(position.line).text;
    const reference = findVariableReferences(line).find(
      (r) => r.start <= position.character && position.character <= r.end,
    );
    if (!reference) return undefined;
    const { sources } = await this.environments.sources(document);
    const resolver = createFileResolver(this.documents.parse(document), {
      ...sources,
      requests: this.recordsAt(document, position.line),
    });
    const result = resolver.resolveText(line.slice(reference.start, reference.end));
    const markdown = new vscode.MarkdownString(undefined, false);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    markdown.appendMarkdown(`**${reference.expression.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&')}**\n\n`);
    if (result.unresolved.length) markdown.appendText(result.unresolved[0].message);
    else {
      const value = redactText(result.text, result.secrets);
      markdown.appendCodeblock(value.length > 2000 ? `${value.slice(0, 2000)}…` : value, 'text');
      if (sources.environmentName) markdown.appendText(`Environment: ${sources.environmentName}`);
    }
    return new vscode.Hover(markdown, new vscode.Range(position.line, reference.start, position.line, reference.end));
  }
}
