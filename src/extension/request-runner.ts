// Sending from the editor: the request under the cursor (or the one a CodeLens names) goes
// through the same RequestSession as the CLI, with progress and cancel, a modal question in
// Restricted Mode, and the result in the response panel. Conflicts are handed to the
// conflict controller through `onDidConflict`, which may also hold a send back
// (`guardSends`) while the request's conflict is unresolved.
import * as vscode from 'vscode';
import type { ConflictReport } from '../core/conflict/conflict-model';
import type { ParsedRequest } from '../core/http-file/http-file-model';
import type { VersionToken } from '../core/conflict/conflict-model';
import type { SnapshotStore } from '../core/conflict/snapshot-store';
import { createFileResolver } from '../core/run/create-file-resolver';
import type { PreparedRequest, PrepareResult } from '../core/run/prepare-request';
import { prepareRequest } from '../core/run/prepare-request';
import { ownWriteRead } from '../core/run/own-write';
import type { SessionOutcome } from '../core/run/request-session';
import { dependencyNotSent, RequestSession } from '../core/run/request-session';
import type { RunSummary } from '../core/run/run-summary';
import type { SendOptions, SendResult, OutgoingRequest } from '../core/send/send-model';
import type { RequestRecord, VariableSources } from '../core/variables/variable-model';
import { readsAfter, RecordLater } from '../core/conflict/record-later';
import { AdoptedVersions } from './adopted-versions';
import { errorsIn, showNotSent, showOutcome } from './outcome-view';
import { editorFileAccess, sendLogged, sendOptions } from './send-setup';
import { editorExchangeObserver } from './exchange-observer';
import type { PanelState } from '../protocol';
import { readConfig } from './config';
import { Disposable } from './lifecycle/disposable';
import type { Environments } from './environments';
import type { HttpDocuments } from './http-documents';
import type { Log } from './log';
import type { SentOnBehalfExchange } from './history/response-history';
import { requestView } from './panel-views';
import type { ResponsePanel } from './panel/response-panel';
import type { RequestTarget, TargetArgs } from './request-target';
import { requestKey, requestLabel, resolveTarget } from './request-target';
import type { LastResponse } from './response-actions';
import { bodyAction, copyAsCurl } from './response-actions';
import { SendAllReport, sendEachInOrder } from './send-all';
import { askPrompts, askToSendUntrusted } from './send-questions';
import type { SendHow, SendStopped } from './testing/editor-send';
import { ScriptTrust } from './testing/script-trust';

export type Outcome = SessionOutcome<ConflictReport>;

export interface ConflictEvent {
  readonly target: RequestTarget;
  readonly outcome: Outcome & { kind: 'response' };
  readonly session: RequestSession<ConflictReport>;
}

function requestIdentity(request: ParsedRequest): string {
  return `${request.method} ${request.url}`;
}

/** Answers why it held the send back (and told the user), or undefined to let it go. */
export type SendGuard = (target: RequestTarget, prepared: PreparedRequest) => Promise<string | undefined>;

export class RequestRunner extends Disposable {
  private readonly sessions = new Map<string, RequestSession<ConflictReport>>();
  private running: AbortController | undefined;
  private untrustedSendsAllowed = false;
  private readonly conflictEmitter = this.register(new vscode.EventEmitter<ConflictEvent>());
  readonly onDidConflict = this.conflictEmitter.event;
  private readonly sentEmitter = this.register(new vscode.EventEmitter<{ target: RequestTarget; outcome: Outcome }>());
  /** Every finished send (for diagnostics that depend on named results). */
  readonly onDidSend = this.sentEmitter.event;
  private readonly onBehalfEmitter = this.register(new vscode.EventEmitter<SentOnBehalfExchange>());
  /** Every request the conflict flow or the probe sent (for the history). */
  readonly onDidSendOnBehalf = this.onBehalfEmitter.event;
  /** Version tokens the latest successful exchange per resource returned (for write guards). */
  readonly knownTokens = new Map<string, readonly VersionToken[]>();
  /** Snapshots of big bodies, kept after their send returned (see exchange-observer.ts). */
  private readonly recordLater = new RecordLater(
    (error) => this.log.warn(`A response was not kept as a snapshot: ${(error as Error).message}`),
    () => this.panel.delivered(),
  );
  /** The snapshot store; a read waits for the snapshots still to be kept. */
  readonly snapshots: SnapshotStore;
  /** The last response shown, for Copy/Save/Open Body. */
  lastResponse: LastResponse | undefined;
  private readonly adopted = new AdoptedVersions();
  private guard: SendGuard | undefined;
  private readonly allReport = this.register(new SendAllReport());
  /** Scripts and `??` assertions run only in a trusted workspace. */
  readonly scriptTrust = new ScriptTrust();

