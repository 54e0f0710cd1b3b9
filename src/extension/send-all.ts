// Send All: every request of the file in order, stopping where the CLI's `run` stops (a
// conflict, a refusal, no response, a request that cannot be sent as written), then one line
// per request in the "HTTP Send All" output channel and a summary notification with Show.
import * as vscode from 'vscode';
import type { ConflictReport } from '../core/conflict/conflict-model';
import type { ParsedHttpFile, ParsedRequest } from '../core/http-file/http-file-model';
import type { SessionOutcome } from '../core/run/request-session';
import type { RunEntry, RunSummary } from '../core/run/run-summary';
import { reportLines, runEntry, stopReason, summaryLine, unsentEntry } from '../core/run/run-summary';
import { Disposable } from './lifecycle/disposable';

export interface SendAllHost {
  /** The file as it is now (an earlier send may have changed it). */
  parse(): ParsedHttpFile;
  /** Undefined when the request did not go out: it has errors, or the user backed out of a prompt. */
  send(file: ParsedHttpFile, request: ParsedRequest): Promise<SessionOutcome<ConflictReport> | undefined>;
}

function hasErrors(file: ParsedHttpFile, request: ParsedRequest): boolean {
  return file.diagnostics.some(
    (d) =>
      d.severity === 'error' &&
      d.range.start.line >= request.range.start.line &&
      d.range.end.line <= request.range.end.line,
  );
}

export async function sendEachInOrder(host: SendAllHost): Promise<RunSummary> {
  const entries: RunEntry[] = [];
  const count = host.parse().requests.length;
  for (let index = 0; index < count; index++) {
    const file = host.parse();
    const request = file.requests[index];
    if (!request) break;
    const outcome = await host.send(file, request);
    const entry = outcome
      ? runEntry(outcome)
      : hasErrors(file, request)
        ? unsentEntry(request, 'not-sent', 'the request has errors')
        : unsentEntry(request, 'cancelled');
    entries.push(entry);
    const reason = outcome
      ? stopReason(outcome)
      : entry.verdict === 'cancelled'
        ? 'it was cancelled before it was sent'
        : 'it could not be sent as written';
    if (reason) {
      const rest = host.parse().requests.slice(index + 1);
      return { entries, stopped: { entry, reason }, skipped: rest.map((r) => unsentEntry(r, 'not-sent')) };
    }
  }
  return { entries, skipped: [] };
}

export class SendAllReport extends Disposable {
  private channel: vscode.OutputChannel | undefined;

  /** Writes the report and says the summary; the notification is not awaited (it may stay open). */
  show(summary: RunSummary, fileName: string): void {
    this.channel ??= this.register(vscode.window.createOutputChannel('HTTP Send All'));
    const channel = this.channel;
    channel.appendLine(`Send All — ${fileName} — ${new Date().toLocaleTimeString()}`);
    for (const line of reportLines(summary)) channel.appendLine(line);
    channel.appendLine('');
    const clean = !summary.stopped && summary.entries.every((e) => e.verdict === 'passed');
    const text = summaryLine(summary);
    const shown = clean
      ? vscode.window.showInformationMessage(text, 'Show')
      : vscode.window.showWarningMessage(text, 'Show');
    void Promise.resolve(shown).then(
      (picked) => picked === 'Show' && channel.show(true),
      () => undefined,
    );
  }
}
