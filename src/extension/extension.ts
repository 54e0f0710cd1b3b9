// The table of contents of the extension: build the services, register everything, and hand
// the in-editor tests a small view of the state.
import * as vscode from 'vscode';
import { FileSnapshotStore } from '../core/conflict/snapshot-store';
import { closeSenderAgents } from './lazy-sender';
import type { PanelAction, PanelState, PanelToHost } from '../protocol';
import { parsePanelMessage } from '../protocol';
import { RequestCodeLenses } from './code-lenses';
import { commandIds } from './command-ids';
import { ConflictController } from './conflict-controller';
import { Environments } from './environments';
import { FileDiagnostics } from './file-diagnostics';
import { HttpDocuments } from './http-documents';
import { guarded, type BoundaryHost } from './lifecycle/error-boundary';
import { Log } from './log';
import { ResponsePanel } from './panel/response-panel';
import { ConflictQuickFixes } from './quick-fixes';
import { RequestFolding } from './request-folding';
import { RequestRunner } from './request-runner';
import type { TargetArgs } from './request-target';
import { VariableHovers } from './variable-hovers';
import { VersionDocuments } from './version-documents';
import { ResponseDocuments } from './panel/response-documents';
import { runProbeCommand } from './probe-command';
import { WriteGuards } from './write-guards';
import { HttpTestController } from './testing/http-test-controller';
import type { TestsSnapshot } from './testing/http-test-controller';
import type { HistoryApi } from './history/history-view';
import { HistoryView } from './history/history-view';

export interface ExtensionApi {
  /** What the response panel was last told to show. */
  panelState(): PanelState;
  /** The sentences the error boundary has shown, oldest first (for the in-editor tests). */
  reportedErrors(): readonly string[];
  /** Handles a message as if the panel had posted it (for the in-editor tests); settles when done. */
  fromPanel(message: unknown): Promise<unknown>;
  /** The Testing view's items and latest results, and a run of some (or all) of them. */
  tests(): TestsSnapshot;
  runTests(ids?: readonly string[]): Promise<TestsSnapshot>;
  /** The response history and its view. */
  readonly history: HistoryApi;
}

const selector: vscode.DocumentSelector = { language: 'http' };

/**
 * The only commands whose result reaches the caller (Send All's summary, whether Rebase
 * merged, Resend's outcome — a write's answer, rarely big). A command run from the workbench
 * (a keybinding, the palette, a CodeLens) sends its result back over the editor's RPC: Send's
 * outcome holds the whole response body, and serialising 10 MB of it as JSON took the
 * extension host seconds and the workbench as long again to read (bench: panel).
 */
