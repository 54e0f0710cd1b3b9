// The open conflicts of the editor: one entry per conflicting request (its core workflow plus
// what the editor needs around it), their diagnostics on the request line, the conflict the
// panel shows, and how a command finds the conflict it acts on. Every conflict view carries
// a key naming its entry, so a message from the panel acts on that conflict or on none.
import * as vscode from 'vscode';
import type { ConflictReport, Exchange } from '../core/conflict/conflict-model';
import type { ConflictWorkflow } from '../core/conflict/conflict-workflow';
import { preconditionHeader } from '../core/conflict/write-precondition';
import type { ParsedHttpFile, ParsedRequest } from '../core/http-file/http-file-model';
import type { RequestSession } from '../core/run/request-session';
import { pickConflict } from './conflict-pick';
import { Disposable } from './lifecycle/disposable';
import type { HttpDocuments } from './http-documents';
import { toVsRange } from './http-documents';
import { conflictSentence, conflictView, tokenText } from './panel-views';
import type { Outcome, RequestRunner } from './request-runner';
import type { TargetArgs } from './request-target';
import { findRequestByKey, requestKey, requestLabel, resolveTarget } from './request-target';

export interface ConflictEntry {
  /** The request's key (`requestKey`): one open conflict per request. */
  readonly key: string;
  /** This conflict's key in the panel: a new one for every conflict, never reused. */
  readonly viewKey: string;
  readonly uri: vscode.Uri;
  readonly flow: ConflictWorkflow;
  readonly report: ConflictReport;
  /** The write that conflicted, as sent. */
  readonly exchange: Exchange;
  readonly session: RequestSession<ConflictReport>;
  readonly label?: string;
  outcome: Outcome & { kind: 'response' };
  /** The refetch started when the conflict arrived. */
  refetching?: Promise<boolean>;
  /** "Ready to resend" in the status bar, until the resend settles it. */
  readyMessage?: vscode.Disposable;
  /** A 428's request gained a precondition header since (Add Precondition or by hand): its name. */
  precondition?: string;
}

export interface Located {
  readonly entry: ConflictEntry;
  readonly document: vscode.TextDocument;
  readonly file: ParsedHttpFile;
  readonly request: ParsedRequest;
}

let nextViewKey = 1;

export function newViewKey(): string {
  return `conflict-${Date.now().toString(36)}-${nextViewKey++}`;
}

