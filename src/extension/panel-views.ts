// Builds what the response panel shows from what the core returned. Secrets are redacted
// here, before anything crosses into the webview.
import { ownWriteAdvice } from '../core/conflict/already-applied';
import type { ConflictReport } from '../core/conflict/conflict-model';
import type { Change, MergeConflict, MergeResult } from '../core/merge/merge-model';
import { redactHeaders, redactText, redactUrl } from '../core/redact';
import type { PreparedRequest } from '../core/run/prepare-request';
import type { HttpResponse, SendFailure } from '../core/send/send-model';
import { headerValue } from '../core/send/send-model';
import { reindentJson } from './panel/reindent-json';
import type { ConflictAction, ConflictStep, ConflictView, ResponseView, SentRequestView } from '../protocol';

const utf8 = new TextDecoder('utf-8', { fatal: false });
const previewLimit = 256 * 1024;

function looksBinary(bytes: Uint8Array, contentType: string | undefined): boolean {
  if (contentType && /^(image|audio|video)\/|application\/(octet-stream|pdf|zip|gzip)/i.test(contentType)) return true;
  const sample = bytes.subarray(0, 1024);
  let controls = 0;
  for (const b of sample) if (b === 0 || (b < 9 && b !== 0)) controls++;
  return controls > 0;
}

export function requestView(prepared: PreparedRequest, label: string | undefined): SentRequestView {
  const { request, secrets, bodyText } = prepared;
  return {
    method: request.method,
    url: redactUrl(request.url, secrets),
    label,
    headers: redactHeaders(request.headers, secrets),
    body:
      bodyText !== undefined
        ? redactText(
            bodyText.length > previewLimit
              ? `${bodyText.slice(0, previewLimit)}\n… (${bodyText.length - previewLimit} more characters)`
              : bodyText,
            secrets,
          )
        : request.body
          ? '(streamed from a file)'
          : undefined,
  };
}

/**
 * Handing the webview 10 MB cost about two seconds of message passing on the editor's thread
 * (bench/results.md, panel), so it gets at most 64 K characters — over a thousand lines,
 * pages of scrolling — and every character of it is re-indented here, posted, parsed and
 * drawn while the user types, on two threads the editor needs (bench: panel); Open in Editor
 * / Copy / Save use the whole body, which the host keeps. A JSON body is re-indented here
 * first (off the webview's thread, and only as far as the panel shows it), so a one-line body
 * is readable.
 */
export const panelBodyLimit = 64 * 1024;

/**
 * Bytes of a big body decoded for the panel: four times what it shows leaves room for the
 * indentation a pretty-printed body loses when re-indented. Decoding all of a 10 MB body
 * for a 64 K view was tens of milliseconds before the panel was sent anything.
 */
const panelPrefixBytes = 4 * panelBodyLimit;

function bodyForPanel(
  bytes: Uint8Array,
  contentType: string | undefined,
): { text: string; cut: boolean; formatted: boolean } {
  if (bytes.length > panelPrefixBytes) {
    // A multi-byte character cut at the end of the prefix is left out, not turned into U+FFFD.
    const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, panelPrefixBytes), {
      stream: true,
    });
    if (looksJson(contentType, head)) {
      // Only a view cut inside the prefix is what the whole body's would be.
      const pretty = reindentJson(head, panelBodyLimit);
      if (pretty && !pretty.complete) return { text: pretty.text, cut: true, formatted: true };
    } else if (head.length > panelBodyLimit) return cutText(head);
  }
  const text = utf8.decode(bytes);
  if (looksJson(contentType, text)) {
    const pretty = reindentJson(text, panelBodyLimit);
    if (pretty) return { text: pretty.text, cut: !pretty.complete, formatted: true };
  }
  return cutText(text);
}

function cutText(text: string): { text: string; cut: boolean; formatted: boolean } {
  if (text.length <= panelBodyLimit) return { text, cut: false, formatted: false };
  const lineEnd = text.lastIndexOf('\n', panelBodyLimit);
  return {
    text: text.slice(0, lineEnd > panelBodyLimit / 2 ? lineEnd + 1 : panelBodyLimit),
    cut: true,
    formatted: false,
  };
}

