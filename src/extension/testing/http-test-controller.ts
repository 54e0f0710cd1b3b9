// The Testing view: every .http file with tests (response handlers that call client.test /
// client.assert, or `??` assertions) is an item, its requests are its children, ranged on
// the request so a failure points at it. A run sends each request the way Send does — its
// `# @prompt` questions, the conflict guard, the file's session (scripts and assertions
// included), the conflict registered, the response in the panel — in file order, so a login
// handler's token reaches the requests after it. In Restricted Mode nothing is sent: every
// item is reported skipped, with the reason.
import * as vscode from 'vscode';
import type { ConflictReport } from '../../core/conflict/conflict-model';
import type { ParsedHttpFile, ParsedRequest } from '../../core/http-file/http-file-model';
import { parseHttpFile } from '../../core/http-file/parse-http-file';
import { redactText } from '../../core/redact';
import type { SessionOutcome } from '../../core/run/request-session';
import { stopReason } from '../../core/run/run-summary';
import type { ScriptTest } from '../../core/script/script-model';
import type { Range } from '../../core/text-range';
import { Disposable } from '../lifecycle/disposable';
import type { EditorSend, SendStopped } from './editor-send';
import type { ScriptGate } from './script-gate';
import { fileHasTests } from './script-gate';

/** What the controller needs from the rest of the extension (passed in by `activate`). */
export interface TestHost {
  /** The cached parse of an open document. */
  parse(document: vscode.TextDocument): ParsedHttpFile;
  /**
   * Sends one request the way Send does (the runner's `sendInEditor`): prompts, the file's
   * session, the conflict guard, the conflict registered, the panel when `how.show`.
   */
  send: EditorSend;
  /** Whether scripts may run now (workspace trust). */
  gate(): ScriptGate;
}

export type TestState = 'passed' | 'failed' | 'errored' | 'skipped';

/** One item's result in the latest run, as the in-editor tests read it. */
export interface TestRecord {
  readonly state: TestState;
  readonly messages: ReadonlyArray<{ readonly text: string; readonly uri?: string; readonly line?: number }>;
}

/** What the Testing view holds: files and their requests, with the latest results. */
export interface TestsSnapshot {
  readonly files: ReadonlyArray<{
    readonly id: string;
    readonly label: string;
    readonly requests: ReadonlyArray<{ readonly id: string; readonly label: string; readonly line: number }>;
  }>;
  readonly results: Readonly<Record<string, TestRecord>>;
}

const fileGlob = '**/*.{http,rest}';

function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** An item id that survives edits above the request while its name (or position) holds. */
function requestId(uri: vscode.Uri, request: ParsedRequest): string {
  return `${uri.toString()}#${request.metadata.name ? `name:${request.metadata.name}` : `index:${request.index}`}`;
}

function requestFor(file: ParsedHttpFile, uri: vscode.Uri, id: string): ParsedRequest | undefined {
  return file.requests.find((r) => requestId(uri, r) === id);
}

function requestItemLabel(request: ParsedRequest): string {
  const target = `${request.method} ${request.url}`;
  const name = request.metadata.name ?? request.title;
  return name ? `${name} — ${target}` : target;
}

/** From the request line to the end of the request: the gutter icon sits on the request line. */
function itemRange(request: ParsedRequest): vscode.Range {
  return toVsRange({ start: request.requestLineRange.start, end: request.range.end });
}

export class HttpTestController extends Disposable {
  private readonly controller = this.register(
    vscode.tests.createTestController('httpConflicts.tests', 'HTTP Requests'),
  );
  private readonly results = new Map<string, TestRecord>();
  /** Whether the run's responses still go to the panel (until the first one that does not pass). */
  private panelFollows = true;