  constructor(
    private readonly documents: HttpDocuments,
    private readonly environments: Environments,
    private readonly panel: ResponsePanel,
    private readonly log: Log,
    private readonly store: SnapshotStore,
  ) {
    super();
    this.snapshots = readsAfter(this.recordLater, store);
    this.register({ dispose: () => this.running?.abort() });
  }

  session(uri: vscode.Uri): RequestSession<ConflictReport> {
    const key = uri.toString();
    let session = this.sessions.get(key);
    if (!session) {
      const document = () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      const trust = this.scriptTrust;
      session = new RequestSession<ConflictReport>({
        get scripts() {
          return trust.options;
        },
        send: (request, options, secrets) => this.sendLogged(request, options, secrets),
        createResolver: createFileResolver,
        files: this.fileAccess(uri),
        observer: editorExchangeObserver(this.store, this.knownTokens, document, this.recordLater),
      });
      this.sessions.set(key, session);
    }
    return session;
  }

  /** Resolves once every response received so far is kept as a snapshot and its tokens known. */
  recorded(): Promise<void> {
    return this.recordLater.settled();
  }

  /** The named results `{{name.response…}}` in this request resolve against. */
  recordsFor(uri: vscode.Uri, request: ParsedRequest): ReadonlyMap<string, RequestRecord> {
    return this.adopted.recordsFor(requestKey(uri, request), requestIdentity(request), this.session(uri).records);
  }

  /** From now on, these named reads resolve for this request to the version given. */
  adoptReads(
    uri: vscode.Uri,
    request: ParsedRequest,
    urls: readonly string[],
    response: NonNullable<RequestRecord['response']>,
  ): void {
    this.adopted.adopt(
      requestKey(uri, request),
      requestIdentity(request),
      AdoptedVersions.readsOf(this.session(uri).records, urls, response),
    );
  }

  /** Variables resolved as this request sees them (see `recordsFor`), includes read. */
  prepare(target: RequestTarget, sources: Omit<VariableSources, 'requests'>): Promise<PrepareResult> {
    const resolver = createFileResolver(target.file, {
      ...sources,
      requests: this.recordsFor(target.document.uri, target.request),
    });
    return prepareRequest(target.request, resolver, this.fileAccess(target.document.uri));
  }

  /** The conflict controller's check before anything is sent. */
  guardSends(guard: SendGuard): void {
    this.guard = guard;
  }

  private fileAccess(uri: vscode.Uri) {
    return editorFileAccess(uri);
  }

  sendLogged(request: OutgoingRequest, options: SendOptions, secrets: readonly string[] = []): Promise<SendResult> {
    return sendLogged(this.log, request, options, secrets);
  }

  /** A request the user did not send by hand (a refetch, a probe's), reported to `onDidSendOnBehalf`. */
  async sendOnBehalf(
    request: OutgoingRequest,
    options: SendOptions,
    origin: Omit<SentOnBehalfExchange, 'request' | 'result'>,
  ): Promise<SendResult> {
    const result = await this.sendLogged(request, options, origin.secrets);
    this.onBehalfEmitter.fire({ ...origin, request, result });
    return result;
  }

  sendOptions(uri: vscode.Uri | undefined, signal?: AbortSignal): Promise<SendOptions> {
    return sendOptions(uri, signal);
  }

  /** In Restricted Mode nothing leaves the machine without the user saying so. */
  private async allowedToSend(url: string): Promise<boolean> {
    if (vscode.workspace.isTrusted || this.untrustedSendsAllowed) return true;
    const answer = await askToSendUntrusted(url);
    if (answer === 'always') this.untrustedSendsAllowed = true;
    return answer !== 'no';
  }