/** The same choice as the panel's highlighter: a JSON media type, or no type and a body that opens like JSON. */
function looksJson(contentType: string | undefined, text: string): boolean {
  const type = (contentType ?? '').toLowerCase().split(';')[0].trim();
  if (/[/+]json$/.test(type)) return true;
  if (type && type !== 'text/plain' && type !== 'application/octet-stream') return false;
  const head = text.slice(0, 256).trimStart();
  return head.startsWith('{') || head.startsWith('[');
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function responseView(response: HttpResponse, secrets: readonly string[]): ResponseView {
  const contentType = headerValue(response.headers, 'content-type');
  const binary = looksBinary(response.body, contentType);
  const shown = binary ? undefined : bodyForPanel(response.body, contentType);
  const notices = shown?.cut
    ? [
        ...response.notices,
        `The panel shows the first ${size(Buffer.byteLength(shown.text))}${shown.formatted ? ' (formatted)' : ''} of this ${size(response.body.length)} body: Open in Editor, Copy Body and Save Body use all of it.`,
      ]
    : response.notices;
  return {
    status: response.status,
    statusText: response.statusText,
    httpVersion: response.httpVersion,
    headers: redactHeaders(response.headers, secrets),
    contentType,
    body: shown
      ? shown.text
      : `Binary body (${response.body.length} bytes${contentType ? `, ${contentType}` : ''}). Use Save Body to keep it.`,
    binary,
    sizeBytes: response.body.length,
    truncated: response.truncated,
    ...(shown?.cut ? { cut: true } : {}),
    durationMs: Math.round(response.timings.total),
    timings: { ...response.timings },
    notices,
  };
}

export function failureView(failure: SendFailure, secrets: readonly string[]): { code: string; message: string } {
  return { code: failure.code, message: redactText(failure.message, secrets) };
}

export function tokenText(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

export interface ConflictViewInput {
  readonly report: ConflictReport;
  readonly step: ConflictStep;
  readonly hasBase: boolean;
  readonly merge?: MergeResult;
  readonly currentToken?: string;
  readonly decisions: ReadonlyMap<string, 'ours' | 'theirs'>;
  /** Conflicts the user decided: the merge no longer reports them, the panel still shows them. */
  readonly decided?: readonly MergeConflict[];
  /** base → yours as the user wrote it (after a rebase the document also holds their changes). */
  readonly userChanges?: readonly Change[];
  readonly refetchProblem?: string;
  /** The user took the current version into the editor: nothing is left to decide or send. */
  readonly tookTheirs?: boolean;
  /** A 428's request now carries this precondition header (Add Precondition ran, or the user typed it). */
  readonly precondition?: string;
  /** The refetch showed the write already on the server (`ConflictWorkflow.landed`): these words. */
  readonly landed?: string;
}

/**
 * The conflict in one sentence, for the banner and the diagnostic. The summary names the
 * current token only when the conflict response carried it; once the refetch read it, the
 * sentence says it — once — instead of asking to refetch.
 */
export function conflictSentence(report: ConflictReport, currentToken: string | undefined): string {
  let sentence = report.summary;
  const current = currentToken ?? tokenText(report.currentToken?.value);
  if (report.kind !== 'not-a-version-conflict' && current && !sentence.includes(current)) {
    sentence = sentence.replace(/, refetch to see the current version\.$/, `, current ${current}.`);
    if (!sentence.includes(current)) sentence += ` The current version is ${current}.`;
  }
  return sentence;
}

export function conflictView(input: ConflictViewInput): ConflictView {
  const { report, merge, step } = input;
  const versionConflict = report.kind !== 'not-a-version-conflict';
  const open = merge ? merge.conflicts.filter((c) => !input.decisions.has(c.id)) : [];
  const current = input.currentToken ?? tokenText(report.currentToken?.value);
  const stale = tokenText(report.staleToken?.value);
  const off = (reason: string) => ({ enabled: false, reason });
  const on = { enabled: true };
  if (versionConflict && input.tookTheirs) return tookTheirsView(input, current, stale);
  if (versionConflict && input.landed) return landedView(input, input.landed, current, stale);
  // A 428 asked only for a precondition: once the request has one, sending it is the next step.
  const preconditionAdded = report.kind === 'precondition-required' && input.precondition !== undefined;
  const resendState =
    step !== 'rebased' && !preconditionAdded
      ? off('Rebase onto the current version first.')
      : open.length
        ? off(`${open.length} conflict(s) still need a decision.`)
        : on;
  const actions: Partial<Record<ConflictAction, { enabled: boolean; reason?: string }>> = versionConflict
    ? {
        ...(report.kind === 'precondition-required'
          ? { addPrecondition: preconditionAdded ? off(`Done: the request now sends ${input.precondition}.`) : on }
          : {}),
        refetch: on,
        rebase: merge ? on : off('Refetch the current version first.'),
        resend: resendState,
        resolve: on,
        compare: merge ? on : off('Refetch the current version first.'),
        takeTheirs: merge ? on : off('Refetch the current version first.'),
        overwrite: merge ? on : off('Refetch the current version first.'),
      }
    : {};
  let banner = conflictSentence(report, current);
  if (input.refetchProblem) banner += ` ${input.refetchProblem}`;
  if (preconditionAdded)
    banner += ` The request now sends ${input.precondition}: Resend sends it with the version it names.`;
  return {
    kind: report.kind,
    banner,
    dialect: report.dialectLabel,
    confidence: report.confidence,
    evidence: report.evidence,
    staleToken: stale,
    currentToken: current,
    serverMessage: report.serverMessage,
    step,
    hasBase: input.hasBase,
    theirsChanges: merge?.theirsChanges ?? [],
    oursChanges: input.userChanges ?? merge?.oursChanges ?? [],
    merged: merge?.merged,
    conflicts: [
      ...(input.decided ?? []).filter((d) => input.decisions.has(d.id) && !merge?.conflicts.some((c) => c.id === d.id)),
      ...(merge?.conflicts ?? []),
    ],
    decisions: Object.fromEntries(input.decisions),
    actions,
    ...(report.retry ? { retry: report.retry } : {}),
  };
}

/**
 * The user's own earlier write already landed: the panel's own-write view instead of a merge
 * of the write onto itself. Nothing is offered: there is nothing to rebase, resend or decide.
 */
function landedView(
  input: ConflictViewInput,
  landed: string,
  current: string | undefined,
  stale: string | undefined,
): ConflictView {
  const { report, merge } = input;
  return {
    kind: report.kind,
    banner: landed,
    dialect: report.dialectLabel,
    confidence: report.confidence,
    evidence: [...report.evidence, 'The refetched current version already holds every change this write makes.'],
    staleToken: stale,
    currentToken: current,
    serverMessage: report.serverMessage,
    step: input.step,
    hasBase: input.hasBase,
    theirsChanges: merge?.theirsChanges ?? [],
    oursChanges: input.userChanges ?? merge?.oursChanges ?? [],
    conflicts: [],
    decisions: {},
    actions: {},
    retry: ownWriteAdvice,
  };
}

/** After Take Theirs: the editor holds the current version; only comparing is left to do. */
function tookTheirsView(
  input: ConflictViewInput,
  current: string | undefined,
  stale: string | undefined,
): ConflictView {
  const { report, merge } = input;
  const done = { enabled: false, reason: 'You took the current version: there is nothing left to resolve.' };
  return {
    kind: report.kind,
    banner: `You took the current version${current ? ` (${current})` : ''} into the editor; nothing was sent and nothing is left to decide. Undo brings your changes back — Send then asks you to rebase them first.`,
    dialect: report.dialectLabel,
    confidence: report.confidence,
    evidence: report.evidence,
    staleToken: stale,
    currentToken: current,
    serverMessage: report.serverMessage,
    step: 'rebased',
    hasBase: input.hasBase,
    theirsChanges: merge?.theirsChanges ?? [],
    oursChanges: input.userChanges ?? [],
    conflicts: [],
    decisions: {},
    actions: {
      refetch: done,
      rebase: done,
      resend: done,
      resolve: done,
      compare: { enabled: true },
      takeTheirs: done,
      overwrite: done,
    },
  };
}