  constructor(private readonly host: TestHost) {
    super();
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discoverWorkspace();
    };
    this.controller.refreshHandler = () => this.discoverWorkspace();
    this.controller.createRunProfile(
      'Send and Check',
      vscode.TestRunProfileKind.Run,
      (request, token) => this.run(request, token),
      true,
    );
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(fileGlob));
    this.register(watcher.onDidCreate((uri) => this.updateFromDisk(uri)));
    this.register(watcher.onDidChange((uri) => this.updateFromDisk(uri)));
    this.register(watcher.onDidDelete((uri) => this.controller.items.delete(uri.toString())));
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.updateFromDocument(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.updateFromDocument(e.document)));
    for (const document of vscode.workspace.textDocuments) this.updateFromDocument(document);
  }

  /** The items and the latest results (the extension's test API hands this to the editor suite). */
  snapshot(): TestsSnapshot {
    const files: Array<TestsSnapshot['files'][number]> = [];
    this.controller.items.forEach((file) => {
      const requests: Array<{ id: string; label: string; line: number }> = [];
      file.children.forEach((r) => requests.push({ id: r.id, label: r.label, line: r.range?.start.line ?? -1 }));
      files.push({ id: file.id, label: file.label, requests: requests.sort((a, b) => a.line - b.line) });
    });
    return { files, results: Object.fromEntries(this.results) };
  }

  /** Runs the items with these ids (every file when none are given), as the Run button does. */
  async runIds(ids?: readonly string[]): Promise<TestsSnapshot> {
    await this.discoverWorkspace();
    const include = ids?.map((id) => this.find(id)).filter((i): i is vscode.TestItem => i !== undefined);
    const source = new vscode.CancellationTokenSource();
    try {
      await this.run(new vscode.TestRunRequest(include), source.token);
    } finally {
      source.dispose();
    }
    return this.snapshot();
  }

  private find(id: string): vscode.TestItem | undefined {
    let found = this.controller.items.get(id);
    this.controller.items.forEach((file) => (found ??= file.children.get(id)));
    return found;
  }

  async discoverWorkspace(): Promise<void> {
    const uris = await vscode.workspace.findFiles(fileGlob, '**/node_modules/**', 2000);
    await Promise.all(uris.map((uri) => this.updateFromDisk(uri)));
  }

  private async updateFromDisk(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return this.updateFromDocument(open);
    try {
      const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
      this.update(uri, parseHttpFile(text));
    } catch {
      this.controller.items.delete(uri.toString());
    }
  }

  private updateFromDocument(document: vscode.TextDocument): void {
    if (document.languageId !== 'http' || document.uri.scheme === 'output') return;
    this.update(document.uri, this.host.parse(document));
  }

  /** A file with tests gets an item with every request as a child (the login too: it sets the token). */
  private update(uri: vscode.Uri, file: ParsedHttpFile): void {
    const id = uri.toString();
    if (!fileHasTests(file)) {
      this.controller.items.delete(id);
      return;
    }
    let item = this.controller.items.get(id);
    if (!item) {
      item = this.controller.createTestItem(id, vscode.workspace.asRelativePath(uri), uri);
      this.controller.items.add(item);
    }
    const fileItem = item;
    fileItem.children.replace(
      file.requests.map((request) => {
        const child = this.controller.createTestItem(requestId(uri, request), requestItemLabel(request), uri);
        child.range = itemRange(request);
        return child;
      }),
    );
  }

  /** The requests to send, per file, in file order. */
  private plan(request: vscode.TestRunRequest): Map<string, { uri: vscode.Uri; items: vscode.TestItem[] }> {
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const plan = new Map<string, { uri: vscode.Uri; items: vscode.TestItem[] }>();
    const add = (item: vscode.TestItem) => {
      if (excluded.has(item.id) || !item.uri) return;
      if (item.parent === undefined) {
        item.children.forEach(add);
        return;
      }
      if (excluded.has(item.parent.id)) return;
      const key = item.uri.toString();
      const entry = plan.get(key) ?? { uri: item.uri, items: [] };
      if (!entry.items.includes(item)) entry.items.push(item);
      plan.set(key, entry);
    };
    if (request.include) request.include.forEach(add);
    else this.controller.items.forEach(add);
    for (const entry of plan.values())
      entry.items.sort((a, b) => (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0));
    return plan;
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    this.panelFollows = true;
    const plan = this.plan(request);
    const all = [...plan.values()].flatMap((entry) => entry.items);
    for (const item of all) run.enqueued(item);
    const gate = this.host.gate();
    try {
      if (!gate.run) {
        // Restricted Mode: nothing is sent and no script runs; each item says why.
        run.appendOutput(`${gate.reason}\r\n`);
        for (const item of all) {
          run.skipped(item);
          this.results.set(item.id, { state: 'skipped', messages: [{ text: gate.reason }] });
        }
        return;
      }
      for (const { uri, items } of plan.values()) await this.runFile(run, uri, items, token);
    } finally {
      run.end();
    }
  }

  private async runFile(
    run: vscode.TestRun,
    uri: vscode.Uri,
    items: readonly vscode.TestItem[],
    token: vscode.CancellationToken,
  ): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const file = this.host.parse(document);
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    try {
      // Where the CLI's `run` and Send All stop (a conflict, a refusal, no response, a request
      // that cannot be sent), a file run stops too: the requests after it were written for a
      // server state that no longer holds, and a later write must not go out on top of it.
      let stoppedAt: string | undefined;
      for (const item of items) {
        const request = requestFor(file, uri, item.id);
        if (token.isCancellationRequested || !request || stoppedAt) {
          run.skipped(item);
          const text = stoppedAt ?? (request ? 'The run was cancelled.' : 'The request is no longer in the file.');
          this.results.set(item.id, { state: 'skipped', messages: [{ text }] });
          continue;
        }
        run.started(item);
        // Named requests this one reads (`{{login.response…}}`) are sent first when never sent.
        // The panel follows the run until a request does not pass, then stays on that one:
        // the first failure is what the user opens the panel for (a single request: always shown).
        const outcome = await this.host.send(
          { document, file, request },
          { signal: abort.signal, show: this.panelFollows, progress: false, sendDependencies: true },
        );
        const line = request.requestLineRange.start.line + 1;
        if (outcome.kind === 'stopped') {
          this.stopped(run, item, uri, request, outcome);
          if (outcome.why === 'invalid') stoppedAt = `Not sent: the run stopped at line ${line}, which has errors.`;
          continue;
        }
        const state = this.report(run, item, uri, request, outcome);
        if (state !== 'passed' || (outcome.kind === 'response' && outcome.conflict)) this.panelFollows = false;
        const reason = stopReason(outcome);
        if (reason) {
          stoppedAt = `Not sent: the run stopped at line ${line} because ${reason}.`;
          run.appendOutput(`${stoppedAt}\r\n`);
        }
      }
    } finally {
      cancelled.dispose();
    }
  }

  /** A cancelled prompt skips the item (the run goes on); a request with errors is errored. */
  private stopped(
    run: vscode.TestRun,
    item: vscode.TestItem,
    uri: vscode.Uri,
    request: ParsedRequest,
    stopped: SendStopped,
  ): void {
    const at = new vscode.Location(uri, toVsRange(request.requestLineRange));
    const record = { text: stopped.reason, uri: uri.toString(), line: at.range.start.line };
    run.appendOutput(`${stopped.reason}\r\n`, at, item);
    if (stopped.why === 'cancelled') {
      run.skipped(item);
      this.results.set(item.id, { state: 'skipped', messages: [record] });
      return;
    }
    const message = new vscode.TestMessage(stopped.reason);
    message.location = at;
    run.errored(item, message);
    this.results.set(item.id, { state: 'errored', messages: [record] });
  }

  private report(
    run: vscode.TestRun,
    item: vscode.TestItem,
    uri: vscode.Uri,
    request: ParsedRequest,
    outcome: SessionOutcome<ConflictReport>,
  ): TestState {
    const secrets = outcome.kind === 'not-sent' ? [] : outcome.prepared.secrets;
    const at = new vscode.Location(uri, toVsRange(request.requestLineRange));
    const clean = (text: string) => redactText(text, secrets);
    const tests = outcome.tests ?? [];
    for (const test of tests)
      run.appendOutput(
        `${test.passed ? '✔' : '✘'} ${clean(test.name)}${test.passed ? '' : ` — ${clean(test.message ?? 'failed')}`}\r\n`,
        this.locationOf(uri, test, at),
        item,
      );
    if (outcome.kind !== 'response') {
      const text =
        outcome.kind === 'not-sent'
          ? `Not sent: ${outcome.problems.join(' · ')}`
          : `No response: ${outcome.failure.message}`;
      const message = new vscode.TestMessage(clean(text));
      message.location = at;
      run.errored(item, message);
      this.results.set(item.id, {
        state: 'errored',
        messages: [{ text: clean(text), uri: uri.toString(), line: at.range.start.line }],
      });
      return 'errored';
    }
    const duration = outcome.response.timings.total;
    run.appendOutput(
      `${request.method} ${clean(outcome.prepared.request.url)} → ${outcome.response.status} ${outcome.response.statusText}\r\n`,
      at,
      item,
    );
    if (outcome.conflict)
      run.appendOutput(
        `Conflict: ${clean(outcome.conflict.summary)} — registered: the panel and the quick fixes offer Refetch, Rebase and Resend.\r\n`,
        at,
        item,
      );
    const failed = tests.filter((t) => !t.passed);
    if (failed.length === 0) {
      run.passed(item, duration);
      this.results.set(item.id, { state: 'passed', messages: [] });
      return 'passed';
    }
    const messages = failed.map((test) => {
      const text = `${clean(test.name)}: ${clean(test.message ?? 'failed')}`;
      const message = new vscode.TestMessage(text);
      message.location = this.locationOf(uri, test, at);
      return message;
    });
    run.failed(item, messages, duration);
    this.results.set(item.id, {
      state: 'failed',
      messages: messages.map((m) => ({
        text: String(m.message),
        uri: m.location?.uri.toString(),
        line: m.location?.range.start.line,
      })),
    });
    return 'failed';
  }

  /** Where a test failed: its line in the .http file or its handler file, else the request line. */
  private locationOf(uri: vscode.Uri, test: ScriptTest, fallback: vscode.Location): vscode.Location {
    if (test.line === undefined) return fallback;
    const where = test.file ? vscode.Uri.joinPath(uri, '..', test.file) : uri;
    return new vscode.Location(where, new vscode.Position(test.line - 1, 0));
  }
}
