// One deadline for the whole exchange, redirects included: undici's headers and body timeouts
// are per phase (the body one between chunks), so a slow drip would otherwise never end. The
// user's Cancel ends it the same way.
export type StopCause = 'user' | 'deadline';

/** What a stop is handed to: the attempt in flight (its undici handler aborts it at once). */
export interface Stoppable {
  stop(reason: unknown): void;
}

export interface Deadline {
  /** Why the exchange was stopped, decided at the moment it was; undefined while running. */
  cause(): StopCause | undefined;
  /** The attempt to stop from now on (each hop hands in its own); stopped at once if already due. */
  watch(attempt: Stoppable): void;
  dispose(): void;
}

function timeUp(deadline: ExchangeDeadline): void {
  deadline.stopWith('deadline', new DOMException(`No answer within ${deadline.totalTimeoutMs} ms`, 'TimeoutError'));
}

// No AbortController and no AbortSignal per request: a plain timer (its callback shared, the
// deadline passed as its argument) and, only when the caller gave one, a listener on the
// user's signal. An AbortController with its listeners in undici cost more per request than
// the rest of the sender's bookkeeping together (bench/results.md, send).
class ExchangeDeadline implements Deadline {
  private stopCause: StopCause | undefined;
  private reason: unknown;
  private attempt: Stoppable | undefined;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly onUser: (() => void) | undefined;

  constructor(
    private readonly userSignal: AbortSignal | undefined,
    readonly totalTimeoutMs: number,
  ) {
    if (userSignal?.aborted) this.stopWith('user', userSignal.reason);
    else if (userSignal) {
      this.onUser = () => this.stopWith('user', userSignal.reason);
      userSignal.addEventListener('abort', this.onUser, { once: true });
    }
    if (totalTimeoutMs > 0 && !this.stopCause) {
      this.timer = setTimeout(timeUp, totalTimeoutMs, this);
      this.timer.unref();
    }
  }

  cause(): StopCause | undefined {
    return this.stopCause;
  }

  watch(attempt: Stoppable): void {
    this.attempt = attempt;
    if (this.stopCause) attempt.stop(this.reason);
  }

  stopWith(why: StopCause, reason: unknown): void {
    if (this.stopCause) return;
    this.stopCause = why;
    this.reason = reason;
    this.attempt?.stop(reason);
  }

  dispose(): void {
    this.attempt = undefined;
    if (this.timer) clearTimeout(this.timer);
    if (this.onUser) this.userSignal?.removeEventListener('abort', this.onUser);
  }
}

export function createDeadline(userSignal: AbortSignal | undefined, totalTimeoutMs: number): Deadline {
  return new ExchangeDeadline(userSignal, totalTimeoutMs);
}
