// The editor's response history: every response a send receives is kept (redacted, bounded,
// per workspace) through the core's FileHistoryStore; a read of a URL read before gets a
// one-line "what changed since" on the panel. The store is the core's; this file only wires
// it to the runner's sends, the settings and the panel.
import * as vscode from 'vscode';
import type { HistoryEntry, HistoryInput, HistoryOrigin } from '../../core/history/history-entry';
import { defaultHistoryBodyLimit, historyEntrySliced } from '../../core/history/history-entry';
import type { HistorySummary } from '../../core/history/history-store';
import { FileHistoryStore } from '../../core/history/history-store';
import { changeLine, compareEntries } from '../../core/history/compare-text';
import { afterPendingMessages } from '../../core/conflict/record-later';
import type { IgnorePattern } from '../../core/history/ignore-paths';
import { parseIgnorePath } from '../../core/history/ignore-paths';
import type { ParsedRequest } from '../../core/http-file/http-file-model';
import type { SessionOutcome } from '../../core/run/request-session';
import type { OutgoingRequest, SendResult } from '../../core/send/send-model';
import type { HistoryLineView, ResponseView, SentRequestView } from '../../protocol';
import { Disposable } from '../lifecycle/disposable';
import type { ResponsePanel } from '../panel/response-panel';
import { readHistorySettings } from './history-settings';

/** What the runner reports of a finished send (its `onDidSend`). */
export interface SentExchange {
  readonly target: { readonly document: vscode.TextDocument; readonly request: ParsedRequest };
  readonly outcome: SessionOutcome<unknown>;
}

/** What the runner reports of a request the conflict flow or the probe sent (its `onDidSendOnBehalf`). */
export interface SentOnBehalfExchange {
  readonly by: HistoryOrigin;
  /** The .http file of the request it was sent for. */
  readonly uri: vscode.Uri;
  /** That request's label (`# @name` or title). */
  readonly label?: string;
  readonly request: OutgoingRequest;
  readonly result: SendResult;
  /** Secret values resolved for the request it was sent for, to redact. */
  readonly secrets: readonly string[];
}

export interface HistoryLog {
  warn(message: string): void;
}

/**
 * When History does its work for a send: the runner posts the response to the panel and then
 * tells History in the same task, and the message goes out only once that task is over —
 * redacting, pretty-printing and hashing the body there held the response back from the panel
 * (bench: panel). By default the work waits until the pending messages have gone out.
 */
export type HistoryTurn = () => Promise<void>;

/**
 * Deliberately narrower than the safe methods (core/http-methods.ts): only GET and HEAD answer
 * with the resource itself, so only they get a "what changed since" line. An OPTIONS or TRACE
 * answer describes the server or echoes the request — comparing two of them says nothing
 * about the resource.
 */
const comparableReads: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/** "10:42" today, "Nov 26, 10:42" on another day; with seconds where two can share a minute (the list, diff titles). */
export function shortTime(iso: string, withSeconds = false, now = new Date()): string {
  const time = new Date(iso);
  const clock = time.toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
  });
  return time.toDateString() === now.toDateString()
    ? clock
    : `${time.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}, ${clock}`;
}

export class ResponseHistory extends Disposable {
  readonly store: FileHistoryStore;
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  /** The list changed (a response kept, one deleted, all cleared). */
  readonly onDidChange = this.changeEmitter.event;
  /** The entry of the response the panel shows (for the panel's Compare with Previous). */
  shownEntryId: string | undefined;
  private recording: Promise<unknown> = Promise.resolve();
  /** Counts sends, so a summary computed late never lands on a later send's response. */
  private sends = 0;

  constructor(
    dir: string,
    private readonly panel: ResponsePanel,
    private readonly log: HistoryLog,
    private readonly turn: HistoryTurn = afterPendingMessages,
  ) {
    super();
    this.store = new FileHistoryStore(dir, {
      limits: () => readHistorySettings(),
      onProblem: (p) => log.warn(`Response history: ${p.message}`),
    });
  }

  /** The configured JSON paths to leave out of comparisons; a path that does not parse is logged once per use. */
  ignorePatterns(scope?: vscode.Uri): IgnorePattern[] {
    const patterns: IgnorePattern[] = [];
    for (const source of readHistorySettings(scope).compareIgnore) {
      const parsed = parseIgnorePath(source);
      if ('error' in parsed) this.log.warn(`httpConflicts.compare.ignore: ${parsed.error}`);
      else patterns.push(parsed);
    }
    return patterns;
  }

  /** Settles once every response received so far is kept (for tests and for Compare). */
  settled(): Promise<unknown> {
    return this.recording;
  }

  /** Called for every finished send; keeps a response, never throws into the send. */
  onSend({ target, outcome }: SentExchange): void {
    if (outcome.kind !== 'response') return;
    const { prepared, response } = outcome;
    const input = this.inputOf(
      target.document.uri,
      {
        label: target.request.metadata.name ?? target.request.title,
        request: {
          method: prepared.request.method,
          url: prepared.request.url,
          headers: prepared.request.headers,
          bodyText: prepared.bodyText,
          streamed: prepared.request.body !== undefined && prepared.bodyText === undefined,
        },
        response,
      },
      prepared.secrets,
    );
    if (!input) return;
    const send = ++this.sends;
    const conflict = Boolean(outcome.conflict);
    this.later(input, (entry) => this.keep(entry, send, conflict, target.document.uri));
  }

