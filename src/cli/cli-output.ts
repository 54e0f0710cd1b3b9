// How the CLI prints exchanges: a curl -i–like block for people, one JSON object for tools.
// Secrets are redacted in both: a CI log is not a safe place for a token. Everything is
// printed through an Output (cli-writer.ts), which makes what the server said inert.
import type { ConflictReport } from '../core/conflict/conflict-model';
import { describeResendPreconditions } from '../core/conflict/resend-precondition';
import type { ResolveSteps } from '../core/conflict/resolve-conflict';
import { redactHeaders, redactText, redactUrl } from '../core/redact';
import type { ScriptResults, SessionOutcome } from '../core/run/request-session';
import { describeBytes } from '../core/send/describe-amount';
import type { HttpResponse, OutgoingRequest } from '../core/send/send-model';
import type { Output } from './cli-writer';
import { retryExitCodes } from './retry-exit-codes';

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function bodyText(response: HttpResponse): string {
  return utf8.decode(response.body);
}

/**
 * Text never holds a NUL byte; a body that does (an image, an archive, a gzip bomb of zeros)
 * is not printed as text: decoded it is garbage, and in JSON each NUL grows to six characters,
 * which made two 50 MB bombs too long for one JavaScript string and crashed `run --json`.
 */
function binaryNotice(response: HttpResponse): string | undefined {
  return response.body.indexOf(0) === -1
    ? undefined
    : `${describeBytes(response.body.length)} of binary data (it holds NUL bytes) is not printed as text`;
}