  async send(args: TargetArgs): Promise<Outcome | undefined> {
    const target = await resolveTarget(this.documents, args);
    if (!target) {
      void vscode.window.showInformationMessage('Put the cursor on a request in a .http file to send it.');
      return undefined;
    }
    return this.sendTarget(target);
  }

  /** Every request in order, stopping where the CLI stops; the result per request is reported. */
  async sendAll(args: TargetArgs): Promise<RunSummary | undefined> {
    const first = await resolveTarget(this.documents, args);
    if (!first) return undefined;
    const summary = await sendEachInOrder({
      parse: () => this.documents.parse(first.document),
      send: (file, request) => this.sendTarget({ ...first, file, request }),
    });
    this.allReport.show(summary, vscode.workspace.asRelativePath(first.document.uri));
    return summary;
  }

  async sendTarget(target: RequestTarget): Promise<Outcome | undefined> {
    const sent = await this.sendInEditor(target);
    return sent.kind === 'stopped' ? undefined : sent;
  }

  /**
   * The one way a request is sent from the editor, whoever asks (Send, Send All, Resend, the
   * Testing view): prompts, pre-request scripts, the conflict guard, Restricted Mode's
   * question, then the send; the outcome goes to the panel and a conflict is registered.
   */
  async sendInEditor(target: RequestTarget, how: SendHow = {}, depth = 0): Promise<Outcome | SendStopped> {
    const show = how.show ?? true;
    const errors = errorsIn(target);
    if (errors.length) {
      // The panel must not go on showing the previous request's result as if it were this one's.
      if (show) showNotSent(this.panel, errors, `The request cannot be sent: ${errors[0]}`);
      return { kind: 'stopped', why: 'invalid', reason: `The request cannot be sent: ${errors.join(' · ')}` };
    }
    const prompts = await askPrompts(target.request);
    if (!prompts) return { kind: 'stopped', why: 'cancelled', reason: 'A prompt for a value was cancelled.' };
    const { sources } = await this.environments.sources(target.document, prompts);
    if (how.sendDependencies && depth < 8) {
      const missing = await this.sendDependencies(target, sources, how, depth);
      if (missing) return missing;
    }
    const session = this.session(target.document.uri);
    const label = requestLabel(target.request);
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    const abort = () => controller.abort();
    if (how.signal?.aborted) abort();
    how.signal?.addEventListener('abort', abort, { once: true });
    await vscode.commands.executeCommand('setContext', 'httpConflicts.sending', true);
    try {
      // Pre-request scripts run first: what they and earlier handlers set resolves `{{…}}`.
      const scripted = await session.beginScripts({ file: target.file, request: target.request, sources });
      this.scriptTrust.noteNotRun(target.request);
      const preview = await this.prepare(target, scripted.sources);
      if (!preview.ok) {
        if (show) showNotSent(this.panel, preview.problems, `Not sent: ${preview.problems[0]}`);
        return {
          kind: 'not-sent',
          request: target.request,
          problems: preview.problems,
          unresolved: preview.unresolved,
        };
      }
      const held = await this.guard?.(target, preview.prepared);
      if (held !== undefined)
        return {
          kind: 'not-sent',
          request: target.request,
          problems: [`The request has an unresolved conflict: ${held}`],
          unresolved: [],
        };
      if (!(await this.allowedToSend(preview.prepared.request.url)))
        return { kind: 'stopped', why: 'cancelled', reason: 'Not sent: the workspace is in Restricted Mode.' };
      if (show)
        this.panel.show({
          view: 'sending',
          busy: `${target.request.method} ${preview.prepared.request.url}`,
          request: requestView(preview.prepared, label),
        });
      const sendIt = async () =>
        session.sendPrepared(
          target.request,
          session.withScriptSecrets(preview.prepared, scripted.scope?.state.requestVariables),
          await this.sendOptions(target.document.uri, controller.signal),
          scripted.scope,
        );
      const outcome =
        how.progress === false
          ? await sendIt()
          : await vscode.window.withProgress(
              {
                // The panel shows a send with its own Cancel: a toast as well made the workbench
                // lay itself out again as it came and went (bench: panel, trace — doAddToast).
                location: show ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification,
                title: `Sending ${target.request.method} ${preview.prepared.request.url}`,
                cancellable: true,
              },
              async (_progress, token) => {
                token.onCancellationRequested(() => controller.abort());
                return sendIt();
              },
            );
      this.settle(target, outcome, show);
      return outcome;
    } finally {
      how.signal?.removeEventListener('abort', abort);
      if (this.running === controller) {
        this.running = undefined;
        await vscode.commands.executeCommand('setContext', 'httpConflicts.sending', false);
      }
    }
  }

