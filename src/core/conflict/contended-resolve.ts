// Resolve under contention: when the resend meets yet another change ("conflict-again"), the
// version just refetched becomes the base, the merged body becomes "ours", and the loop goes
// again after an exponential pause with jitter — so two clients retrying together drift
// apart instead of colliding in lockstep. It stops at a real merge conflict, at anything
// that is not another version conflict, on cancel, or when the round budget is spent. Every
// resend goes through `resolveConflict`, which never sends a write without a precondition.
import type { ConflictReport, Exchange } from './conflict-model';
import type { ResolveInput, ResolveOutcome, ResolveSteps } from './resolve-conflict';
import { resolveConflict } from './resolve-conflict';

export interface Backoff {
  /** Pause before the second round; doubled before each later one. */
  readonly baseMs: number;
  /** Upper bound of any one pause. */
  readonly maxMs: number;
  /** 0.5 → each pause is drawn from ±50% around its nominal value. */
  readonly jitter: number;
}

export const defaultBackoff: Backoff = { baseMs: 100, maxMs: 5_000, jitter: 0.5 };

export interface ResolveRound {
  /** From 1. */
  readonly round: number;
  /** The pause taken before this round (0 before the first). */
  readonly delayMs: number;
  readonly steps: ResolveSteps;
}

export type ContendedOutcome = ResolveOutcome | 'retries-exhausted';

export interface ContendedResolution {
  readonly outcome: ContendedOutcome;
  readonly message: string;
  readonly rounds: readonly ResolveRound[];
  /** The last round's steps (undefined when no round ran). */
  readonly final?: ResolveSteps;
}

export interface ContendedResolveInput extends ResolveInput {
  /** Most refetch–merge–resend rounds (the `--retries` budget). */
  readonly rounds: number;
  readonly backoff?: Backoff;
  /** Injected so tests never wait; must reject or resolve promptly when the signal aborts. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1). */
  readonly random?: () => number;
  /** Called as each round ends, for progress in the editor and lines in the CLI. */
  readonly onRound?: (round: ResolveRound) => void;
}

/** The pause before round `round` (2, 3, …): base × 2^(round−2), ± jitter, capped. */
export function backoffDelay(round: number, backoff: Backoff, random: () => number): number {
  if (round <= 1) return 0;
  const nominal = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (round - 2));
  const spread = 1 + backoff.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(Math.min(backoff.maxMs, nominal * spread)));
}

export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

interface NextRound {
  readonly exchange: Exchange;
  readonly report?: ConflictReport;
  readonly userBodyText?: string;
}

/** After "conflict-again": the resend that conflicted is the write to resolve next. */
function nextRound(steps: ResolveSteps): NextRound | undefined {
  const resend = steps.resend;
  if (!resend?.exchange || !resend.plan.ok) return undefined;
  return { exchange: resend.exchange, report: resend.report, userBodyText: resend.plan.bodyText };
}

function describeTokens(tokens: readonly { value: string | number }[]): string {
  return tokens.length ? tokens.map((t) => String(t.value)).join(' / ') : 'a copy without a version token';
}

/** The token both conflicts named as current, when they named the same one; else undefined. */
function sameCurrentVersion(before?: ConflictReport, after?: ConflictReport): string | undefined {
  const a = before?.currentTokens ?? [];
  const b = after?.currentTokens ?? [];
  if (a.length === 0 || a.length !== b.length) return undefined;
  const same = a.every((t, i) => String(t.value) === String(b[i].value));
  return same ? describeTokens(a) : undefined;
}

/** One attempt of a contended loop: `again` when the resource changed again meanwhile. */
export type Attempt<R> = { readonly again: true; readonly result?: R } | { readonly again: false; readonly result: R };

export interface ContentionInput<R> {
  /** Most attempts. */
  readonly rounds: number;
  readonly backoff?: Backoff;
  /** Injected so tests never wait (and the editor shows the pause); must end promptly on abort. */
  readonly sleep?: (ms: number, signal: AbortSignal | undefined, round: number) => Promise<void>;
  readonly random?: () => number;
  readonly signal?: AbortSignal;
  readonly attempt: (round: number, delayMs: number) => Promise<Attempt<R>>;
}

