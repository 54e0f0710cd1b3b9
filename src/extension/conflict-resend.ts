// Sending a request whose conflict is open. Every send of it (Send, Send All, Resend) passes
// the core's one resend check first; Resolve runs refetch → rebase → send rounds through the
// core's contention loop, with the pause shown and cancellable.
import * as vscode from 'vscode';
import { contend, sleepFor } from './lazy-resolve';
import type { PreparedRequest } from '../core/run/prepare-request';
import type { ConflictBodies } from './conflict-body';
import type { ConflictCommands } from './conflict-commands';
import type { ConflictEntry, ConflictRegistry } from './conflict-registry';
import type { Log } from './log';
import type { Outcome, RequestRunner } from './request-runner';
import type { RequestTarget, TargetArgs } from './request-target';
import { requestKey } from './request-target';

export class ConflictResend {
  /** The request a Resend is sending, so a refusal says "Not resent". */
  private resending: string | undefined;

  constructor(
    private readonly registry: ConflictRegistry,
    private readonly bodies: ConflictBodies,
    private readonly commands: ConflictCommands,
    private readonly runner: RequestRunner,
    private readonly log: Log,
  ) {
    runner.guardSends((target, prepared) => this.holdBack(target, prepared));
  }

  /** Sends the conflict's request; the send guard decides whether it may go. */
  async resendCommand(args: TargetArgs): Promise<Outcome | undefined> {
    const located = await this.registry.locate(args, 'resend');
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
   * it: held back (with the reason) unless the core's resend check lets it go. Tells the user why and
   * offers the way on.
   */
  private async holdBack(target: RequestTarget, prepared: PreparedRequest): Promise<string | undefined> {
    const entry = this.registry.get(requestKey(target.document.uri, target.request));
    // Without a dialect there is no version to merge onto or to check: the request goes as written.
    if (!entry || !entry.flow.resolvable) return undefined;
    await entry.refetching;
    // Settled by that refetch (the write had already landed): nothing is left to hold back for.
    if (!this.registry.isOpen(entry)) return undefined;
    const body = await this.bodies.bodyNow(entry, target.document, target.file, target.request);
    const check = entry.flow.checkResend(body, prepared);
    if (check.ok) return undefined;
    const problem = check.message;
    this.log.info(`Not sent (open ${entry.report.status} conflict): ${problem}`);
    this.registry.showPanel(entry);
    const args: TargetArgs = [target.document.uri, target.request.index];
    const rebaseFirst = 'Rebase';
    const overwrite = 'Overwrite…';
    void vscode.window
      .showWarningMessage(
        `${this.resending === entry.key ? 'Not resent' : 'Not sent'}: this request has an unresolved ${entry.report.status} conflict — ${problem}`,
        rebaseFirst,
        overwrite,
      )
      .then(async (answer) => {
        if (answer === rebaseFirst) await this.commands.rebaseCommand(args);
        else if (answer === overwrite) await this.commands.overwriteCommand(args);
      });
    return problem;
  }

  /**
   * Refetch, rebase and resend while the merge is clean. When the resource changes again
   * between the refetch and the resend (another writer is busy), the core's contention loop
   * goes again — at most `rounds` times, with growing, jittered pauses — and stops at the
   * first real conflict. Every resend passes the resend check, so nothing is overwritten unseen.
   */
  async resolveCommand(args: TargetArgs, rounds = 3): Promise<void> {
    const located = await this.registry.locate(args, 'resolve');
    if (!located) return;
    let entry: ConflictEntry = located.entry;
    if (entry.report.kind === 'not-a-version-conflict') {
      void vscode.window.showInformationMessage(`This is not a version conflict: ${entry.report.summary}`);
      return;
    }
    const controller = new AbortController();
    const ran = await contend<'stopped'>({
      rounds,
      signal: controller.signal,
      sleep: async (ms, signal, round) =>
        await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: `The resource changed again — round ${round} of ${rounds} in ${ms} ms…`,
            cancellable: true,
          },
          (_p, token) => {
            token.onCancellationRequested(() => controller.abort());
            return sleepFor(ms, signal);
          },
        ),
      attempt: async (round) => {
        if (round > 1) await entry.refetching;
        if (!(await this.commands.refetch(entry))) return { again: false, result: 'stopped' };
        const open = entry.flow.openConflicts();
        if (open.length) {
          void vscode.window.showWarningMessage(
            `The merge has ${open.length} conflict(s): decide them in the panel (Keep mine / Take theirs), then Rebase and Resend.`,
          );
          return { again: false, result: 'stopped' };
        }
        if (!(await this.commands.applyRebase(entry))) return { again: false, result: 'stopped' };
        const found = await this.registry.request(entry);
        if (!found || !this.registry.isOpen(entry)) return { again: false, result: 'stopped' };
        const outcome = await this.runner.sendTarget(found);
        const next = this.registry.get(entry.key);
        if (!outcome || outcome.kind !== 'response' || !outcome.conflict || !next || next === entry)
          return { again: false, result: 'stopped' };
        entry = next;
        return { again: true };
      },
    });
    if (ran.kind === 'exhausted') {
      void vscode.window.showWarningMessage(
        `The resource changed again in each of ${rounds} rounds; gave up. Every attempt carried its precondition, so nothing was overwritten.`,
      );
    }
  }
}