  /** Sends a request prepared by the caller (Overwrite), past the guard: the user confirmed it. */
  async sendConfirmed(target: RequestTarget, prepared: PreparedRequest): Promise<Outcome> {
    const outcome = await this.session(target.document.uri).sendPrepared(
      target.request,
      prepared,
      await this.sendOptions(target.document.uri),
    );
    this.settle(target, outcome);
    return outcome;
  }

  /**
   * Sends first the named requests this one reads and that were never sent (as the CLI's
   * session does for a test run); a not-sent outcome when one of them could not be sent.
   */
  private async sendDependencies(
    target: RequestTarget,
    sources: Omit<VariableSources, 'requests'>,
    how: SendHow,
    depth: number,
  ): Promise<Outcome | SendStopped | undefined> {
    const dry = await this.prepare(target, sources);
    if (dry.ok) return undefined;
    const names = new Set(
      dry.unresolved.filter((u) => u.reason === 'request-not-sent').map((u) => u.reference.expression.split('.')[0]),
    );
    const needed = target.file.requests.filter(
      (r) => r !== target.request && r.metadata.name !== undefined && names.has(r.metadata.name),
    );
    for (const request of needed) {
      const outcome = await this.sendInEditor({ ...target, request }, how, depth + 1);
      if (outcome.kind === 'response') continue;
      if (outcome.kind === 'stopped') return outcome;
      return {
        kind: 'not-sent',
        request: target.request,
        problems: [dependencyNotSent(request, outcome)],
        unresolved: dry.unresolved,
      };
    }
    return undefined;
  }

  private settle(target: RequestTarget, outcome: Outcome, show = true): void {
    const uri = target.document.uri;
    const name = target.request.metadata.name;
    if (outcome.kind === 'response') {
      // A read sent again is newer than any version a request adopted from it.
      if (name) this.adopted.superseded(uri.toString(), name);
      if (!outcome.conflict) this.adoptOwnWrite(target, outcome);
    }
    if (show) this.show(outcome, requestLabel(target.request));
    this.sentEmitter.fire({ target, outcome });
    if (outcome.kind === 'response' && outcome.conflict)
      this.conflictEmitter.fire({ target, outcome, session: this.session(uri) });
  }

  /**
   * A successful write that returned a version (ETag, `_rev`, a version field) is what the
   * server now holds of that URL, and it is this request's own body: its next send names
   * that version, so edit → send → edit → send does not conflict with itself.
   */
  private adoptOwnWrite(target: RequestTarget, outcome: Outcome & { kind: 'response' }): void {
    const read = ownWriteRead(outcome, readConfig(target.document.uri).versionFields);
    if (read) this.adoptReads(target.document.uri, target.request, [read.url], read.response);
  }

  /** Shows an outcome in the panel (the conflict controller adds its view on top). */
  show(
    outcome: Outcome,
    label: string | undefined,
    extra: Partial<PanelState> = {},
    notices: readonly string[] = [],
  ): void {
    const shown = showOutcome(this.panel, this.scriptTrust, { outcome, label, extra, notices });
    if (shown) this.lastResponse = shown;
  }

  cancel(): void {
    if (!this.running) return;
    this.running.abort();
    this.log.info('Request cancelled by the user.');
  }

  async copyAsCurl(args: TargetArgs): Promise<void> {
    const target = await resolveTarget(this.documents, args);
    if (!target) return;
    const { sources } = await this.environments.sources(target.document);
    await copyAsCurl(await this.prepare(target, sources));
  }

  bodyAction(action: 'copyBody' | 'saveBody'): Promise<void> {
    return bodyAction(this.lastResponse, action);
  }
}
