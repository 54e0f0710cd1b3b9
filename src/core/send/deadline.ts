// One signal for the whole exchange, redirects included: undici's headers and body timeouts
// are per phase (the body one between chunks), so a slow drip would otherwise never end.
export type StopCause = 'user' | 'deadline';

export interface Deadline {
  readonly signal: AbortSignal;
  /** Why the signal fired, decided at the moment it fired; undefined while running. */
  readonly cause: () => StopCause | undefined;
  readonly dispose: () => void;
}

// One controller and one timer: AbortSignal.timeout + AbortSignal.any cost more per request
// than the rest of the sender's bookkeeping together (bench/results.md, send).
export function createDeadline(userSignal: AbortSignal | undefined, totalTimeoutMs: number): Deadline {
  const controller = new AbortController();
  let cause: StopCause | undefined;
  const stop = (why: StopCause, reason: unknown): void => {
    if (cause) return;
    cause = why;
    controller.abort(reason);
  };
  const onUser = (): void => stop('user', userSignal?.reason);
  if (userSignal?.aborted) onUser();
  else userSignal?.addEventListener('abort', onUser, { once: true });
  const timer =
    totalTimeoutMs > 0 && !cause
      ? setTimeout(
          () => stop('deadline', new DOMException(`No answer within ${totalTimeoutMs} ms`, 'TimeoutError')),
          totalTimeoutMs,
        )
      : undefined;
  timer?.unref();
  return {
    signal: controller.signal,
    cause: () => cause,
    dispose: () => {
      clearTimeout(timer);
      userSignal?.removeEventListener('abort', onUser);
    },
  };
}