export type Contention<R> =
  | { readonly kind: 'done'; readonly result: R; readonly rounds: number }
  | { readonly kind: 'aborted'; readonly rounds: number; readonly last?: R }
  | { readonly kind: 'exhausted'; readonly rounds: number; readonly last?: R };

/**
 * The contention loop — the only one: the CLI's `--on-conflict=rebase` and the editor's
 * Resolve both run their rounds through it. Before every round after the first it pauses
 * (exponential, jittered, capped); it stops at the first attempt that is not `again`, on
 * cancel, or when the budget is spent.
 */
export async function contend<R>(input: ContentionInput<R>): Promise<Contention<R>> {
  const backoff = input.backoff ?? defaultBackoff;
  const sleep = input.sleep ?? sleepFor;
  const random = input.random ?? Math.random;
  let last: R | undefined;
  let done = 0;
  for (let round = 1; round <= input.rounds; round++) {
    const delayMs = backoffDelay(round, backoff, random);
    if (delayMs > 0) await sleep(delayMs, input.signal, round);
    if (input.signal?.aborted) return { kind: 'aborted', rounds: done, last };
    const attempt = await input.attempt(round, delayMs);
    done = round;
    last = attempt.result ?? last;
    if (!attempt.again) return { kind: 'done', result: attempt.result, rounds: done };
  }
  return { kind: 'exhausted', rounds: done, last };
}

export async function resolveUnderContention(input: ContendedResolveInput): Promise<ContendedResolution> {
  const rounds: ResolveRound[] = [];
  let current: NextRound = { exchange: input.exchange, report: input.report, userBodyText: input.userBodyText };
  const ran = await contend<ContendedResolution>({
    rounds: input.rounds,
    backoff: input.backoff,
    sleep: input.sleep ? (ms, signal) => input.sleep!(ms, signal) : undefined,
    random: input.random,
    signal: input.signal,
    attempt: async (round, delayMs) => {
      const steps = await resolveConflict({ ...input, ...current });
      const done: ResolveRound = { round, delayMs, steps };
      rounds.push(done);
      input.onRound?.(done);
      if (steps.outcome !== 'conflict-again')
        return { again: false, result: { outcome: steps.outcome, message: steps.message, rounds, final: steps } };
      const next = nextRound(steps);
      if (!next)
        return {
          again: false,
          result: {
            outcome: 'resend-failed',
            message: 'The resend conflicted again and left nothing to merge from.',
            rounds,
            final: steps,
          },
        };
      const stale = sameCurrentVersion(steps.report, next.report);
      if (stale) {
        // Not contention: the server's version did not move, yet reading it gave another one.
        return {
          again: false,
          result: {
            outcome: 'stale-refetch',
            message: `The server still names ${stale} as the current version, but reading the resource returned ${describeTokens(steps.refetch?.exchange ? (steps.rebase?.currentTokens ?? []) : [])}: a cache or a lagging replica answers the reads, so no merge can reach the current version. The resend was refused by its precondition, so nothing was overwritten.`,
            rounds,
            final: steps,
          },
        };
      }
      current = next;
      return { again: true };
    },
  });
  if (ran.kind === 'done') return ran.result;
  if (ran.kind === 'aborted') {
    return {
      outcome: 'aborted',
      message: `Cancelled after ${rounds.length} round${rounds.length === 1 ? '' : 's'}; the last write was refused, so nothing was overwritten.`,
      rounds,
      final: rounds[rounds.length - 1]?.steps,
    };
  }
  const n = input.rounds;
  return {
    outcome: 'retries-exhausted',
    message:
      n === 0
        ? 'No resolve round was allowed (--retries 0): the conflict stays as it is.'
        : `The resource changed again in each of ${n} round${n === 1 ? '' : 's'}; gave up. Every attempt was refused by its precondition, so nothing was overwritten. Resolve again later, or raise --retries.`,
    rounds,
    final: rounds[rounds.length - 1]?.steps,
  };
}
