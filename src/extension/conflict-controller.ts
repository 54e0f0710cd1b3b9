// The editor side of a 409/412/428: keeps one entry per conflicting request, refetches the
// current version (a safe read) so the panel can show the version diff at once, and runs the
// quick fixes — rebase (one undoable edit), resend (refused while conflicts remain or the
// token is stale), resolve, compare, take theirs and overwrite (only after a confirmation
// that names what will be lost).
import * as vscode from 'vscode';
import { conflictOptions } from '../core/conflict/classify-conflict';
import type { ConflictReport, Dialect, Exchange, TokenUpdate } from '../core/conflict/conflict-model';
import { findDialect } from '../core/conflict/dialects';
import { responseText } from '../core/conflict/exchange-body';
import type { RebaseResult } from '../core/conflict/rebase';
import { rebase } from '../core/conflict/rebase';
import { refetchCurrent } from '../core/conflict/resolve-conflict';
import { backoffDelay, defaultBackoff, sleepFor } from '../core/conflict/contended-resolve';
import { resourceKey } from '../core/conflict/resource-url';
import type { Snapshot } from '../core/conflict/snapshot-store';
import { placeTokens } from '../core/conflict/token-placement';
import { writeBodyKind } from '../core/conflict/write-body-kind';
import type { ParsedHttpFile, ParsedRequest } from '../core/http-file/http-file-model';
import { mergeBodies, resolveConflicts } from '../core/merge/merge-bodies';
import type { Change, MergeConflict, MergeInput, Resolution } from '../core/merge/merge-model';
import { createFileResolver } from '../core/run/create-file-resolver';
import type { PreparedRequest } from '../core/run/prepare-request';
import type { RequestSession } from '../core/run/request-session';
import { headerValue } from '../core/send/send-model';
import type { ConflictStep } from '../protocol';
import { readConfig } from './config';
import { Disposable } from './lifecycle/disposable';
import type { Environments } from './environments';
import type { HttpDocuments } from './http-documents';
import { toVsRange } from './http-documents';
import type { Log } from './log';
import { conflictView } from './panel-views';
import { addTokenEdits, replaceBody } from './request-edits';
import type { ConflictEvent, Outcome, RequestRunner } from './request-runner';
import type { TargetArgs } from './request-target';
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
}

type Located = { entry: ConflictEntry; document: vscode.TextDocument; file: ParsedHttpFile; request: ParsedRequest };

/** The refetched version as a snapshot: the base for a patch rebased onto it and edited since. */
function snapshotOf(current: Exchange): Snapshot {
  return { url: resourceKey(current.request.url), status: current.response.status, tokens: [], bodyText: responseText(current.response), time: new Date().toISOString() };
}

const conflictMarker = /^(<{7}|>{7}|={7})(\s|$)/m;

