// The editor side of a 409/412/428: keeps one entry per conflicting request, refetches the
// current version (a safe read) so the panel can show the version diff at once, and runs the
// quick fixes — rebase (one undoable edit), resend, resolve, compare, take theirs and
// overwrite (only after a confirmation that names what will be lost). While a request's
// conflict is open, every send of it (Send, Send All, Resend) passes one check: it goes out
// only with a body that holds the server's changes and the token of that version.
// Commands act on the request under the cursor, or on a conflict the user picks by name.
import * as vscode from 'vscode';
import { conflictOptions } from '../core/conflict/classify-conflict';
import type { ConflictReport, Dialect, Exchange, TokenLocation, TokenUpdate, VersionToken } from '../core/conflict/conflict-model';
import { findDialect } from '../core/conflict/dialects';
import { isSuccess, responseText } from '../core/conflict/exchange-body';
import type { RebaseResult } from '../core/conflict/rebase';
import { rebase } from '../core/conflict/rebase';
import { refetchCurrent } from '../core/conflict/resolve-conflict';
import { backoffDelay, defaultBackoff, sleepFor } from '../core/conflict/contended-resolve';
import type { Snapshot } from '../core/conflict/snapshot-store';
import { jsonBodyProblem } from '../core/conflict/json-text-edit';
import { planResend } from '../core/conflict/resend-plan';
import { placeTokens } from '../core/conflict/token-placement';
import { resourceKey } from '../core/conflict/resource-url';
import { writeBodyKind } from '../core/conflict/write-body-kind';
import type { ParsedHttpFile, ParsedRequest } from '../core/http-file/http-file-model';
import { mergeBodies, resolveConflicts } from '../core/merge/merge-bodies';
import type { Change, MergeConflict, MergeInput, Resolution } from '../core/merge/merge-model';
import { createFileResolver } from '../core/run/create-file-resolver';
import type { PreparedRequest } from '../core/run/prepare-request';
import type { RequestSession } from '../core/run/request-session';
import type { RequestRecord } from '../core/variables/variable-model';
import { headerValue } from '../core/send/send-model';
import type { ConflictStep } from '../protocol';
import { readConfig } from './config';
import { pickConflict } from './conflict-pick';
import { Disposable } from './lifecycle/disposable';
import { AdoptedVersions } from './adopted-versions';
import type { Environments } from './environments';
import type { HttpDocuments } from './http-documents';
import { toVsRange } from './http-documents';
import type { Log } from './log';
import { conflictSentence, conflictView, tokenText } from './panel-views';
import { addTokenEdits, replaceBody } from './request-edits';
import type { ConflictEvent, Outcome, RequestRunner } from './request-runner';
import type { RequestTarget, TargetArgs } from './request-target';
import { findRequestByKey, requestKey, requestLabel, resolveTarget } from './request-target';
import type { VersionDocuments } from './version-documents';

export interface ConflictEntry {
  readonly key: string;
  readonly uri: vscode.Uri;
  readonly report: ConflictReport;
  readonly dialect?: Dialect;
  /** The write that conflicted, as sent. */
  readonly exchange: Exchange;
  readonly session: RequestSession<ConflictReport>;
  readonly label?: string;
  outcome: Outcome & { kind: 'response' };
  step: ConflictStep;
  base?: Snapshot;
  current?: Exchange;
  refetchProblem?: string;
  rebase?: RebaseResult;
  readonly decisions: Map<string, 'ours' | 'theirs'>;
  /** The refetch started when the conflict arrived. */
  refetching?: Promise<boolean>;
  /** Conflicts as they were when the user decided them, so the panel keeps showing the choice. */
  readonly decided: Map<string, MergeConflict>;
  /** base → yours before any rebase wrote their changes into the document. */
  userChanges?: readonly Change[];
  /** The last rebase of a PATCH body written into the document (see `patchSource`). */
  patchRebase?: { readonly written: string; readonly wrote: string; readonly onto: Snapshot };
  /** The user took the current version into the editor: nothing to decide, still guarded. */
  tookTheirs?: boolean;
  /** The user confirmed Overwrite: a success then replaced the others' changes. */
  overwriting?: boolean;
  /** "Ready to resend" in the status bar, until the resend settles it. */
  readyMessage?: vscode.Disposable;
  /** A 428's request gained a precondition header since (Add Precondition or by hand): its name. */
  precondition?: string;
}

type Located = { entry: ConflictEntry; document: vscode.TextDocument; file: ParsedHttpFile; request: ParsedRequest };