  /**
   * A refetch or a probe's request: a real answer from the server the user may want to
   * compare with, so it is kept too — labelled by who sent it, under the request it was sent
   * for. It never puts a line on the panel (the panel shows the conflict or the probe).
   */
  onSendOnBehalf(sent: SentOnBehalfExchange): void {
    if (!sent.result.ok) return;
    const { request } = sent;
    const input = this.inputOf(
      sent.uri,
      {
        label: sent.label,
        by: sent.by,
        request: {
          method: request.method,
          url: request.url,
          headers: request.headers,
          bodyText: request.body?.kind === 'text' ? request.body.text : undefined,
          streamed: request.body !== undefined && request.body.kind !== 'text',
        },
        response: sent.result.response,
      },
      sent.secrets,
    );
    if (!input) return;
    this.later(input, async (entry) => {
      if (!(await this.store.add(entry))) return;
      this.changeEmitter.fire();
    });
  }

  /**
   * Builds the entry and hands it to `keep` after History's turn, in order with every send
   * before; `settled()` covers it from now on, so a read of the history never misses it.
   */
  private later(input: EntryInput, keep: (entry: HistoryEntry) => Promise<void>): void {
    const work = this.recording
      .then(() => this.turn())
      .then(async () => {
        const entry = await this.entryOf(input);
        if (entry) await keep(entry);
      });
    this.recording = work.catch(() => undefined);
  }

  /** What to keep, read when the response arrived (settings, time), or undefined when history is off. */
  private inputOf(
    uri: vscode.Uri,
    input: Omit<HistoryInput, 'file' | 'time'>,
    secrets: readonly string[],
  ): EntryInput | undefined {
    const config = readHistorySettings(uri);
    if (config.maxEntries === 0) return undefined;
    return {
      input: {
        ...input,
        file: uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri) : uri.toString(),
        time: new Date(),
      },
      secrets,
      bodyLimit: Math.min(defaultHistoryBodyLimit, Math.max(1024, Math.floor(config.maxBytes / 4))),
    };
  }

  /** The entry to keep, or undefined (the response could not be read). */
  private async entryOf({ input, secrets, bodyLimit }: EntryInput): Promise<HistoryEntry | undefined> {
    try {
      return await historyEntrySliced(input, secrets, bodyLimit);
    } catch (error) {
      this.log.warn(`Response history: the response was not kept: ${(error as Error).message}`);
      return undefined;
    }
  }

  private async keep(entry: HistoryEntry, send: number, conflict: boolean, scope: vscode.Uri): Promise<void> {
    const summary = await this.store.add(entry);
    if (!summary) return;
    this.shownEntryId = entry.id;
    this.changeEmitter.fire();
    if (conflict || !comparableReads.has(entry.request.method.toUpperCase())) return;
    const line = await this.lineFor(entry, scope);
    // Only onto this response: not after a later send, not over a conflict or another view.
    const shown = this.panel.state;
    if (
      line &&
      send === this.sends &&
      shown.view === 'response' &&
      !shown.conflict &&
      shown.request?.url === entry.request.url
    )
      this.panel.update({ ...shown, history: line });
  }

  /** "3 fields changed since 10:42" against the previous read of the same method and URL. */
  async lineFor(entry: HistoryEntry, scope?: vscode.Uri): Promise<HistoryLineView | undefined> {
    const previous = await this.store.previous(entry.id, 'resource');
    const old = previous && (await this.store.get(previous.id));
    if (!old) return undefined;
    const changes = compareEntries(old, entry, this.ignorePatterns(scope));
    return { summary: changeLine(changes, shortTime(old.time)), changed: changes.changed };
  }

  async list(): Promise<readonly HistorySummary[]> {
    await this.settled();
    return this.store.list();
  }

  async remove(id: string): Promise<void> {
    await this.store.remove(id);
    this.changeEmitter.fire();
  }

  async clear(): Promise<void> {
    await this.settled();
    await this.store.clear();
    this.shownEntryId = undefined;
    this.changeEmitter.fire();
  }

  /** Shows a kept response in the panel, as it was received. */
  async openInPanel(id: string): Promise<boolean> {
    const entry = await this.store.get(id);
    if (!entry) return false;
    const line = comparableReads.has(entry.request.method.toUpperCase()) ? await this.lineFor(entry) : undefined;
    this.shownEntryId = entry.id;
    this.panel.show({
      view: 'response',
      request: requestViewOf(entry),
      response: responseViewOf(entry),
      ...(line ? { history: line } : {}),
    });
    return true;
  }
}

interface EntryInput {
  readonly input: HistoryInput;
  readonly secrets: readonly string[];
  readonly bodyLimit: number;
}

/** Who sent an entry the user did not send by hand, in the words the panel and the tree use. */
export const originWords: Readonly<Record<HistoryOrigin, string>> = {
  refetch: 'a refetch of the current version after a conflict',
  probe: 'a request of the lost-update probe',
};

function requestViewOf(entry: HistoryEntry): SentRequestView {
  const { request } = entry;
  return {
    method: request.method,
    url: request.url,
    label: entry.label,
    headers: request.headers,
    body: request.body ?? (request.bodyOmitted ? `(not kept: ${request.bodyOmitted})` : undefined),
  };
}

function responseViewOf(entry: HistoryEntry): ResponseView {
  const { response } = entry;
  return {
    status: response.status,
    statusText: response.statusText,
    httpVersion: response.httpVersion,
    headers: response.headers,
    contentType: response.contentType,
    body: response.bodyOmitted ? `The body was not kept in the history: ${response.bodyOmitted}.` : response.bodyText,
    binary: false,
    sizeBytes: response.sizeBytes,
    truncated: response.truncated,
    durationMs: entry.durationMs,
    timings: { ...entry.timings },
    notices: [
      `From the response history: received ${new Date(entry.time).toLocaleString()}${entry.file ? ` from ${entry.file}` : ''}${entry.by ? ` — ${originWords[entry.by]}` : ''}.`,
    ],
  };
}