const commandsWithResults: ReadonlySet<string> = new Set<keyof typeof commandIds>(['sendAll', 'rebase', 'resend']);

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const own = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  const log = own(new Log());
  const documents = own(new HttpDocuments());
  const environments = own(new Environments());
  const panel = own(new ResponsePanel(context.extensionUri, log));
  const versions = own(new VersionDocuments());
  const responseDocuments = own(new ResponseDocuments());
  const snapshots = new FileSnapshotStore(vscode.Uri.joinPath(context.globalStorageUri, 'snapshots').fsPath, {
    onProblem: (p) => log.warn(`Snapshot store: ${p.message}`),
  });
  const runner = own(new RequestRunner(documents, environments, panel, log, snapshots));
  const history = own(
    new HistoryView({
      storageDir: vscode.Uri.joinPath(
        context.storageUri ?? vscode.Uri.joinPath(context.globalStorageUri, 'no-workspace'),
        'history',
      ).fsPath,
      panel,
      log,
      onDidSend: runner.onDidSend,
      onDidSendOnBehalf: runner.onDidSendOnBehalf,
      showingBody: (body) => (runner.lastResponse = body),
      openCommand: commandIds.historyOpen,
    }),
  );
  const conflicts = own(new ConflictController(documents, environments, runner, versions, log));
  const tests = own(
    new HttpTestController({
      parse: (document) => documents.parse(document),
      send: (target, how) => runner.sendInEditor(target, how),
      gate: () => runner.scriptTrust.gate(),
    }),
  );
  const sessionFor = (uri: vscode.Uri) => runner.session(uri);
  const recordsAt = (document: vscode.TextDocument, line: number) => {
    const request = documents.requestAt(document, line);
    return request ? runner.recordsFor(document.uri, request) : runner.session(document.uri).records;
  };
  const guards = new WriteGuards(documents, environments, sessionFor, runner.knownTokens);
  const diagnostics = own(
    new FileDiagnostics(documents, environments, sessionFor, async (d, sources) =>
      (await guards.findings(d, true, sources)).map(WriteGuards.toDiagnostic),
    ),
  );
  // What a send returned (a named result, a version token) changes what the file's hints say.
  // A big body's tokens are known a moment after its send returned (exchange-observer.ts).
  own(runner.onDidSend(({ target }) => void runner.recorded().then(() => diagnostics.schedule(target.document, 0))));

  own(vscode.languages.registerCodeLensProvider(selector, own(new RequestCodeLenses(documents, conflicts))));
  own(
    vscode.languages.registerCodeActionsProvider(
      selector,
      new ConflictQuickFixes(documents),
      ConflictQuickFixes.metadata,
    ),
  );
  own(vscode.languages.registerCodeActionsProvider(selector, guards, WriteGuards.metadata));
  own(vscode.languages.registerHoverProvider(selector, new VariableHovers(documents, environments, recordsAt)));
  own(vscode.languages.registerFoldingRangeProvider(selector, new RequestFolding(documents)));

  const commands: Record<keyof typeof commandIds, (...args: TargetArgs) => unknown> = {
    send: (...args) => runner.send(args),
    sendAll: (...args) => runner.sendAll(args),
    cancel: () => runner.cancel(),
    refetch: (...args) => conflicts.refetchCommand(args),
    rebase: (...args) => conflicts.rebaseCommand(args),
    resend: (...args) => conflicts.resendCommand(args),
    resolve: (...args) => conflicts.resolveCommand(args),
    compare: (...args) => conflicts.compareCommand(args),
    takeTheirs: (...args) => conflicts.takeTheirsCommand(args),
    overwrite: (...args) => conflicts.overwriteCommand(args),
    selectEnvironment: () => environments.pick(),
    copyAsCurl: (...args) => runner.copyAsCurl(args),
    addPrecondition: (...args) => guards.addPrecondition(args),
    probe: (...args) => runProbeCommand(args, { documents, environments, runner, panel }),
    historyOpen: (node) => history.open(node),
    historyCompareWithPrevious: (node) => history.compareWithPrevious(node),
    historyCompareTwo: () => history.compareTwo(),
    historyDelete: (node) => history.delete(node),
    historyClear: () => history.clear(),
  };
  // Every command and panel message runs inside the error boundary: one plain sentence and
  // a Show Log button for the user, the stack in the log, cancellations quiet.
  const reported: string[] = [];
  const boundary: BoundaryHost = {
    logError: (message, error) => {
      reported.push(message);
      log.error(message, error);
    },
    logInfo: (message) => log.info(message),
    showError: (message, ...buttons) => vscode.window.showErrorMessage(message, ...buttons),
    showLog: () => log.channel.show(true),
  };
  const titles = new Map<string, string>(
    (context.extension.packageJSON.contributes?.commands ?? []).map((c: { command: string; title: string }) => [
      c.command,
      c.title,
    ]),
  );
  for (const [key, run] of Object.entries(commands)) {
    const id = commandIds[key as keyof typeof commandIds];
    const answers = commandsWithResults.has(key);
    own(
      vscode.commands.registerCommand(
        id,
        guarded(boundary, titles.get(id) ?? id, async (...args: TargetArgs) => {
          const result = await run(...args);
          return answers ? result : undefined;
        }),
      ),
    );
  }

  own(panel.onDidAction((message: PanelToHost) => void onPanelMessage(message)));

  function onPanelMessage(message: PanelToHost): Promise<unknown> {
    switch (message.type) {
      case 'ready':
        return Promise.resolve();
      case 'decideConflict':
        return guarded(boundary, 'Deciding a conflict', () =>
          conflicts.decide(message.conflictKey, message.conflictId, message.choice),
        )();
      case 'action':
        return guarded(boundary, `The panel's ${message.action} action`, () =>
          runPanelAction(message.action, message.conflictKey),
        )();
    }
  }

  async function runPanelAction(action: PanelAction, conflictKey: string | undefined): Promise<unknown> {
    switch (action) {
      case 'openBody':
        // Read-only and virtual: VS Code's editor shows a body of any size without freezing.
        return runner.lastResponse && responseDocuments.open(runner.lastResponse);
      case 'copyBody':
      case 'saveBody':
        return runner.bodyAction(action);
      case 'cancel':
        return runner.cancel();
      case 'copyAsCurl':
        return vscode.commands.executeCommand(commandIds.copyAsCurl);
      case 'compareWithPrevious':
        return vscode.commands.executeCommand(commandIds.historyCompareWithPrevious);
      default: {
        // Conflict actions act on the conflict whose view sent them, never on another one.
        // Add Precondition is also offered by the probe's view, which names no conflict.
        const unnamed = action === 'addPrecondition' && conflictKey === undefined;
        const args = unnamed ? await conflicts.shownArgs() : await conflicts.argsForKey(conflictKey);
        return args && vscode.commands.executeCommand(commandIds[action], ...args);
      }
    }
  }

  return {
    panelState: () => panel.state,
    reportedErrors: () => [...reported],
    fromPanel: async (raw) => {
      const message = parsePanelMessage(raw);
      return message && onPanelMessage(message);
    },
    tests: () => tests.snapshot(),
    runTests: (ids) => tests.runIds(ids),
    history: history.api,
  };
}

export async function deactivate(): Promise<void> {
  await closeSenderAgents();
}