/** A rebase computed from the document as it is now, placeholders resolved as after it. */
interface Rebased {
  readonly result: RebaseResult;
  /** The body to write: merged, body tokens placed, placeholders that name the current version kept. */
  readonly bodyText?: string;
  readonly resolve: (text: string) => string;
}

/** The refetched version as a snapshot: the base for a patch rebased onto it and edited since. */
function snapshotOf(current: Exchange): Snapshot {
  return { url: resourceKey(current.request.url), status: current.response.status, tokens: [], bodyText: responseText(current.response), time: new Date().toISOString() };
}

const preconditionHeaders: ReadonlySet<string> = new Set(['if-match', 'if-unmodified-since']);

const conflictMarker = /^(<{7}|>{7}|={7})(\s|$)/m;

export class ConflictController extends Disposable {
  /** In the order they arrived, the most recent last. */
  private readonly entries = new Map<string, ConflictEntry>();
  /** The conflict the panel shows: its buttons and decisions act on this one. */
  private shown: ConflictEntry | undefined;
  /** The request a Resend is sending, so a refusal says "Not resent". */
  private resending: string | undefined;
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('httpConflicts.conflicts'));
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly documents: HttpDocuments,
    private readonly environments: Environments,
    private readonly runner: RequestRunner,
    private readonly versions: VersionDocuments,
    private readonly log: Log,
  ) {
    super();
    this.register(runner.onDidConflict((event) => void this.onConflict(event)));
    this.register(runner.onDidSend(({ target, outcome }) => {
      // A later success of the same request settles its conflict, and the panel says how.
      if (outcome.kind !== 'response' || outcome.conflict || !isSuccess(outcome.response.status)) return;
      const entry = this.entries.get(requestKey(target.document.uri, target.request));
      if (!entry) return;
      const line = resolvedLine(entry);
      this.runner.show(outcome, entry.label, {}, [line]);
      void vscode.window.setStatusBarMessage(`$(check) ${line}`, 8000);
      this.forget(entry.key);
    }));
    runner.guardSends((target, prepared) => this.holdBack(target, prepared));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => {
      if (![...this.entries.values()].some((x) => x.uri.toString() === e.document.uri.toString())) return;
      this.refreshDiagnostics();
      this.notePreconditions(e.document);
    }));
  }

  /** The open conflict of a request (not one whose current version the user took). */
  entryFor(uri: vscode.Uri, request: ParsedRequest): ConflictEntry | undefined {
    const entry = this.entries.get(requestKey(uri, request));
    return entry?.tookTheirs ? undefined : entry;
  }

  private async onConflict({ target, outcome, session }: ConflictEvent): Promise<void> {
    const report = outcome.conflict!;
    const key = requestKey(target.document.uri, target.request);
    const entry: ConflictEntry = {
      key,
      uri: target.document.uri,
      report,
      dialect: findDialect(report.dialectId),
      exchange: { request: outcome.prepared.request, requestBodyText: outcome.prepared.bodyText, response: outcome.response },
      session,
      label: requestLabel(target.request),
      outcome,
      step: 'detected',
      decisions: new Map(),
      decided: new Map(),
    };
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.changedEntries();
    this.log.info(`Conflict: ${report.summary} [${report.dialectLabel}]`);
    this.showPanel(entry);
    // Reading the current version is safe and is what the conflict view needs to show
    // what changed, so it happens at once; nothing is written.
    if (report.kind !== 'not-a-version-conflict' && entry.dialect) {
      entry.refetching = this.refetch(entry);
      await entry.refetching;
    }
  }

  /**
   * A 428 is fixed by a precondition header: once the request carries one (Add Precondition,
   * its quick fix, or typed by hand), the view says so and offers Resend — every send is
   * still checked by `holdBack` — instead of keeping the hints of the request as it was.
   */
  private notePreconditions(document: vscode.TextDocument): void {
    let file: ParsedHttpFile | undefined;
    for (const entry of this.entries.values()) {
      if (entry.report.kind !== 'precondition-required' || entry.uri.toString() !== document.uri.toString()) continue;
      file ??= this.documents.parse(document);
      const request = findRequestByKey(file, entry.key);
      const header = request?.headers.find((h) => preconditionHeaders.has(h.name.toLowerCase()))?.name;
      if (header === entry.precondition) continue;
      entry.precondition = header;
      if (this.shown === entry) this.showPanel(entry);
    }
  }

  private forget(key: string): void {
    this.entries.get(key)?.readyMessage?.dispose();
    if (!this.entries.delete(key)) return;
    if (this.shown?.key === key) this.shown = undefined;
    this.changedEntries();
  }

  private changedEntries(): void {
    void vscode.commands.executeCommand('setContext', 'httpConflicts.hasConflict', this.entries.size > 0);
    this.refreshDiagnostics();
    this.changed.fire();
  }

  private refreshDiagnostics(): void {
    this.diagnostics.clear();
    const byUri = new Map<string, vscode.Diagnostic[]>();
    for (const entry of this.entries.values()) {
      if (entry.report.kind === 'not-a-version-conflict' || entry.tookTheirs) continue;
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry.uri.toString());
      if (!document) continue;
      const request = findRequestByKey(this.documents.parse(document), entry.key);
      if (!request) continue;
      const sentence = conflictSentence(entry.report, tokenText(entry.rebase?.currentToken?.value));
      const diagnostic = new vscode.Diagnostic(toVsRange(request.requestLineRange), `${entry.report.status} Conflict: ${sentence}`, vscode.DiagnosticSeverity.Error);
      diagnostic.code = 'conflict';
      diagnostic.source = 'HTTP Conflict Resolver';
      const list = byUri.get(entry.uri.toString()) ?? [];
      list.push(diagnostic);
      byUri.set(entry.uri.toString(), list);
    }
    for (const [uri, list] of byUri) this.diagnostics.set(vscode.Uri.parse(uri), list);
  }

  /**
   * The conflict a command acts on: the request a CodeLens, quick fix or the panel names;
   * else the one under the cursor; else one the user picks from a list that names request
   * and file. A picked conflict's file is shown before anything in it changes.
   */
  private async locate(args: TargetArgs, verb: string, reveal = true): Promise<Located | undefined> {
    const [uri, index] = args;
    const named = (typeof uri === 'string' || uri instanceof vscode.Uri) && typeof index === 'number';
    const target = await resolveTarget(this.documents, args);
    let entry = target && this.entries.get(requestKey(target.document.uri, target.request));
    const picked = !entry && !named;
    if (!entry) {
      if (named) {
        const what = target ? `"${requestLabel(target.request) ?? `${target.request.method} ${target.request.url}`}"` : 'that request';
        void vscode.window.showInformationMessage(`There is no conflict on ${what} to ${verb}.`);
        return undefined;
      }
      entry = await pickConflict([...this.entries.values()].reverse(), verb, target !== undefined);
      if (!entry) return undefined;
    }
    const document = await vscode.workspace.openTextDocument(entry.uri);
    const file = this.documents.parse(document);
    const request = findRequestByKey(file, entry.key);
    if (!request) {
      void vscode.window.showWarningMessage('The request that conflicted is no longer in the file.');
      return undefined;
    }
    const visible = vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === document.uri.toString());
    if (picked || (reveal && !visible)) {
      const line = request.requestLineRange.start.line;
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(line, 0, line, 0), preview: false });
    }
    return { entry, document, file, request };
  }

  private showPanel(entry: ConflictEntry): void {
    this.shown = entry;
    this.runner.show(entry.outcome, entry.label, {
      conflict: conflictView({
        report: entry.report,
        step: entry.step,
        hasBase: entry.base !== undefined,
        merge: entry.rebase?.merge,
        currentToken: entry.rebase?.currentToken !== undefined ? String(entry.rebase.currentToken.value) : undefined,
        decisions: entry.decisions,
        decided: [...entry.decided.values()],
        userChanges: entry.userChanges,
        refetchProblem: entry.refetchProblem,
        tookTheirs: entry.tookTheirs,
        precondition: entry.precondition,
      }),
    });
  }

  private async withProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return work(controller.signal);
    });
  }

  // ── Refetch ────────────────────────────────────────────────────────────────────────────
  async refetchCommand(args: TargetArgs): Promise<void> {
    const located = await this.locate(args, 'refetch', false);
    if (located) await this.refetch(located.entry);
  }

  private async refetch(entry: ConflictEntry): Promise<boolean> {
    if (!entry.dialect) {
      void vscode.window.showWarningMessage('No known dialect explains this conflict, so there is no current version to fetch.');
      return false;
    }
    const dialect = entry.dialect;
    const options = await this.runner.sendOptions(entry.uri);
    const fetched = await this.withProgress('Refetching the current version…', (signal) =>
      refetchCurrent({
        exchange: entry.exchange,
        report: entry.report,
        dialect,
        snapshots: this.runner.snapshots,
        send: (request, s) => this.runner.sendLogged(request, { ...options, signal: s ?? signal }),
        signal,
        classify: { versionFields: readConfig(entry.uri).versionFields, serverManagedFields: readConfig(entry.uri).serverManagedFields },
      }),
    );
    if (fetched.problem || !fetched.step.exchange) {
      entry.refetchProblem = `Refetching the current version failed: ${fetched.problem}.`;
      this.showPanel(entry);
      return false;
    }
    entry.refetchProblem = undefined;
    entry.base = fetched.base ?? entry.base;
    entry.current = fetched.step.exchange;
    // Request variables keep naming the version the user's body was written against: only
    // a rebase (or taking the current version) points this request at the new one.
    // A new current version makes any earlier rebase stale: it must be merged again.
    entry.step = 'refetched';
    await this.preview(entry);
    this.showPanel(entry);
    // The diagnostic can now name the current version instead of asking for a refetch.
    this.refreshDiagnostics();
    return true;
  }

  /** The named reads of the conflicting resource, answered by the current version. */
  private currentReads(entry: ConflictEntry): { urls: string[]; response: NonNullable<RequestRecord['response']> } | undefined {
    const current = entry.current;
    if (!current) return undefined;
    return {
      urls: [entry.exchange.request.url, current.request.url],
      response: { status: current.response.status, headers: current.response.headers, body: responseText(current.response) },
    };
  }

  /** What the request's variables resolve to once it is rebased: its reads at the current version. */
  private recordsAfterRebase(entry: ConflictEntry, request: ParsedRequest): ReadonlyMap<string, RequestRecord> {
    const records = this.runner.recordsFor(entry.uri, request);
    const reads = this.currentReads(entry);
    if (!reads) return records;
    const out = new Map(records);
    for (const [name, record] of AdoptedVersions.readsOf(entry.session.records, reads.urls, reads.response)) out.set(name, record);
    return out;
  }

  /** From now on this request's variables name the current version (its body holds it). */
  private adoptCurrent(entry: ConflictEntry, request: ParsedRequest): void {
    const reads = this.currentReads(entry);
    if (reads) this.runner.adoptReads(entry.uri, request, reads.urls, reads.response);
  }

  /**
   * What to rebase, and from which version. A rebased JSON Patch holds the indices of the
   * version it was rebased onto: rebasing that text again from the original base would
   * shift them twice. So the rebase's own output is rebased again from what the user had
   * written, and a patch the user edited after a rebase from the version it was rebased onto.
   */
  private patchSource(entry: ConflictEntry, bodyText: string): { userBodyText: string; base?: Snapshot } {
    const last = entry.patchRebase;
    if (!last || bodyText === last.written || bodyText === last.wrote) return { userBodyText: last?.written ?? bodyText, base: entry.base };
    return { userBodyText: bodyText, base: last.onto };
  }

  private async rebaseNow(entry: ConflictEntry, document: vscode.TextDocument, file: ParsedHttpFile, request: ParsedRequest): Promise<Rebased | undefined> {
    if (!entry.current || !entry.dialect) return undefined;
    const { sources } = await this.environments.sources(document);
    const resolver = createFileResolver(file, { ...sources, requests: this.recordsAfterRebase(entry, request) });
    const resolve = (text: string) => resolver.resolveText(text).text;
    const decisions = new Map<string, Resolution>([...entry.decisions].map(([id, kind]) => [id, { kind }]));
    const merge = (input: MergeInput) => (decisions.size ? resolveConflicts(input, decisions) : mergeBodies(input));
    const config = readConfig(entry.uri);
    const source = this.patchSource(entry, request.body?.text ?? '');
    let result: RebaseResult;
    try {
      result = rebase({
        report: entry.report,
        dialect: entry.dialect,
        exchange: entry.exchange,
        base: source.base,
        userBodyText: source.userBodyText,
        current: entry.current,
        merge,
        resolvePlaceholders: resolve,
        options: conflictOptions({ versionFields: config.versionFields, serverManagedFields: config.serverManagedFields }),
      });
    } catch (error) {
      this.log.warn(`The merge failed: ${(error as Error).message}`);
      return undefined;
    }
    if (!request.body) return { result, resolve };
    const bodyUpdates = result.tokenUpdates.filter((u) => u.location.kind === 'body');
    const bodyText = placeTokens(entry.exchange.request, result.merge.merged, bodyUpdates, { resolvePlaceholders: resolve }).bodyText ?? result.merge.merged;
    return { result, bodyText, resolve };
  }

  private async preview(entry: ConflictEntry): Promise<void> {
    const document = await vscode.workspace.openTextDocument(entry.uri);
    const file = this.documents.parse(document);
    const request = findRequestByKey(file, entry.key);
    if (request) entry.rebase = (await this.rebaseNow(entry, document, file, request))?.result;
    // Before a rebase the document holds only the user's edit: remember what it changed.
    if (entry.step !== 'rebased' && entry.rebase) entry.userChanges = entry.rebase.merge.oursChanges;
  }

  // ── Rebase ─────────────────────────────────────────────────────────────────────────────
  async rebaseCommand(args: TargetArgs): Promise<boolean> {
    const located = await this.locate(args, 'rebase');
    if (!located) return false;
    const { entry } = located;
    if (entry.report.kind === 'not-a-version-conflict') {
      void vscode.window.showInformationMessage(`Nothing to rebase: ${entry.report.summary}`);
      return false;
    }
    if (!entry.current && !(await this.refetch(entry))) return false;
    return this.applyRebase(entry);
  }

  private async applyRebase(entry: ConflictEntry): Promise<boolean> {
    // Merge again from the document as it is *now*: the user may have edited since the conflict.
    const document = await vscode.workspace.openTextDocument(entry.uri);
    const file = this.documents.parse(document);
    const request = findRequestByKey(file, entry.key);
    if (!request) return false;
    const rebased = await this.rebaseNow(entry, document, file, request);
    if (!rebased) return false;
    const { result, bodyText } = rebased;
    // The last word before the user's file changes: a JSON body stays JSON.
    const broken = bodyText !== undefined && result.merge.kind === 'json' ? jsonBodyProblem(bodyText) : undefined;
    if (broken) {
      this.log.warn(`Rebase refused: the merged body would not parse (${broken}).`);
      void vscode.window.showErrorMessage(`Not rebased: the merged body would not parse as JSON (${broken}). Your file was left as it was; Compare Versions shows both sides.`);
      return false;
    }
    entry.rebase = result;
    const edit = new vscode.WorkspaceEdit();
    if (bodyText !== undefined && bodyText !== request.body?.text) replaceBody(edit, document, request, bodyText);
    addTokenEdits(edit, document, request, result.tokenUpdates.filter((u) => u.location.kind !== 'body'), rebased.resolve);
    if (edit.size > 0 && !(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage('The rebase could not be written into the document (it changed meanwhile). Try again.');
      return false;
    }
    this.adoptCurrent(entry, request);
    if ((result.bodyKind === 'json-patch' || result.bodyKind === 'merge-patch') && entry.current) {
      const written = this.patchSource(entry, request.body?.text ?? '').userBodyText;
      entry.patchRebase = { written, wrote: bodyText ?? request.body?.text ?? '', onto: snapshotOf(entry.current) };
    }
    entry.step = 'rebased';
    this.showPanel(entry);
    const open = request.body ? result.merge.conflicts.filter((c) => !entry.decisions.has(c.id)) : [];
    if (open.length) {
      const words = result.merge.kind === 'text' ? 'Resolve the conflict markers in the body' : 'Decide them in the panel (Keep mine / Take theirs)';
      void vscode.window.showWarningMessage(`Rebased with ${open.length} conflict(s) left. ${words}; Resend stays off until then.`);
    } else {
      entry.readyMessage?.dispose();
      entry.readyMessage = vscode.window.setStatusBarMessage('$(git-merge) Rebased onto the current version — ready to resend', 5000);
    }
    return true;
  }

  // ── Resend ─────────────────────────────────────────────────────────────────────────────
  /** Sends the conflict's request; the send guard decides whether it may go. */
  async resendCommand(args: TargetArgs): Promise<Outcome | undefined> {
    const located = await this.locate(args, 'resend');
    if (!located) return undefined;
    this.resending = located.entry.key;
    try {
      return await this.runner.sendTarget({ document: located.document, file: located.file, request: located.request });
    } finally {
      this.resending = undefined;
    }
  }

  /**
   * The one check before a request with an open conflict goes out, whichever command sends
   * it: held back (true) unless its body already holds everything a rebase would put there
   * and it carries the current version's token. Tells the user why and offers the way on.
   */
  private async holdBack(target: RequestTarget, prepared: PreparedRequest): Promise<boolean> {
    const entry = this.entries.get(requestKey(target.document.uri, target.request));
    // Without a dialect there is no version to merge onto or to check: the request goes as written.
    if (!entry || entry.report.kind === 'not-a-version-conflict' || !entry.dialect) return false;
    await entry.refetching;
    const problem = await this.unmergedProblem(entry, target, prepared);
    if (!problem) return false;
    this.log.info(`Not sent (open ${entry.report.status} conflict): ${problem}`);
    this.showPanel(entry);
    const args: TargetArgs = [target.document.uri, target.request.index];
    const rebaseFirst = 'Rebase';
    const overwrite = 'Overwrite…';
    void vscode.window
      .showWarningMessage(`${this.resending === entry.key ? 'Not resent' : 'Not sent'}: this request has an unresolved ${entry.report.status} conflict — ${problem}`, rebaseFirst, overwrite)
      .then(async (answer) => {
        if (answer === rebaseFirst) await this.rebaseCommand(args);
        else if (answer === overwrite) await this.overwriteCommand(args);
      });
    return true;
  }

  private async unmergedProblem(entry: ConflictEntry, target: RequestTarget, prepared: PreparedRequest): Promise<string | undefined> {
    if (!entry.current) {
      // Unknown current version (the refetch failed): only a send the server will judge by
      // the very token it refused can go; it overwrites nothing.
      if (carriesRefusedTokens(prepared, entry.report.staleTokens)) return undefined;
      return 'the current version could not be read, so nothing shows that your body holds the server\'s changes. Refetch it, then Rebase.';
    }
    const { document, file, request } = target;
    if (!request.body) {
      // Nothing merges into a request without a body; Rebase gives it the current token.
      if (entry.step !== 'rebased' || !entry.rebase) return 'Rebase first: it takes the current version token.';
      return staleTokenProblem(prepared, entry.rebase.tokenUpdates);
    }
    const rebased = await this.rebaseNow(entry, document, file, request);
    if (!rebased) return 'the merge onto the current version failed; Compare Versions shows both sides.';
    const open = rebased.result.merge.conflicts.filter((c) => !entry.decisions.has(c.id));
    if (open.length) return `${open.length} conflict(s) still need a decision (${open[0].description}). Decide them in the panel, then Rebase.`;
    if (conflictMarker.test(request.body.text)) return 'the body still holds conflict markers (<<<<<<< / >>>>>>>).';
    if (rebased.bodyText !== request.body.text) {
      const theirs = rebased.result.merge.theirsChanges.map((c) => c.at);
      const named = theirs.length ? ` (${theirs.slice(0, 3).join(', ')}${theirs.length > 3 ? ', …' : ''})` : '';
      return `your body does not hold the server's changes since your version${named}. Rebase first (one undoable edit), or Overwrite to replace them.`;
    }
    const plan = planResend({ request: entry.exchange.request, rebase: rebased.result, resolvePlaceholders: rebased.resolve });
    if (!plan.ok) return plan.message;
    return staleTokenProblem(prepared, rebased.result.tokenUpdates);
  }

  // ── Resolve ────────────────────────────────────────────────────────────────────────────
  /**
   * Refetch, rebase and resend while the merge is clean. When the resource changes again
   * between the refetch and the resend (another writer is busy), it goes again — at most
   * `rounds` times, with growing, jittered pauses — and stops at the first real conflict.
   * Every resend carries the precondition, so nothing is ever overwritten unseen.
   */
  async resolveCommand(args: TargetArgs, rounds = 3): Promise<void> {
    const located = await this.locate(args, 'resolve');
    if (!located) return;
    let entry = located.entry;
    if (entry.report.kind === 'not-a-version-conflict') {
      void vscode.window.showInformationMessage(`This is not a version conflict: ${entry.report.summary}`);
      return;
    }
    const controller = new AbortController();
    for (let round = 1; round <= rounds && !controller.signal.aborted; round++) {
      if (round > 1) {
        await entry.refetching;
        const pause = backoffDelay(round, defaultBackoff, Math.random);
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `The resource changed again — round ${round} of ${rounds} in ${pause} ms…`, cancellable: true }, (_p, token) => {
          token.onCancellationRequested(() => controller.abort());
          return sleepFor(pause, controller.signal);
        });
        if (controller.signal.aborted) return;
      }
      if (!(await this.refetch(entry))) return;
      const open = entry.rebase?.merge.conflicts.filter((c) => !entry.decisions.has(c.id)) ?? [];
      if (open.length) {
        void vscode.window.showWarningMessage(`The merge has ${open.length} conflict(s): decide them in the panel (Keep mine / Take theirs), then Rebase and Resend.`);
        return;
      }
      if (!(await this.applyRebase(entry))) return;
      const document = await vscode.workspace.openTextDocument(entry.uri);
      const file = this.documents.parse(document);
      const request = findRequestByKey(file, entry.key);
      if (!request || this.entries.get(entry.key) !== entry) return;
      const outcome = await this.runner.sendTarget({ document, file, request });
      const next = this.entries.get(entry.key);
      if (!outcome || outcome.kind !== 'response' || !outcome.conflict || !next || next === entry) return;
      entry = next;
    }
    if (!controller.signal.aborted) {
      void vscode.window.showWarningMessage(`The resource changed again in each of ${rounds} rounds; gave up. Every attempt carried its precondition, so nothing was overwritten.`);
    }
  }

  // ── Decisions from the panel ───────────────────────────────────────────────────────────
  /** A Keep mine / Take theirs from the panel: for the conflict the panel shows. */
  async decide(conflictId: string, choice: 'ours' | 'theirs'): Promise<void> {
    const entry = this.shown;
    if (!entry || !this.entries.has(entry.key)) return;
    if (!entry.rebase?.merge.conflicts.some((c) => c.id === conflictId) && !entry?.decisions.has(conflictId)) return;
    const conflict = entry.rebase?.merge.conflicts.find((c) => c.id === conflictId);
    if (conflict) entry.decided.set(conflictId, conflict);
    entry.decisions.set(conflictId, choice);
    if (entry.step === 'rebased') await this.applyRebase(entry);
    else {
      await this.preview(entry);
      this.showPanel(entry);
    }
  }

  // ── Compare ────────────────────────────────────────────────────────────────────────────
  async compareCommand(args: TargetArgs): Promise<void> {
    const located = await this.locate(args, 'compare', false);
    if (!located) return;
    const { entry, request } = located;
    if (!entry.current && !(await this.refetch(entry))) return;
    const ext = /json/i.test(headerValue(entry.current!.response.headers, 'content-type') ?? '') ? 'json' : 'txt';
    const pretty = (text: string) => {
      if (ext !== 'json') return text;
      try {
        return JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        return text;
      }
    };
    const key = entry.key;
    const current = this.versions.put(key, `current.${ext}`, pretty(entry.dialect?.documentText?.(responseText(entry.current!.response)) ?? responseText(entry.current!.response)));
    const yours = this.versions.put(key, `yours.${ext}`, request.body?.text ?? '');
    const items = [{ label: 'Current on server ↔ Yours', left: current, right: yours }];
    if (entry.base) {
      const base = this.versions.put(key, `base.${ext}`, pretty(entry.dialect?.documentText?.(entry.base.bodyText) ?? entry.base.bodyText));
      items.push({ label: 'Base ↔ Current on server (what others changed)', left: base, right: current }, { label: 'Base ↔ Yours (what you changed)', left: base, right: yours });
    }
    const picked = items.length > 1 && args.length === 0 ? await vscode.window.showQuickPick(items, { title: 'HTTP: Compare Versions' }) : items[0];
    if (picked) await vscode.commands.executeCommand('vscode.diff', picked.left, picked.right, `${entry.label ?? 'Request'}: ${picked.label}`);
  }

  // ── Take theirs ────────────────────────────────────────────────────────────────────────
  async takeTheirsCommand(args: TargetArgs): Promise<void> {
    const located = await this.locate(args, 'take the current version for');
    if (!located) return;
    const { entry, document, file, request } = located;
    if (!entry.current && !(await this.refetch(entry))) return;
    const theirs = entry.dialect?.documentText?.(responseText(entry.current!.response)) ?? responseText(entry.current!.response);
    let text = theirs;
    try {
      text = JSON.stringify(JSON.parse(theirs), null, 2);
    } catch {
      /* not JSON: kept as the server sent it */
    }
    // A patch that takes the current version changes nothing: it is empty, not the document.
    const kind = writeBodyKind(entry.exchange.request, request.body?.text);
    if (kind === 'merge-patch') text = '{}';
    else if (kind === 'json-patch') text = '[]';
    const rebased = await this.rebaseNow(entry, document, file, request);
    const updates = rebased?.result.tokenUpdates ?? entry.rebase?.tokenUpdates ?? [];
    const resolve = rebased?.resolve;
    const bodyText = placeTokens(entry.exchange.request, text, updates.filter((u) => u.location.kind === 'body'), { resolvePlaceholders: resolve }).bodyText ?? text;
    const edit = new vscode.WorkspaceEdit();
    replaceBody(edit, document, request, bodyText);
    addTokenEdits(edit, document, request, updates.filter((u) => u.location.kind !== 'body'), resolve);
    if (!(await vscode.workspace.applyEdit(edit))) return;
    // The body is the current version now, so its variables name it. The conflict stays
    // registered (quietly) so that Undo followed by Send is held back like any unmerged body.
    this.adoptCurrent(entry, request);
    entry.tookTheirs = true;
    entry.step = 'rebased';
    this.changedEntries();
    this.showPanel(entry);
    void vscode.window.showInformationMessage('Your changes were replaced by the current version in the editor (Undo brings them back). Nothing was sent.');
  }

  // ── Overwrite ──────────────────────────────────────────────────────────────────────────
  async overwriteCommand(args: TargetArgs): Promise<void> {
    const located = await this.locate(args, 'overwrite');
    if (!located) return;
    const { entry, document, file, request } = located;
    if (!entry.current && !(await this.refetch(entry))) return;
    const lost = entry.rebase?.merge.theirsChanges ?? [];
    const described = lost.length
      ? lost.slice(0, 8).map((c) => `• ${c.at}: ${c.kind}${c.after !== undefined ? ` ${c.after}` : ''}`).join('\n') + (lost.length > 8 ? `\n… and ${lost.length - 8} more` : '')
      : entry.base ? 'No field changes were detected, but the server version moved on.' : 'Without a base snapshot the other changes cannot be listed: everything on the server that differs from your body will be replaced.';
    // The first button is the dialog's default (Enter): the safe way, never the destructive one.
    const rebaseInstead = 'Rebase Instead';
    const overwrite = 'Overwrite';
    const answer = await vscode.window.showWarningMessage(
      `Overwrite the current version of ${entry.exchange.request.url}?`,
      { modal: true, detail: `These changes by others will be lost:\n${described}` },
      rebaseInstead,
      overwrite,
    );
    if (answer === rebaseInstead) {
      await this.rebaseCommand([entry.uri, request.index]);
      return;
    }
    if (answer !== overwrite) return;
    const { sources } = await this.environments.sources(document);
    const target = { document, file, request };
    const prepared = await this.runner.prepare(target, sources);
    if (!prepared.ok || !entry.rebase) {
      void vscode.window.showErrorMessage(`Not sent: ${prepared.ok ? 'the current version token is unknown' : prepared.problems[0]}`);
      return;
    }
    const placed = placeTokens(prepared.prepared.request, prepared.prepared.bodyText, entry.rebase.tokenUpdates);
    const body = placed.bodyText !== undefined ? { kind: 'text' as const, text: placed.bodyText } : placed.request.body;
    entry.overwriting = true;
    await this.runner.sendConfirmed(target, { ...prepared.prepared, request: { ...placed.request, body }, bodyText: placed.bodyText });
  }

  /** `[uri, index]` of the request of the conflict the panel shows, as it stands now. */
  async shownArgs(): Promise<TargetArgs> {
    const entry = this.shown;
    if (!entry || !this.entries.has(entry.key)) return [];
    const document = await vscode.workspace.openTextDocument(entry.uri);
    const request = findRequestByKey(this.documents.parse(document), entry.key);
    return request ? [entry.uri, request.index] : [];
  }
}

