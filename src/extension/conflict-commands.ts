// The conflict quick fixes as editor adapters: find the conflict's request, ask the core
// workflow what to do, then apply it as one undoable WorkspaceEdit or say why not. Refetch
// (a safe read), Rebase, a decision from the panel, Compare Versions, Take Theirs and
// Overwrite (only after a confirmation that names what will be lost).
import * as vscode from 'vscode';
import type { Choice } from '../core/conflict/conflict-workflow';
import { refetchCurrent } from './lazy-resolve';
import { headerValue } from '../core/send/send-model';
import type { ConflictBodies } from './conflict-body';
import type { ConflictEntry, ConflictRegistry } from './conflict-registry';
import { readConfig } from './config';
import type { Environments } from './environments';
import type { Log } from './log';
import { addTokenEdits, replaceBody } from './request-edits';
import type { RequestRunner } from './request-runner';
import type { TargetArgs } from './request-target';
import type { VersionDocuments } from './version-documents';

export class ConflictCommands {
  constructor(
    private readonly registry: ConflictRegistry,
    private readonly bodies: ConflictBodies,
    private readonly environments: Environments,
    private readonly runner: RequestRunner,
    private readonly versions: VersionDocuments,
    private readonly log: Log,
  ) {}

  private async withProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (_p, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return work(controller.signal);
      },
    );
  }

  // ── Refetch ────────────────────────────────────────────────────────────────────────────
  async refetchCommand(args: TargetArgs): Promise<void> {
    const located = await this.registry.locate(args, 'refetch', false);
    if (located) await this.refetch(located.entry);
  }

  /** True when the conflict is still open with the current version read (false: failed, or nothing left to resolve). */
  async refetch(entry: ConflictEntry): Promise<boolean> {
    const dialect = entry.flow.dialect;
    if (!dialect) {
      void vscode.window.showWarningMessage(
        'No known dialect explains this conflict, so there is no current version to fetch.',
      );
      return false;
    }
    const options = await this.runner.sendOptions(entry.uri);
    const config = readConfig(entry.uri);
    const fetched = await this.withProgress('Refetching the current version…', (signal) =>
      refetchCurrent({
        exchange: entry.exchange,
        report: entry.report,
        dialect,
        snapshots: this.runner.snapshots,
        send: (request, s) =>
          this.runner.sendOnBehalf(
            request,
            { ...options, signal: s ?? signal },
            { by: 'refetch', uri: entry.uri, label: entry.label, secrets: entry.outcome.prepared.secrets },
          ),
        signal,
        classify: { versionFields: config.versionFields, serverManagedFields: config.serverManagedFields },
      }),
    );
    // Request variables keep naming the version the user's body was written against: only
    // a rebase (or taking the current version) points this request at the new one.
    if (!entry.flow.afterRefetch(fetched).ok) {
      this.registry.showPanel(entry);
      return false;
    }
    await this.preview(entry);
    this.registry.showPanel(entry);
    if (entry.flow.landed) {
      this.settleLanded(entry, entry.flow.landed);
      return false;
    }
    // The diagnostic can now name the current version instead of asking for a refetch.
    this.registry.refreshDiagnostics();
    return true;
  }

  /**
   * The write already landed (the CLI's exit 7): the panel keeps the own-write view, and the
   * conflict is settled — no diagnostic, no Resolve lens, no send held back. The request's
   * variables are not pointed at the current version: it may hold others' changes besides
   * the user's, which a later send of this body would overwrite.
   */
  private settleLanded(entry: ConflictEntry, landed: string): void {
    this.log.info(`Conflict settled: ${landed}`);
    this.registry.forget(entry.key);
    void vscode.window.setStatusBarMessage('$(pass) Your write already landed — nothing was resent', 8000);
  }

  /** Merges the body as it reads now, for the panel only. */
  private async preview(entry: ConflictEntry): Promise<void> {
    const found = await this.registry.request(entry);
    if (!found) return;
    const { rebased, problem } = entry.flow.rebaseNow(
      await this.bodies.bodyNow(entry, found.document, found.file, found.request),
    );
    if (problem && entry.flow.current) this.log.warn(problem);
    entry.flow.preview(rebased);
  }

  // ── Rebase ─────────────────────────────────────────────────────────────────────────────
  async rebaseCommand(args: TargetArgs): Promise<boolean> {
    const located = await this.registry.locate(args, 'rebase');
    if (!located) return false;
    const { entry } = located;
    if (entry.report.kind === 'not-a-version-conflict') {
      void vscode.window.showInformationMessage(`Nothing to rebase: ${entry.report.summary}`);
      return false;
    }
    if (!entry.flow.current && !(await this.refetch(entry))) return false;
    return this.applyRebase(entry);
  }

  async applyRebase(entry: ConflictEntry): Promise<boolean> {
    // Merge again from the document as it is *now*: the user may have edited since the conflict.
    const found = await this.registry.request(entry);
    if (!found) return false;
    const { document, file, request } = found;
    const body = await this.bodies.bodyNow(entry, document, file, request);
    const plan = entry.flow.planRebase(body);
    if (!plan.ok) {
      this.log.warn(`Rebase refused: ${plan.problem}`);
      if (plan.problem.startsWith('Not rebased')) void vscode.window.showErrorMessage(plan.problem);
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    if (plan.bodyText !== undefined) replaceBody(edit, document, request, plan.bodyText);
    addTokenEdits(edit, document, request, plan.tokenUpdates, body.resolve);
    if (edit.size > 0 && !(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(
        'The rebase could not be written into the document (it changed meanwhile). Try again.',
      );
      return false;
    }
    this.bodies.adoptCurrent(entry, request);
    const open = entry.flow.afterRebase(plan, body.text);
    this.registry.showPanel(entry);
    if (open.length) {
      const words =
        plan.rebased.result.merge.kind === 'text'
          ? 'Resolve the conflict markers in the body'
          : 'Decide them in the panel (Keep mine / Take theirs)';
      void vscode.window.showWarningMessage(
        `Rebased with ${open.length} conflict(s) left. ${words}; Resend stays off until then.`,
      );
    } else {
      entry.readyMessage?.dispose();
      entry.readyMessage = vscode.window.setStatusBarMessage(
        '$(git-merge) Rebased onto the current version — ready to resend',
        5000,
      );
    }
    return true;
  }

  // ── Decisions from the panel ───────────────────────────────────────────────────────────
  /** A Keep mine / Take theirs from the panel, for the conflict its view named. */
  async decide(entry: ConflictEntry, conflictId: string, choice: Choice): Promise<void> {
    const next = entry.flow.decide(conflictId, choice);
    if (next === 'unknown') {
      void vscode.window.showWarningMessage(
        'That decision is for a merge conflict this request no longer has (the panel was out of date). Nothing was changed.',
      );
      return;
    }
    if (next === 'rebase') {
      await this.applyRebase(entry);
      return;
    }
    await this.preview(entry);
    this.registry.showPanel(entry);
  }

  // ── Compare ────────────────────────────────────────────────────────────────────────────
  /** Base, current and yours, JSON formatted alike on every side; the user picks the pair. */
  async compareCommand(args: TargetArgs): Promise<void> {
    const located = await this.registry.locate(args, 'compare', false);
    if (!located) return;
    const { entry, request } = located;
    if (!entry.flow.current && !(await this.refetch(entry))) return;
    const texts = entry.flow.compareTexts(
      request.body?.text ?? '',
      headerValue(entry.flow.current!.response.headers, 'content-type'),
    );
    if (!texts) return;
    const uri = (side: 'base' | 'current' | 'yours') =>
      this.versions.put(entry.key, `${side}.${texts.ext}`, texts.texts[side] ?? '');
    const items = texts.pairs.map((pair) => ({ label: pair.label, left: uri(pair.left), right: uri(pair.right) }));
    const picked =
      items.length > 1 ? await vscode.window.showQuickPick(items, { title: 'HTTP: Compare Versions' }) : items[0];
    if (picked)
      await vscode.commands.executeCommand(
        'vscode.diff',
        picked.left,
        picked.right,
        `${entry.label ?? 'Request'}: ${picked.label}`,
      );
  }

  // ── Take theirs ────────────────────────────────────────────────────────────────────────
  async takeTheirsCommand(args: TargetArgs): Promise<void> {
    const located = await this.registry.locate(args, 'take the current version for');
    if (!located) return;
    const { entry, document, file, request } = located;
    if (!entry.flow.current && !(await this.refetch(entry))) return;
    const plan = entry.flow.planTakeTheirs(await this.bodies.bodyNow(entry, document, file, request));
    if (!plan) return;
    const edit = new vscode.WorkspaceEdit();
    replaceBody(edit, document, request, plan.bodyText);
    addTokenEdits(edit, document, request, plan.tokenUpdates, plan.resolve);
    if (!(await vscode.workspace.applyEdit(edit))) return;
    // The body is the current version now, so its variables name it. The conflict stays
    // registered (quietly) so that Undo followed by Send is held back like any unmerged body.
    this.bodies.adoptCurrent(entry, request);
    entry.flow.afterTakeTheirs();
    this.registry.changedEntries();
    this.registry.showPanel(entry);
    void vscode.window.showInformationMessage(
      'Your changes were replaced by the current version in the editor (Undo brings them back). Nothing was sent.',
    );
  }

  // ── Overwrite ──────────────────────────────────────────────────────────────────────────
  async overwriteCommand(args: TargetArgs): Promise<void> {
    const located = await this.registry.locate(args, 'overwrite');
    if (!located) return;
    const { entry, document, file, request } = located;
    if (!entry.flow.current && !(await this.refetch(entry))) return;
    // The first button is the dialog's default (Enter): the safe way, never the destructive one.
    const rebaseInstead = 'Rebase Instead';
    const overwrite = 'Overwrite';
    const answer = await vscode.window.showWarningMessage(
      `Overwrite the current version of ${entry.exchange.request.url}?`,
      { modal: true, detail: `These changes by others will be lost:\n${entry.flow.overwriteLosses()}` },
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
    const plan = prepared.ok ? entry.flow.planOverwrite(prepared.prepared) : undefined;
    if (!prepared.ok || !plan?.ok) {
      void vscode.window.showErrorMessage(
        `Not sent: ${prepared.ok ? (plan && !plan.ok ? plan.problem : 'the current version token is unknown') : prepared.problems[0]}`,
      );
      return;
    }
    await this.runner.sendConfirmed(target, { ...prepared.prepared, ...plan.outgoing });
  }
}
