// The Resolve loop the CLI and the editor share: refetch (kept as a snapshot), rebase, and —
// only when the merge is clean and a usable precondition is at hand — resend exactly once.
// Every step comes back as data so the CLI can print it and the panel can show it.
import type { OutgoingRequest, SendResult } from '../send/send-model';
import type { ClassifyOptions } from './classify-conflict';
import { classifyConflict, conflictOptions } from './classify-conflict';
import { refetchVersionProblem } from './current-version-check';
import { tokenValueProblem } from './token-safety';
import type { ConflictReport, Dialect, Exchange } from './conflict-model';
import { isSuccess, requestBodyText } from './exchange-body';
import { ConflictWorkflow } from './conflict-workflow';
import type { MergeFn, RebaseResult } from './rebase';
import type { CheckedPlan } from './resend-check';
import { planCheckedResend } from './resend-check';
import { resourceKey } from './resource-url';
import { recordExchange } from './snapshot-capture';
import type { Snapshot, SnapshotStore } from './snapshot-store';
import { findBase } from './snapshot-store';

/** The caller binds its send options (timeouts, dispatcher, TLS); the signal is per step. */
export type SendFn = (request: OutgoingRequest, signal?: AbortSignal) => Promise<SendResult>;

export type ResolveOutcome =
  | 'resolved'
  | 'not-a-conflict'
  | 'not-a-version-conflict'
  | 'refetch-failed'
  /** The refetch answered, but not with the version the conflict named (a lagging replica). */
  | 'stale-refetch'
  /** The refetched version token holds control characters: never written or sent. */
  | 'unsafe-token'
  | 'rebase-failed'
  | 'needs-decision'
  | 'conflicts-remain'
  | 'resend-refused'
  | 'resend-failed'
  | 'conflict-again'
  | 'already-applied'
  | 'aborted';

export interface RefetchStep {
  readonly request: OutgoingRequest;
  readonly result: SendResult;
  /** Present when the refetch succeeded. */
  readonly exchange?: Exchange;
}

export interface ResendStep {
  readonly plan: CheckedPlan;
  readonly result?: SendResult;
  readonly exchange?: Exchange;
  /** When the resend conflicted again: the new conflict, never retried automatically. */
  readonly report?: ConflictReport;
}

export interface ResolveSteps {
  readonly outcome: ResolveOutcome;
  /** Plain words for the notification / CLI line. */
  readonly message: string;
  readonly report?: ConflictReport;
  readonly base?: Snapshot;
  readonly refetch?: RefetchStep;
  readonly rebase?: RebaseResult;
  readonly resend?: ResendStep;
}

export interface ResolveInput {
  /** The write that came back 409/412/428. */
  readonly exchange: Exchange;
  /** The body as written in the .http file; defaults to the body that was sent. */
  readonly userBodyText?: string;
  readonly snapshots: SnapshotStore;
  readonly send: SendFn;
  readonly merge: MergeFn;
  readonly resolvePlaceholders?: (text: string) => string;
  readonly signal?: AbortSignal;
  readonly classify?: ClassifyOptions;
  /** A report already shown to the user; classified afresh when absent. */
  readonly report?: ConflictReport;
  readonly now?: () => Date;
}

function statusProblem(result: SendResult): string | undefined {
  if (!result.ok) return result.failure.message;
  if (result.response.truncated)
    return 'the response was cut at the size limit, so it cannot serve as the current version';
  if (!isSuccess(result.response.status))
    return `the server answered ${result.response.status} ${result.response.statusText}`.trim();
  return undefined;
}

function aborted(result: SendResult): boolean {
  return !result.ok && result.failure.code === 'aborted';
}

export interface RefetchInput {
  readonly exchange: Exchange;
  readonly report: ConflictReport;
  readonly dialect: Dialect;
  readonly snapshots: SnapshotStore;
  readonly send: SendFn;
  readonly signal?: AbortSignal;
  readonly classify?: ClassifyOptions;
  readonly now?: () => Date;
}

export interface RefetchOutcome {
  readonly step: RefetchStep;
  readonly base?: Snapshot;
  /** Why the refetch cannot serve as the current version; `step.exchange` is then absent. */
  readonly problem?: string;
  /** The refetch answered, but it cannot be used: another version, or a hostile token. */
  readonly refused?: 'stale-refetch' | 'unsafe-token';
}

/**
 * GET the current version and keep it as a snapshot. The base is looked up *before* the
 * refetch is recorded: after it, the newest snapshot is the current version itself. A copy
 * that is not the version the conflict named is refused here, before anyone merges onto it,
 * and is not kept: it would become the newest snapshot of a version the server left behind.
 */
export async function refetchCurrent(input: RefetchInput): Promise<RefetchOutcome> {
  const keys = [resourceKey(input.exchange.request.url)];
  const request = input.dialect.planRefetch(input.exchange);
  if (!keys.includes(resourceKey(request.url))) keys.push(resourceKey(request.url));
  let base: Snapshot | undefined;
  for (const key of keys) base ??= await findBase(input.snapshots, key, input.report.staleTokens);
  const result = await input.send(request, input.signal);
  const problem = statusProblem(result);
  if (problem || !result.ok) return { step: { request, result }, base, problem: problem ?? 'the refetch failed' };
  const exchange: Exchange = { request, response: result.response };
  const tokens = input.dialect.readTokens(exchange, conflictOptions(input.classify));
  // Checked before anything is merged: the merge copies the server's version field into the
  // body, and the editor writes that body and the token into the .http file.
  const unsafe = tokens.map((t) => tokenValueProblem(t.value)).find((p) => p !== undefined);
  if (unsafe) return { step: { request, result }, base, problem: unsafe, refused: 'unsafe-token' };
  const stale = refetchVersionProblem(input.report, tokens);
  if (stale) return { step: { request, result }, base, problem: stale, refused: 'stale-refetch' };
  await recordExchange(input.snapshots, exchange, {
    now: input.now,
    dialects: input.classify?.dialects,
    conflictOptions: conflictOptions(input.classify),
  });
  return { step: { request, result, exchange }, base };
}

