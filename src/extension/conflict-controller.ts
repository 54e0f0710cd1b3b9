// The editor side of a 409/412/428, wired together: when a send conflicts, a core
// `ConflictWorkflow` is opened for the request (registry), the current version is refetched
// at once (a safe read) so the panel can show the version diff, and a later success of the
// same request settles it. The commands (conflict-commands.ts), the send guard and Resolve
// (conflict-resend.ts) are adapters over the workflow; panel messages name their conflict.
import * as vscode from 'vscode';
import { openWorkflow } from './lazy-resolve';
import { isSuccess } from '../core/conflict/exchange-body';
import type { Choice } from '../core/conflict/conflict-workflow';
import { ConflictBodies } from './conflict-body';
import { ConflictCommands } from './conflict-commands';
import type { ConflictEntry } from './conflict-registry';
import { ConflictRegistry, newViewKey } from './conflict-registry';
import { ConflictResend } from './conflict-resend';
import { Disposable } from './lifecycle/disposable';
import type { Environments } from './environments';
import type { HttpDocuments } from './http-documents';
import type { Log } from './log';
import type { ConflictEvent, Outcome, RequestRunner } from './request-runner';
import type { TargetArgs } from './request-target';
import { requestKey, requestLabel } from './request-target';
import type { VersionDocuments } from './version-documents';
import type { ParsedRequest } from '../core/http-file/http-file-model';

export type { ConflictEntry } from './conflict-registry';

/** Said when a panel message names a conflict that is no longer open. */
export const staleConflictMessage =
  'That conflict view is out of date: the conflict it showed is no longer open. Nothing was changed.';

export class ConflictController extends Disposable {
  private readonly registry: ConflictRegistry;
  private readonly commands: ConflictCommands;
  private readonly resend: ConflictResend;
  readonly onDidChange: vscode.Event<void>;

  constructor(
    documents: HttpDocuments,
    environments: Environments,
    private readonly runner: RequestRunner,
    versions: VersionDocuments,
    private readonly log: Log,
  ) {
    super();
    this.registry = this.register(new ConflictRegistry(documents, runner));
    this.onDidChange = this.registry.onDidChange;
    const bodies = new ConflictBodies(runner, environments);
    this.commands = new ConflictCommands(this.registry, bodies, environments, runner, versions, log);
    this.resend = new ConflictResend(this.registry, bodies, this.commands, runner, log);
    this.register(runner.onDidConflict((event) => void this.onConflict(event)));
    this.register(
      runner.onDidSend(({ target, outcome }) => {
        // A later success of the same request settles its conflict, and the panel says how.
        if (outcome.kind !== 'response' || outcome.conflict || !isSuccess(outcome.response.status)) return;
        const entry = this.registry.get(requestKey(target.document.uri, target.request));
        if (!entry) return;
        const line = entry.flow.resolvedLine();
        this.runner.show(outcome, entry.label, {}, [line]);
        void vscode.window.setStatusBarMessage(`$(check) ${line}`, 8000);
        this.registry.forget(entry.key);
      }),
    );
  }

  /** The open conflict of a request (not one whose current version the user took). */
  entryFor(uri: vscode.Uri, request: ParsedRequest): ConflictEntry | undefined {
    return this.registry.entryFor(uri, request);
  }

  private async onConflict({ target, outcome, session }: ConflictEvent): Promise<void> {
    const report = outcome.conflict!;
    const exchange = {
      request: outcome.prepared.request,
      requestBodyText: outcome.prepared.bodyText,
      response: outcome.response,
    };
    const entry: ConflictEntry = {
      key: requestKey(target.document.uri, target.request),
      viewKey: newViewKey(),
      uri: target.document.uri,
      flow: openWorkflow(report, exchange),
      report,
      exchange,
      session,
      label: requestLabel(target.request),
      outcome,
    };
    this.registry.add(entry);
    this.log.info(`Conflict: ${report.summary} [${report.dialectLabel}]`);
    this.registry.showPanel(entry);
    // Reading the current version is safe and is what the conflict view needs to show
    // what changed, so it happens at once; nothing is written.
    if (entry.flow.resolvable) {
      entry.refetching = this.commands.refetch(entry);
      await entry.refetching;
    }
  }

  refetchCommand = (args: TargetArgs): Promise<void> => this.commands.refetchCommand(args);
  rebaseCommand = (args: TargetArgs): Promise<boolean> => this.commands.rebaseCommand(args);
  compareCommand = (args: TargetArgs): Promise<void> => this.commands.compareCommand(args);
  takeTheirsCommand = (args: TargetArgs): Promise<void> => this.commands.takeTheirsCommand(args);
  overwriteCommand = (args: TargetArgs): Promise<void> => this.commands.overwriteCommand(args);
  resendCommand = (args: TargetArgs): Promise<Outcome | undefined> => this.resend.resendCommand(args);
  resolveCommand = (args: TargetArgs, rounds?: number): Promise<void> => this.resend.resolveCommand(args, rounds);

  /**
   * A Keep mine / Take theirs from the panel, for the conflict whose view it came from. A
   * key that names no open conflict (the view was stale) is refused, never applied elsewhere.
   */
  async decide(conflictKey: string | undefined, conflictId: string, choice: Choice): Promise<void> {
    const entry = this.registry.byViewKey(conflictKey);
    if (!entry) {
      this.log.info(`Panel decision refused: no open conflict has the key ${JSON.stringify(conflictKey ?? null)}.`);
      void vscode.window.showWarningMessage(staleConflictMessage);
      return;
    }
    await this.commands.decide(entry, conflictId, choice);
  }

  /**
   * `[uri, index]` of the request of the conflict a panel action names by its key; undefined
   * (and the user told) when that conflict is no longer open.
   */
  async argsForKey(conflictKey: string | undefined): Promise<TargetArgs | undefined> {
    const args = await this.registry.argsOf(this.registry.byViewKey(conflictKey));
    if (args.length) return args;
    this.log.info(`Panel action refused: no open conflict has the key ${JSON.stringify(conflictKey ?? null)}.`);
    void vscode.window.showWarningMessage(staleConflictMessage);
    return undefined;
  }

  /** `[uri, index]` of the request of the conflict the panel shows, as it stands now. */
  shownArgs(): Promise<TargetArgs> {
    return this.registry.shownArgs();
  }
}