function size(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function requestJson(request: OutgoingRequest, secrets: readonly string[]) {
  return {
    method: request.method,
    url: redactUrl(request.url, secrets),
    headers: redactHeaders(request.headers, secrets),
    ...(request.body?.kind === 'text' ? { body: redactText(request.body.text, secrets) } : {}),
  };
}

function responseJson(response: HttpResponse, secrets: readonly string[]) {
  const binary = binaryNotice(response);
  return {
    status: response.status,
    statusText: response.statusText,
    httpVersion: response.httpVersion,
    url: redactUrl(response.url, secrets),
    headers: redactHeaders(response.headers, secrets),
    body: binary ? null : bodyText(response),
    ...(binary ? { bodyOmitted: binary } : {}),
    truncated: response.truncated,
    notices: response.notices,
    timings: response.timings,
  };
}

export function conflictJson(report: ConflictReport) {
  return {
    kind: report.kind,
    status: report.status,
    dialect: report.dialectId,
    dialectLabel: report.dialectLabel,
    confidence: report.confidence,
    evidence: report.evidence,
    staleTokens: report.staleTokens,
    currentTokens: report.currentTokens,
    serverMessage: report.serverMessage,
    summary: report.summary,
    ...(report.retry ? { retry: { ...report.retry, exitCode: retryExitCodes[report.retry.case] } } : {}),
  };
}

export function resolutionJson(steps: ResolveSteps, secrets: readonly string[]) {
  const merge = steps.rebase?.merge;
  return {
    outcome: steps.outcome,
    message: steps.message,
    base: steps.base ? { time: steps.base.time, tokens: steps.base.tokens } : null,
    refetch: steps.refetch
      ? {
          request: requestJson(steps.refetch.request, secrets),
          status: steps.refetch.result.ok ? steps.refetch.result.response.status : null,
        }
      : null,
    merge: merge
      ? {
          kind: merge.kind,
          mode: merge.mode,
          theirsChanges: merge.theirsChanges,
          oursChanges: merge.oursChanges,
          conflicts: merge.conflicts,
          merged: merge.merged,
        }
      : null,
    tokenUpdates: steps.rebase?.tokenUpdates ?? [],
    resend: steps.resend?.result
      ? steps.resend.result.ok
        ? {
            request: requestJson(steps.resend.plan.ok ? steps.resend.plan.request : ({} as OutgoingRequest), secrets),
            response: responseJson(steps.resend.result.response, secrets),
          }
        : { error: steps.resend.result.failure }
      : null,
  };
}

export function outcomeJson(outcome: SessionOutcome<ConflictReport>, resolution?: ResolveSteps) {
  const base = { name: outcome.request.metadata.name ?? null, line: outcome.request.requestLineRange.start.line + 1 };
  if (outcome.kind === 'not-sent') return { ...base, sent: false, problems: outcome.problems };
  const secrets = outcome.prepared.secrets;
  const request = requestJson(outcome.prepared.request, secrets);
  if (outcome.kind === 'failed')
    return {
      ...base,
      sent: true,
      request,
      error: {
        code: outcome.failure.code,
        phase: outcome.failure.phase,
        message: redactText(outcome.failure.message, secrets),
      },
    };
  return {
    ...base,
    sent: true,
    request,
    response: responseJson(outcome.response, secrets),
    ...(outcome.conflict ? { conflict: conflictJson(outcome.conflict) } : {}),
    ...(resolution ? { resolution: resolutionJson(resolution, secrets) } : {}),
  };
}

export function printOutcome(outcome: SessionOutcome<ConflictReport>, full: boolean, out: Output): void {
  const write = (line: string) => out.line(line);
  const label = outcome.request.metadata.name ? ` (${outcome.request.metadata.name})` : '';
  if (outcome.kind === 'not-sent') {
    write(`✘ not sent${label}, line ${outcome.request.requestLineRange.start.line + 1}:`);
    for (const p of outcome.problems) write(`  ${p}`);
    return;
  }
  const secrets = outcome.prepared.secrets;
  const { method, url } = outcome.prepared.request;
  if (outcome.kind === 'failed') {
    write(`✘ ${method} ${redactUrl(url, secrets)}${label}`);
    write(`  ${redactText(outcome.failure.message, secrets)}`);
    return;
  }
  const r = outcome.response;
  // A GraphQL mutation refused inside a 200 is no success either.
  const mark = r.status < 400 && !outcome.conflict ? '✔' : '✘';
  write(
    `${mark} ${r.status} ${r.statusText}  ${method} ${redactUrl(url, secrets)}${label}  (${Math.round(r.timings.total)} ms, ${size(r.body.length)})`,
  );
  for (const notice of r.notices) write(`  ! ${notice}`);
  if (outcome.conflict) printConflict(outcome.conflict, write);
  if (!full) return;
  write(`HTTP/${r.httpVersion} ${r.status} ${r.statusText}`);
  for (const [n, v] of redactHeaders(r.headers, secrets)) write(`${n}: ${v}`);
  write('');
  const binary = binaryNotice(r);
  if (binary) write(`[${binary}]`);
  else out.block(bodyText(r));
}

export function printConflict(report: ConflictReport, write: (line: string) => void): void {
  write(`  ${report.summary}`);
  write(`  dialect: ${report.dialectLabel} (confidence ${Math.round(report.confidence * 100)}%)`);
  for (const e of report.evidence) write(`    · ${e}`);
  if (report.serverMessage) write(`  server says: ${report.serverMessage}`);
  const retry = report.retry;
  if (!retry) return;
  if (retry.code)
    write(
      `  server's code: ${retry.code}${retry.source ? ` (${retry.source})` : ''}${retry.message && retry.message !== report.serverMessage ? ` — ${retry.message}` : ''}`,
    );
  write(`  ⟳ not merged — ${retry.advice}`);
}

export function printResolution(steps: ResolveSteps, write: (line: string) => void): void {
  write(`  → ${steps.message}`);
  if (steps.resend?.result && steps.rebase) {
    for (const line of describeResendPreconditions(steps.rebase.tokenUpdates, steps.report?.staleTokens))
      write(`  ${line}`);
  }
  const merge = steps.rebase?.merge;
  if (!merge) return;
  write(
    `  merge: ${merge.mode}, ${merge.theirsChanges.length} change(s) on the server, ${merge.oursChanges.length} of yours, ${merge.conflicts.length} conflict(s)`,
  );
  for (const c of merge.conflicts) write(`    ✘ ${c.description}`);
}

/** Each test under its request, ✔/✘ with the failure's message and line, then the script logs. */
export function printTests(outcome: ScriptResults, out: Output): void {
  for (const test of outcome.tests ?? []) {
    if (test.passed) out.line(`  ✔ ${test.name}`);
    else
      out.line(
        `  ✘ ${test.name}: ${test.message ?? 'failed'}${test.line ? ` (${test.file ? `${test.file}:` : 'line '}${test.line})` : ''}`,
      );
  }
  for (const log of outcome.logs ?? []) out.line(`  log: ${log}`);
}

export function testsJson(outcome: ScriptResults) {
  if (!outcome.tests && !outcome.logs) return {};
  return {
    tests: (outcome.tests ?? []).map((t) => ({
      name: t.name,
      passed: t.passed,
      message: t.message ?? null,
      line: t.line ?? null,
      ...(t.file ? { file: t.file } : {}),
    })),
    logs: outcome.logs ?? [],
  };
}
