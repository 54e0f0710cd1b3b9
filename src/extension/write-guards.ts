// Prevention in the editor: a write with no precondition to a resource whose reads returned
// a version token gets the `unguarded-write` hint, and its quick fix adds the precondition
// the dialect wants (preferably a reference to the named read) as one undoable edit. The
// same fix answers a 428 Precondition Required from the panel.
import * as vscode from 'vscode';
import type { ConflictReport, VersionToken } from '../core/conflict/conflict-model';
import { resourceKey } from '../core/conflict/resource-url';
import type { UnguardedWrite } from '../core/conflict/unguarded-writes';
import { findUnguardedWrites, unguardedWriteCode } from '../core/conflict/unguarded-writes';
import type { ParsedRequest } from '../core/http-file/http-file-model';
import { createFileResolver } from '../core/run/create-file-resolver';
import type { RequestSession } from '../core/run/request-session';
import type { VariableSources } from '../core/variables/variable-model';
import { readConfig } from './config';
import type { Environments } from './environments';
import type { HttpDocuments } from './http-documents';
import { toVsRange } from './http-documents';
import type { TargetArgs } from './request-target';
import { resolveTarget } from './request-target';

export class WriteGuards implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(
    private readonly documents: HttpDocuments,
    private readonly environments: Environments,
    private readonly sessionFor: (uri: vscode.Uri) => RequestSession<ConflictReport>,
    private readonly knownTokens: ReadonlyMap<string, readonly VersionToken[]>,
  ) {}

  /** Writes that can overwrite unseen changes; `onlyKnown`: only where a read returned a token. */
  /** `sources`: the variable sources the caller already loaded, so env files are read once. */
  async findings(
    document: vscode.TextDocument,
    onlyKnown: boolean,
    sources?: Omit<VariableSources, 'requests'>,
  ): Promise<UnguardedWrite[]> {
    const file = this.documents.parse(document);
    sources ??= (await this.environments.sources(document)).sources;
    const resolver = createFileResolver(file, { ...sources, requests: this.sessionFor(document.uri).records });
    const tokensFor = (read: ParsedRequest) => {
      const resolved = resolver.resolveText(read.url);
      return resolved.unresolved.length ? undefined : this.knownTokens.get(resourceKey(resolved.text.trim()));
    };
    return findUnguardedWrites(file, {
      versionFields: readConfig(document.uri).versionFields,
      tokensFor,
      onlyWhenTokensKnown: onlyKnown,
      text: document.getText(),
    });
  }

  static toDiagnostic(finding: UnguardedWrite): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(
      toVsRange(finding.range),
      finding.message,
      vscode.DiagnosticSeverity.Warning,
    );
    diagnostic.code = unguardedWriteCode;
    diagnostic.source = 'HTTP';
    return diagnostic;
  }

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    if (!context.diagnostics.some((d) => d.code === unguardedWriteCode)) return [];
    const actions: vscode.CodeAction[] = [];
    for (const finding of await this.findings(document, false)) {
      const diagnostic = context.diagnostics.find(
        (d) => d.code === unguardedWriteCode && d.range.start.line === finding.range.start.line,
      );
      if (!diagnostic || !finding.fix) continue;
      const verb = finding.fix.description.startsWith('rename') ? 'Fix precondition' : 'Add precondition';
      const action = new vscode.CodeAction(`${verb}: ${finding.fix.description}`, vscode.CodeActionKind.QuickFix);
      action.edit = this.edit(document, finding);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }

  private edit(document: vscode.TextDocument, finding: UnguardedWrite): vscode.WorkspaceEdit {
    const edit = new vscode.WorkspaceEdit();
    for (const e of finding.fix?.edits ?? []) {
      edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
    }
    return edit;
  }

  /** `HTTP: Add Precondition to Write`: the write under the cursor, or the one a 428 named. */
  async addPrecondition(args: TargetArgs): Promise<boolean> {
    const target = await resolveTarget(this.documents, args);
    if (!target) return false;
    const finding = (await this.findings(target.document, false)).find((f) => f.write.index === target.request.index);
    if (!finding?.fix) {
      void vscode.window.showInformationMessage(
        'This request already carries a precondition, or there is no read of the same URL in the file to take the version from.',
      );
      return false;
    }
    return vscode.workspace.applyEdit(this.edit(target.document, finding));
  }
}
