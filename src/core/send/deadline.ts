// One signal for the whole exchange, redirects included: undici's headers and body timeouts
// are per phase (the body one between chunks), so a slow drip would otherwise never end.
export type StopCause = 'user' | 'deadline';

export interface Deadline {
  readonly signal: AbortSignal;
  /** Why the signal fired, decided at the moment it fired; undefined while running. */
  readonly cause: () => StopCause | undefined;
  readonly dispose: () => void;
}

export function createDeadline(userSignal: AbortSignal | undefined, totalTimeoutMs: number): Deadline {
  const sources: AbortSignal[] = [];
  if (userSignal) sources.push(userSignal);
  if (totalTimeoutMs > 0) sources.push(AbortSignal.timeout(totalTimeoutMs));
  const signal =
    sources.length === 0 ? new AbortController().signal
    : sources.length === 1 ? sources[0]
    : AbortSignal.any(sources);
  let cause: StopCause | undefined = userSignal?.aborted ? 'user' : undefined;
  const onAbort = (): void => {
    cause ??= userSignal?.aborted ? 'user' : 'deadline';
  };
  signal.addEventListener('abort', onAbort, { once: true });
  return {
    signal,
    cause: () => cause,
    dispose: () => signal.removeEventListener('abort', onAbort),
  };
}