export class ConflictRegistry extends Disposable {
  /** In the order they arrived, the most recent last. */
  private readonly entries = new Map<string, ConflictEntry>();
  /** The conflict the panel shows. */
  private shown: ConflictEntry | undefined;
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('httpConflicts.conflicts'));
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly documents: HttpDocuments,
    private readonly runner: RequestRunner,
  ) {
    super();
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (![...this.entries.values()].some((x) => x.uri.toString() === e.document.uri.toString())) return;
        this.refreshDiagnostics();
        this.notePreconditions(e.document);
      }),
    );
  }

  /**
   * A 428 is fixed by a precondition header: once the request carries one (Add Precondition,
   * its quick fix, or typed by hand), the view says so and offers Resend — every send is
   * still checked by the resend guard — instead of keeping the hints of the request as it was.
   */
  private notePreconditions(document: vscode.TextDocument): void {
    let file: ParsedHttpFile | undefined;
    for (const entry of this.entries.values()) {
      if (entry.report.kind !== 'precondition-required' || entry.uri.toString() !== document.uri.toString()) continue;
      file ??= this.documents.parse(document);
      const request = findRequestByKey(file, entry.key);
      const header = request && preconditionHeader(request.headers);
      if (header === entry.precondition) continue;
      entry.precondition = header;
      if (this.shown === entry) this.showPanel(entry);
    }
  }

  get(key: string): ConflictEntry | undefined {
    return this.entries.get(key);
  }

  /** The entry a panel message names by its view key, if that conflict is still open. */
  byViewKey(viewKey: string | undefined): ConflictEntry | undefined {
    if (viewKey === undefined) return undefined;
    return [...this.entries.values()].find((e) => e.viewKey === viewKey);
  }

  isOpen(entry: ConflictEntry): boolean {
    return this.entries.get(entry.key) === entry;
  }

  add(entry: ConflictEntry): void {
    this.entries.delete(entry.key);
    this.entries.set(entry.key, entry);
    this.changedEntries();
  }

  forget(key: string): void {
    this.entries.get(key)?.readyMessage?.dispose();
    if (!this.entries.delete(key)) return;
    if (this.shown?.key === key) this.shown = undefined;
    this.changedEntries();
  }

  changedEntries(): void {
    void vscode.commands.executeCommand('setContext', 'httpConflicts.hasConflict', this.entries.size > 0);
    this.refreshDiagnostics();
    this.changed.fire();
  }

  refreshDiagnostics(): void {
    this.diagnostics.clear();
    const byUri = new Map<string, vscode.Diagnostic[]>();
    for (const entry of this.entries.values()) {
      if (entry.report.kind === 'not-a-version-conflict' || entry.flow.tookTheirs) continue;
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry.uri.toString());
      if (!document) continue;
      const request = findRequestByKey(this.documents.parse(document), entry.key);
      if (!request) continue;
      const sentence = conflictSentence(entry.report, tokenText(entry.flow.rebase?.currentToken?.value));
      const diagnostic = new vscode.Diagnostic(
        toVsRange(request.requestLineRange),
        `${entry.report.status} Conflict: ${sentence}`,
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.code = 'conflict';
      diagnostic.source = 'HTTP Conflict Resolver';
      const list = byUri.get(entry.uri.toString()) ?? [];
      list.push(diagnostic);
      byUri.set(entry.uri.toString(), list);
    }
    for (const [uri, list] of byUri) this.diagnostics.set(vscode.Uri.parse(uri), list);
  }

  /** The panel shows this conflict: its view, with its key, over the response that conflicted. */
  showPanel(entry: ConflictEntry): void {
    this.shown = entry;
    const flow = entry.flow;
    this.runner.show(entry.outcome, entry.label, {
      conflict: {
        key: entry.viewKey,
        ...conflictView({
          report: entry.report,
          step: flow.step,
          hasBase: flow.base !== undefined,
          merge: flow.rebase?.merge,
          currentToken: flow.rebase?.currentToken !== undefined ? String(flow.rebase.currentToken.value) : undefined,
          decisions: flow.decisions,
          decided: [...flow.decided.values()],
          userChanges: flow.userChanges,
          refetchProblem: flow.refetchProblem,
          tookTheirs: flow.tookTheirs,
          precondition: entry.precondition,
          landed: flow.landed,
        }),
      },
    });
  }

  /** The open conflict of a request (not one whose current version the user took). */
  entryFor(uri: vscode.Uri, request: ParsedRequest): ConflictEntry | undefined {
    const entry = this.entries.get(requestKey(uri, request));
    return entry?.flow.tookTheirs ? undefined : entry;
  }

  /** The request of an entry as the document reads now. */
  async request(entry: ConflictEntry): Promise<Omit<Located, 'entry'> | undefined> {
    const document = await vscode.workspace.openTextDocument(entry.uri);
    const file = this.documents.parse(document);
    const request = findRequestByKey(file, entry.key);
    return request && { document, file, request };
  }

  /** `[uri, index]` of an entry's request as it stands now ([] when it is gone). */
  async argsOf(entry: ConflictEntry | undefined): Promise<TargetArgs> {
    if (!entry || !this.isOpen(entry)) return [];
    const found = await this.request(entry);
    return found ? [entry.uri, found.request.index] : [];
  }

  /** `[uri, index]` of the request of the conflict the panel shows. */
  shownArgs(): Promise<TargetArgs> {
    return this.argsOf(this.shown);
  }

  /**
   * The conflict a command acts on: the request a CodeLens, quick fix or the panel names;
   * else the one under the cursor; else one the user picks from a list that names request
   * and file. A picked conflict's file is shown before anything in it changes.
   */
  async locate(args: TargetArgs, verb: string, reveal = true): Promise<Located | undefined> {
    const [uri, index] = args;
    const named = (typeof uri === 'string' || uri instanceof vscode.Uri) && typeof index === 'number';
    const target = await resolveTarget(this.documents, args);
    let entry = target && this.entries.get(requestKey(target.document.uri, target.request));
    const picked = !entry && !named;
    if (!entry) {
      if (named) {
        const what = target
          ? `"${requestLabel(target.request) ?? `${target.request.method} ${target.request.url}`}"`
          : 'that request';
        void vscode.window.showInformationMessage(`There is no conflict on ${what} to ${verb}.`);
        return undefined;
      }
      entry = await pickConflict([...this.entries.values()].reverse(), verb, target !== undefined);
      if (!entry) return undefined;
    }
    const found = await this.request(entry);
    if (!found) {
      void vscode.window.showWarningMessage('The request that conflicted is no longer in the file.');
      return undefined;
    }
    const { document, request } = found;
    const visible = vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === document.uri.toString());
    if (picked || (reveal && !visible)) {
      const line = request.requestLineRange.start.line;
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(line, 0, line, 0), preview: false });
    }
    return { entry, ...found };
  }
}