export class ConflictController extends Disposable {
  private readonly entries = new Map<string, ConflictEntry>();
  private latest: ConflictEntry | undefined;
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
      // A later success of the same request settles its conflict.
      if (outcome.kind === 'response' && !outcome.conflict) this.forget(requestKey(target.document.uri, target.request));
    }));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => {
      if ([...this.entries.values()].some((x) => x.uri.toString() === e.document.uri.toString())) this.refreshDiagnostics();
    }));
  }

  entryFor(uri: vscode.Uri, request: ParsedRequest): ConflictEntry | undefined {
    return this.entries.get(requestKey(uri, request));
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
    this.entries.set(key, entry);
    this.latest = entry;
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

  private forget(key: string): void {
    if (!this.entries.delete(key)) return;
    if (this.latest?.key === key) this.latest = [...this.entries.values()].pop();
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
      if (entry.report.kind === 'not-a-version-conflict') continue;
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry.uri.toString());
      if (!document) continue;
      const request = findRequestByKey(this.documents.parse(document), entry.key);
      if (!request) continue;
      const diagnostic = new vscode.Diagnostic(toVsRange(request.requestLineRange), `${entry.report.status} Conflict: ${entry.report.summary}`, vscode.DiagnosticSeverity.Error);
      diagnostic.code = 'conflict';
      diagnostic.source = 'HTTP Conflict Resolver';
      const list = byUri.get(entry.uri.toString()) ?? [];
      list.push(diagnostic);
      byUri.set(entry.uri.toString(), list);
    }
    for (const [uri, list] of byUri) this.diagnostics.set(vscode.Uri.parse(uri), list);
  }

  /** The conflict a command acts on: the request under the cursor, else the latest one. */
  private async locate(args: TargetArgs): Promise<Located | undefined> {
    const target = await resolveTarget(this.documents, args);
    let entry = target ? this.entries.get(requestKey(target.document.uri, target.request)) : undefined;
    entry ??= this.latest;
    if (!entry) {
      void vscode.window.showInformationMessage('There is no conflict to act on. Send a write that comes back 409, 412 or 428 first.');
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(entry.uri);
    const file = this.documents.parse(document);
    const request = findRequestByKey(file, entry.key);
    if (!request) {
      void vscode.window.showWarningMessage('The request that conflicted is no longer in the file.');
      return undefined;
    }
    return { entry, document, file, request };
  }

  private showPanel(entry: ConflictEntry): void {
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
    const located = await this.locate(args);
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
    this.refreshNamedReads(entry, fetched.step.exchange);
    // A new current version makes any earlier rebase stale: it must be merged again.
    entry.step = 'refetched';
    await this.preview(entry);
    this.showPanel(entry);
    return true;
  }

  /** `{{doc.response.headers.ETag}}` must resolve to the version just read, not the stale one. */
  private refreshNamedReads(entry: ConflictEntry, current: Exchange): void {
    const key = resourceKey(current.request.url);
    for (const [name, record] of entry.session.records) {
      if (record.request.method.toUpperCase() === 'GET' && resourceKey(record.request.url) === key) {
        entry.session.records.set(name, { ...record, response: { status: current.response.status, headers: current.response.headers, body: responseText(current.response) } });
      }
    }
  }

  private async resolverFor(document: vscode.TextDocument, file: ParsedHttpFile, session: RequestSession<ConflictReport>) {
    const { sources } = await this.environments.sources(document);
    return createFileResolver(file, { ...sources, requests: session.records });
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

  private async computeRebase(entry: ConflictEntry, document: vscode.TextDocument, file: ParsedHttpFile, request: ParsedRequest): Promise<RebaseResult | undefined> {
    if (!entry.current || !entry.dialect) return undefined;
    const resolver = await this.resolverFor(document, file, entry.session);
    const decisions = new Map<string, Resolution>([...entry.decisions].map(([id, kind]) => [id, { kind }]));
    const merge = (input: MergeInput) => (decisions.size ? resolveConflicts(input, decisions) : mergeBodies(input));
    const config = readConfig(entry.uri);
    const source = this.patchSource(entry, request.body?.text ?? '');
    return rebase({
      report: entry.report,
      dialect: entry.dialect,
      exchange: entry.exchange,
      base: source.base,
      userBodyText: source.userBodyText,
      current: entry.current,
      merge,
      resolvePlaceholders: (t) => resolver.resolveText(t).text,
      options: conflictOptions({ versionFields: config.versionFields, serverManagedFields: config.serverManagedFields }),
    });
  }

  private async preview(entry: ConflictEntry): Promise<void> {
    const document = await vscode.workspace.openTextDocument(entry.uri);
    const file = this.documents.parse(document);
    const request = findRequestByKey(file, entry.key);
    if (request) entry.rebase = await this.computeRebase(entry, document, file, request);
    // Before a rebase the document holds only the user's edit: remember what it changed.
    if (entry.step !== 'rebased' && entry.rebase) entry.userChanges = entry.rebase.merge.oursChanges;
  }

  // ── Rebase ─────────────────────────────────────────────────────────────────────────────
  async rebaseCommand(args: TargetArgs): Promise<boolean> {
    const located = await this.locate(args);
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
    const result = await this.computeRebase(entry, document, file, request);
    if (!result) return false;
    entry.rebase = result;
    const bodyUpdates = result.tokenUpdates.filter((u) => u.location.kind === 'body');
    const otherUpdates = result.tokenUpdates.filter((u) => u.location.kind !== 'body');
    const bodyText = placeTokens(entry.exchange.request, result.merge.merged, bodyUpdates).bodyText ?? result.merge.merged;
    const edit = new vscode.WorkspaceEdit();
    if (bodyText !== (request.body?.text ?? '')) replaceBody(edit, document, request, bodyText);
    addTokenEdits(edit, document, request, otherUpdates);
    if (edit.size > 0 && !(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage('The rebase could not be written into the document (it changed meanwhile). Try again.');
      return false;
    }
    if ((result.bodyKind === 'json-patch' || result.bodyKind === 'merge-patch') && entry.current) {
      const written = this.patchSource(entry, request.body?.text ?? '').userBodyText;
      entry.patchRebase = { written, wrote: bodyText, onto: snapshotOf(entry.current) };
    }
    entry.step = 'rebased';
    this.showPanel(entry);
    const open = result.merge.conflicts.filter((c) => !entry.decisions.has(c.id));
    if (open.length) {
      const words = result.merge.kind === 'text' ? 'Resolve the conflict markers in the body' : 'Decide them in the panel (Keep mine / Take theirs)';
      void vscode.window.showWarningMessage(`Rebased with ${open.length} conflict(s) left. ${words}; Resend stays off until then.`);
    } else {
      void vscode.window.setStatusBarMessage('$(git-merge) Rebased onto the current version — ready to resend', 5000);
    }
    return true;
  }

  // ── Resend ─────────────────────────────────────────────────────────────────────────────
  async resendCommand(args: TargetArgs): Promise<void> {
    const located = await this.locate(args);
    if (!located) {
      return;
    }
    await this.resend(located);
  }

  /** Why the request in the document must not be sent yet, or undefined. */
  private resendBlocker(entry: ConflictEntry, request: ParsedRequest, prepared: PreparedRequest): string | undefined {
    if (entry.step !== 'rebased' || !entry.rebase) return 'Rebase onto the current version first.';
    const open = entry.rebase.merge.conflicts.filter((c) => !entry.decisions.has(c.id));
    if (open.length) return `${open.length} conflict(s) still need a decision: ${open[0].description}`;
    if (request.body && conflictMarker.test(request.body.text)) return 'The body still holds conflict markers (<<<<<<< / >>>>>>>).';
    return staleTokenProblem(prepared, entry.rebase.tokenUpdates);
  }

  private async resend({ entry, document, file, request }: Located): Promise<Outcome | undefined> {
    const { sources } = await this.environments.sources(document);
    const session = entry.session;
    const options = await this.runner.sendOptions(entry.uri);
    const prepared = await session.prepare({ file, request, sources, options });
    if (!prepared.ok) {
      void vscode.window.showErrorMessage(`Not resent: ${prepared.problems[0]}`);
      return undefined;
    }
    const blocker = this.resendBlocker(entry, request, prepared.prepared);
    if (blocker) {
      void vscode.window.showWarningMessage(`Not resent: ${blocker}`);
      this.showPanel(entry);
      return undefined;
    }
    return this.runner.sendTarget({ document, file, request });
  }

  // ── Resolve ────────────────────────────────────────────────────────────────────────────
  /**
   * Refetch, rebase and resend while the merge is clean. When the resource changes again
   * between the refetch and the resend (another writer is busy), it goes again — at most
   * `rounds` times, with growing, jittered pauses — and stops at the first real conflict.
   * Every resend carries the precondition, so nothing is ever overwritten unseen.
   */
  async resolveCommand(args: TargetArgs, rounds = 3): Promise<void> {
    const located = await this.locate(args);
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
      const again = await this.locate([entry.uri, undefined]);
      if (!again || again.entry !== entry) return;
      const outcome = await this.resend(again);
      const next = this.entries.get(entry.key);
      if (!outcome || outcome.kind !== 'response' || !outcome.conflict || !next || next === entry) return;
      entry = next;
    }
    if (!controller.signal.aborted) {
      void vscode.window.showWarningMessage(`The resource changed again in each of ${rounds} rounds; gave up. Every attempt carried its precondition, so nothing was overwritten.`);
    }
  }

  // ── Decisions from the panel ───────────────────────────────────────────────────────────
  async decide(conflictId: string, choice: 'ours' | 'theirs'): Promise<void> {
    const entry = this.latest;
    if (!entry?.rebase?.merge.conflicts.some((c) => c.id === conflictId) && !entry?.decisions.has(conflictId)) return;
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
    const located = await this.locate(args);
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
    const located = await this.locate(args);
    if (!located) return;
    const { entry, document, request } = located;
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
    const updates = entry.rebase?.tokenUpdates ?? [];
    const bodyText = placeTokens(entry.exchange.request, text, updates.filter((u) => u.location.kind === 'body')).bodyText ?? text;
    const edit = new vscode.WorkspaceEdit();
    replaceBody(edit, document, request, bodyText);
    addTokenEdits(edit, document, request, updates.filter((u) => u.location.kind !== 'body'));
    if (!(await vscode.workspace.applyEdit(edit))) return;
    this.forget(entry.key);
    void vscode.window.showInformationMessage('Your changes were replaced by the current version in the editor (Undo brings them back). Nothing was sent.');
  }

  // ── Overwrite ──────────────────────────────────────────────────────────────────────────
  async overwriteCommand(args: TargetArgs): Promise<void> {
    const located = await this.locate(args);
    if (!located) return;
    const { entry, document, file, request } = located;
    if (!entry.current && !(await this.refetch(entry))) return;
    const lost = entry.rebase?.merge.theirsChanges ?? [];
    const described = lost.length
      ? lost.slice(0, 8).map((c) => `• ${c.at}: ${c.kind}${c.after !== undefined ? ` ${c.after}` : ''}`).join('\n') + (lost.length > 8 ? `\n… and ${lost.length - 8} more` : '')
      : entry.base ? 'No field changes were detected, but the server version moved on.' : 'Without a base snapshot the other changes cannot be listed: everything on the server that differs from your body will be replaced.';
    const overwrite = 'Overwrite';
    const answer = await vscode.window.showWarningMessage(
      `Overwrite the current version of ${entry.exchange.request.url}?`,
      { modal: true, detail: `These changes by others will be lost:\n${described}` },
      overwrite,
    );
    if (answer !== overwrite) return;
    const { sources } = await this.environments.sources(document);
    const options = await this.runner.sendOptions(entry.uri);
    const prepared = await entry.session.prepare({ file, request, sources, options });
    if (!prepared.ok || !entry.rebase) {
      void vscode.window.showErrorMessage(`Not sent: ${prepared.ok ? 'the current version token is unknown' : prepared.problems[0]}`);
      return;
    }
    const placed = placeTokens(prepared.prepared.request, prepared.prepared.bodyText, entry.rebase.tokenUpdates);
    const body = placed.bodyText !== undefined ? { kind: 'text' as const, text: placed.bodyText } : placed.request.body;
    const outcome = await entry.session.sendPrepared(request, { ...prepared.prepared, request: { ...placed.request, body }, bodyText: placed.bodyText }, options);
    this.runner.show(outcome, entry.label);
    if (outcome.kind === 'response' && !outcome.conflict) this.forget(entry.key);
  }

  /** The panel's conflict buttons act on the latest conflict. */
  latestArgs(): TargetArgs {
    return this.latest ? [this.latest.uri, undefined] : [];
  }

  /** `[uri, index]` of the latest conflict's request, as it stands in the document now. */
  latestRequestArgs(): TargetArgs {
    const entry = this.latest;
    const document = entry && vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry.uri.toString());
    const request = document && findRequestByKey(this.documents.parse(document), entry.key);
    return entry && request ? [entry.uri, request.index] : [];
  }
}

/** The prepared request must carry every fresh token, or the resend would be stale again. */
export function staleTokenProblem(prepared: PreparedRequest, updates: readonly TokenUpdate[]): string | undefined {
  for (const update of updates) {
    if (update.remove) continue;
    const want = String(update.value);
    const { location } = update;
    let have: string | undefined;
    if (location.kind === 'header') have = headerValue(prepared.request.headers, location.name);
    else if (location.kind === 'query') {
      try {
        have = new URL(prepared.request.url).searchParams.get(location.name) ?? undefined;
      } catch {
        have = undefined;
      }
    } else {
      try {
        let value: unknown = JSON.parse(prepared.bodyText ?? '');
        for (const part of location.path) value = (value as Record<string | number, unknown>)?.[part];
        have = value === undefined ? undefined : String(value);
      } catch {
        have = undefined;
      }
    }
    if (have?.trim() !== want.trim()) {
      return `The request carries ${have === undefined ? 'no version' : `version ${have}`} where the current one is ${want}. Rebase again to take the current version.`;
    }
  }
  return undefined;
}