export async function resolveConflict(input: ResolveInput): Promise<ResolveSteps> {
  const report = input.report ?? classifyConflict(input.exchange, input.classify);
  if (!report)
    return {
      outcome: 'not-a-conflict',
      message: `The response (${input.exchange.response.status}) is not a conflict.`,
    };
  if (report.kind === 'not-a-version-conflict')
    return { outcome: 'not-a-version-conflict', message: report.summary, report };
  // The CLI drives the same per-conflict workflow as the editor: refetch, rebase, resend check.
  const flow = new ConflictWorkflow(report, input.exchange, {
    dialects: input.classify?.dialects,
    now: input.now,
    merge: input.merge,
  });
  const dialect = flow.dialect;
  if (!dialect) {
    return {
      outcome: 'resend-refused',
      message:
        'No known dialect explains this conflict, so there is no version token to resend with. Compare the versions and decide by hand.',
      report,
    };
  }
  if (input.signal?.aborted) return { outcome: 'aborted', message: 'Cancelled before the refetch.', report };

  const fetched = await refetchCurrent({ ...input, report, dialect });
  const { step: refetch, base } = fetched;
  if (fetched.refused === 'stale-refetch') {
    return {
      outcome: 'stale-refetch',
      message: `Not rebased: ${fetched.problem}. Nothing was merged or sent; resolve again once the server answers with its current version.`,
      report,
      base,
      refetch,
    };
  }
  if (fetched.refused === 'unsafe-token') {
    return {
      outcome: 'unsafe-token',
      message: `Not rebased: ${fetched.problem}. Nothing was merged or sent.`,
      report,
      base,
      refetch,
    };
  }
  if (!flow.afterRefetch(fetched).ok) {
    const outcome = aborted(refetch.result) ? 'aborted' : 'refetch-failed';
    return {
      outcome,
      message: `Refetching the current version failed: ${fetched.problem}. Nothing was changed; the earlier snapshot stays the base.`,
      report,
      base,
      refetch,
    };
  }

  const userBodyText = input.userBodyText ?? requestBodyText(input.exchange);
  if (userBodyText === undefined) {
    return {
      outcome: 'needs-decision',
      message:
        'This write has no body to merge. Repeating it against the changed resource would discard the other change unseen: compare the versions and decide.',
      report,
      base,
      refetch,
    };
  }
  const { rebased: rebasedBody, problem } = flow.rebaseNow({
    text: userBodyText,
    resolve: input.resolvePlaceholders,
    options: conflictOptions(input.classify),
  });
  if (!rebasedBody) return { outcome: 'rebase-failed', message: problem ?? 'The merge failed.', report, base, refetch };
  const rebased = rebasedBody.result;
  const steps = { report, base, refetch, rebase: rebased };
  const landed = flow.alreadyLanded(rebasedBody);
  if (landed) return { ...steps, outcome: 'already-applied', message: landed };
  const plan = planCheckedResend({
    request: input.exchange.request,
    rebase: rebased,
    resolvePlaceholders: input.resolvePlaceholders,
    staleTokens: report.staleTokens,
  });
  if (!plan.ok) {
    const outcome = plan.reason === 'conflicts-remain' ? 'conflicts-remain' : 'resend-refused';
    return { ...steps, outcome, message: plan.message, resend: { plan } };
  }
  if (input.signal?.aborted)
    return { ...steps, outcome: 'aborted', message: 'Cancelled before the resend.', resend: { plan } };

  const result = await input.send(plan.request, input.signal);
  if (!result.ok) {
    const unknown = result.failure.mayHaveReachedServer
      ? ' The write may have reached the server: refetch to check before trying again.'
      : '';
    return {
      ...steps,
      outcome: aborted(result) ? 'aborted' : 'resend-failed',
      message: `The resend failed: ${result.failure.message}.${unknown}`,
      resend: { plan, result },
    };
  }
  const exchange: Exchange = {
    request: plan.request,
    requestBodyText: plan.request.body?.kind === 'text' ? plan.request.body.text : undefined,
    response: result.response,
  };
  if (isSuccess(result.response.status)) {
    await recordExchange(input.snapshots, exchange, {
      now: input.now,
      dialects: input.classify?.dialects,
      conflictOptions: conflictOptions(input.classify),
    });
    return {
      ...steps,
      outcome: 'resolved',
      message:
        `Rebased onto the current version and resent: ${result.response.status} ${result.response.statusText}`.trim(),
      resend: { plan, result, exchange },
    };
  }
  const again = classifyConflict(exchange, input.classify);
  if (again && again.kind !== 'not-a-version-conflict') {
    return {
      ...steps,
      outcome: 'conflict-again',
      message:
        'The resource changed again while resolving. Nothing was retried automatically: resolve again to merge the newest version.',
      resend: { plan, result, exchange, report: again },
    };
  }
  return {
    ...steps,
    outcome: 'resend-failed',
    message: `The resend was refused: ${result.response.status} ${result.response.statusText}${again?.serverMessage ? ` — ${again.serverMessage}` : ''}`,
    resend: { plan, result, exchange, report: again },
  };
}
