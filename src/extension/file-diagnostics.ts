// Problems shown before anything is sent: parse errors from the parser, unresolved
// variables (named after what is missing), and broken environment files.
import * as vscode from 'vscode';
import type { ConflictReport } from '../core/conflict/conflict-model';
import { createFileResolver } from '../core/run/create-file-resolver';
import type { RequestSession } from '../core/run/request-session';
import type { Diagnostic } from '../core/text-range';
import { LineIndex } from '../core/text-range';
import { unresolvedToDiagnostics } from '../core/variables/unresolved-diagnostics';
import type { VariableSources } from '../core/variables/variable-model';
import { Disposable } from './lifecycle/disposable';
import type { Environments } from './environments';
import type { HttpDocuments } from './http-documents';
import { toVsRange } from './http-documents';

const severities: Record<Diagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toVsDiagnostic(d: Diagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVsRange(d.range), d.message, severities[d.severity]);
  diagnostic.code = d.code;
  diagnostic.source = 'HTTP';
  return diagnostic;
}

export class FileDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('httpConflicts.file'));
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly documents: HttpDocuments,
    private readonly environments: Environments,
    private readonly sessionFor: (uri: vscode.Uri) => RequestSession<ConflictReport>,
    private readonly extra: (
      document: vscode.TextDocument,
      sources: Omit<VariableSources, 'requests'>,
    ) => Promise<vscode.Diagnostic[]>,
  ) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, 300)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)));
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('httpConflicts') && this.refreshAll()),
    );
    this.register({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
    this.refreshAll();
  }

  refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  schedule(document: vscode.TextDocument, delayMs: number): void {
    if (document.languageId !== 'http') return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.update(document);
      }, delayMs),
    );
  }

  private async update(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const version = document.version;
    const file = this.documents.parse(document);
    const { sources, problems } = await this.environments.sources(document);
    if (document.isClosed || document.version !== version) return;
    const resolver = createFileResolver(file, { ...sources, requests: this.sessionFor(document.uri).records });
    const text = document.getText();
    const index = new LineIndex(text);
    const found: Diagnostic[] = [...file.diagnostics];
    const check = (start: number, end: number) => {
      const slice = text.slice(start, end);
      if (slice.includes('{{'))
        found.push(...unresolvedToDiagnostics(resolver.resolveText(slice).unresolved, start, index));
    };
    for (const request of file.requests) {
      check(request.requestLineRange.start.offset, request.requestLineRange.end.offset);
      for (const header of request.headers) check(header.range.start.offset, header.range.end.offset);
      for (const part of request.body?.parts ?? [])
        if (part.kind === 'text') check(part.range.start.offset, part.range.end.offset);
    }
    const diagnostics = [...found.map(toVsDiagnostic), ...(await this.extra(document, sources))];
    if (document.isClosed || document.version !== version) return;
    for (const p of problems) {
      const d = new vscode.Diagnostic(
        new vscode.Range(0, 0, 0, 0),
        `Environment: ${p.message}`,
        vscode.DiagnosticSeverity.Warning,
      );
      d.code = 'environment';
      d.source = 'HTTP';
      diagnostics.push(d);
    }
    this.collection.set(document.uri, diagnostics);
  }
}
