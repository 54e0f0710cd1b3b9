// What a run of several requests (the editor's Send All) did, request by request, as the CLI
// prints it: method, name or URL, status and a verdict — and where it stopped. A file is often
// a sequence ("read; save; publish"): once a write is refused or a request cannot be sent as
// written, what follows was written for a state the server is not in, so the run stops there
// (the CLI's `run` does the same).
import type { ConflictReport } from '../conflict/conflict-model';
import type { ParsedRequest } from '../http-file/http-file-model';
import { redactText, redactUrl } from '../redact';
import type { SessionOutcome } from './request-session';

export type RunVerdict = 'passed' | 'failed' | 'conflict' | 'cancelled' | 'not-sent';

export interface RunEntry {
  readonly verdict: RunVerdict;
  /** Whether it went out (a request cancelled in flight did; one cancelled at a prompt did not). */
  readonly sent: boolean;
  /** 1-based line of the request line. */
  readonly line: number;
  readonly method: string;
  /** The URL as sent (redacted), or as written when it was not sent. */
  readonly url: string;
  readonly name?: string;
  readonly status?: number;
  readonly statusText?: string;
  /** Why it failed, what the conflict is, which tests failed. */
  readonly detail?: string;
}

export interface RunSummary {
  readonly entries: readonly RunEntry[];
  /** The request the run stopped at and why; undefined when every request ran. */
  readonly stopped?: { readonly entry: RunEntry; readonly reason: string };
  /** Requests after the stop, never sent. */
  readonly skipped: readonly RunEntry[];
}

type Outcome = SessionOutcome<ConflictReport>;

function base(request: ParsedRequest): Pick<RunEntry, 'line' | 'method' | 'name'> {
  return {
    line: request.requestLineRange.start.line + 1,
    method: request.method,
    ...(request.metadata.name ? { name: request.metadata.name } : {}),
  };
}

/** A request that never went out: `reason` says why (cancelled at a prompt, not sent as written). */
export function unsentEntry(request: ParsedRequest, verdict: 'not-sent' | 'cancelled', detail?: string): RunEntry {
  return { ...base(request), verdict, sent: false, url: redactUrl(request.url), ...(detail ? { detail } : {}) };
}

export function runEntry(outcome: Outcome): RunEntry {
  if (outcome.kind === 'not-sent') return unsentEntry(outcome.request, 'not-sent', outcome.problems.join(' · '));
  const secrets = outcome.prepared.secrets;
  const sent = { ...base(outcome.request), sent: true, url: redactUrl(outcome.prepared.request.url, secrets) };
  if (outcome.kind === 'failed') {
    const verdict = outcome.failure.code === 'aborted' ? 'cancelled' : 'failed';
    return { ...sent, verdict, detail: redactText(outcome.failure.message, secrets) };
  }
  const { status, statusText } = outcome.response;
  const failedTests = (outcome.tests ?? []).filter((t) => !t.passed).map((t) => t.name);
  const conflict = outcome.conflict;
  const verdict: RunVerdict =
    conflict && conflict.kind !== 'not-a-version-conflict'
      ? 'conflict'
      : conflict || status >= 400 || failedTests.length
        ? 'failed'
        : 'passed';
  const detail = conflict
    ? conflict.summary
    : failedTests.length
      ? `failed test(s): ${failedTests.join(', ')}`
      : undefined;
  return { ...sent, verdict, status, statusText, ...(detail ? { detail: redactText(detail, secrets) } : {}) };
}

/** Why a run must not go on after this outcome (undefined: go on). */
export function stopReason(outcome: Outcome): string | undefined {
  if (outcome.kind === 'not-sent') return 'it could not be sent as written';
  if (outcome.kind === 'failed') return outcome.failure.code === 'aborted' ? 'it was cancelled' : 'no response arrived';
  const report = outcome.conflict;
  if (!report) return undefined;
  const status = outcome.response.status;
  if (report.kind === 'not-a-version-conflict') return `the server refused it (${status}, not a version conflict)`;
  return `its ${status} conflict is unresolved`;
}

function label(entry: RunEntry): string {
  return `line ${entry.line}${entry.name ? ` (${entry.name})` : ''}`;
}

const marks: Record<RunVerdict, string> = { passed: '✔', failed: '✘', conflict: '✘', cancelled: '⊘', 'not-sent': '✘' };

function count(n: number, one: string, many = one): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One sentence for the notification: `5 sent: 4 OK, 1 conflict`, and where the run stopped. */
export function summaryLine(summary: RunSummary): string {
  const by = (v: RunVerdict) => summary.entries.filter((e) => e.verdict === v).length;
  const sent = summary.entries.filter((e) => e.sent).length;
  const parts = [
    by('passed') ? `${by('passed')} OK` : '',
    by('conflict') ? count(by('conflict'), 'conflict', 'conflicts') : '',
    by('failed') ? `${by('failed')} failed` : '',
    by('cancelled') ? `${by('cancelled')} cancelled` : '',
  ].filter(Boolean);
  const unsent = summary.entries.filter((e) => !e.sent).length + summary.skipped.length;
  const totals = `${sent} sent${parts.length ? `: ${parts.join(', ')}` : ''}${unsent ? `; ${unsent} not sent` : ''}`;
  if (!summary.stopped) return totals;
  return `Stopped at ${label(summary.stopped.entry)}: ${summary.stopped.reason}. ${totals}.`;
}

/** The report, one line per request, as the CLI's `run` prints it. */
export function reportLines(summary: RunSummary): string[] {
  const lines: string[] = [];
  for (const e of summary.entries) {
    const status = e.status !== undefined ? `${e.status}${e.statusText ? ` ${e.statusText}` : ''}  ` : '';
    lines.push(`${marks[e.verdict]} ${status}${e.method} ${e.url}  ${label(e)}  ${e.verdict}`);
    if (e.detail) lines.push(`  ${e.detail}`);
  }
  if (summary.stopped) {
    const why = `The run stopped at ${label(summary.stopped.entry)}: ${summary.stopped.reason}.`;
    lines.push(summary.skipped.length ? `✘ ${why} Nothing after it was sent:` : `✘ ${why}`);
    for (const s of summary.skipped) lines.push(`  ✘ not sent, ${label(s)}: ${s.method} ${s.url}`);
  }
  lines.push(summaryLine(summary));
  return lines;
}