/** The line that closes the loop once the request that conflicted went through. */
function resolvedLine(entry: ConflictEntry): string {
  const theirs = entry.rebase?.merge.theirsChanges.length ?? 0;
  const changes = `${theirs} change${theirs === 1 ? '' : 's'}`;
  if (entry.overwriting) return `Overwritten as you confirmed: ${theirs ? `${changes} from the server were replaced` : 'the server version was replaced'}.`;
  if (entry.tookTheirs) return 'Resolved: your request went out on the current version you took.';
  const decided = entry.decisions.size ? `, ${entry.decisions.size} decided by you` : '';
  return theirs ? `Resolved: merged ${changes} from the server${decided}.` : `Resolved: sent on the current version${decided}.`;
}

/** The token value the prepared request carries at a location, as sent. */
function tokenIn(prepared: PreparedRequest, location: TokenLocation): string | undefined {
  if (location.kind === 'header') return headerValue(prepared.request.headers, location.name);
  try {
    if (location.kind === 'query') return new URL(prepared.request.url).searchParams.get(location.name) ?? undefined;
    let value: unknown = JSON.parse(prepared.bodyText ?? '');
    for (const part of location.path) value = (value as Record<string | number, unknown>)?.[part];
    return value === undefined ? undefined : String(value);
  } catch {
    return undefined;
  }
}

/** The prepared request must carry every fresh token, or the resend would be stale again. */
export function staleTokenProblem(prepared: PreparedRequest, updates: readonly TokenUpdate[]): string | undefined {
  for (const update of updates) {
    if (update.remove) continue;
    const want = String(update.value);
    const have = tokenIn(prepared, update.location);
    if (have?.trim() !== want.trim()) {
      return `The request carries ${have === undefined ? 'no version' : `version ${have}`} where the current one is ${want}. Rebase again to take the current version.`;
    }
  }
  return undefined;
}

/** Still the very tokens the server refused: sending again cannot overwrite, only fail again. */
function carriesRefusedTokens(prepared: PreparedRequest, stale: readonly VersionToken[]): boolean {
  return stale.length > 0 && stale.every((token) => tokenIn(prepared, token.location)?.trim() === String(token.value).trim());
}
