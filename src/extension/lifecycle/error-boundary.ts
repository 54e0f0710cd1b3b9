// Every command and every fire-and-forget call from the panel runs inside this boundary: an
// unexpected error never ends as VS Code's generic toast or an unhandled rejection. The stack
// goes to the log; the user gets one plain sentence and a "Show Log" button; a cancellation
// stays quiet. Free of the `vscode` import (the shell passes its window and log in), so plain
// unit tests can hold it to that.

export interface BoundaryHost {
  /** Writes the message and the error's stack to the log channel. */
  logError(message: string, error: unknown): void;
  logInfo(message: string): void;
  /** Shows an error notification with the given buttons; resolves to the one picked. */
  showError(message: string, ...buttons: string[]): PromiseLike<string | undefined>;
  showLog(): void;
}

export const showLogButton = 'Show Log';

/** True for the ways work is cancelled on purpose: VS Code's CancellationError, an aborted fetch. */
export function isCancellation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'Canceled' ||
    error.name === 'CancellationError' ||
    error.name === 'AbortError' ||
    (error as { code?: string }).code === 'ABORT_ERR'
  );
}

/** One sentence for people: what failed, in the words of the error when it has any. */
export function plainSentence(what: string, error: unknown): string {
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const firstLine = detail.split(/\r?\n/, 1)[0].trim().slice(0, 300);
  return firstLine ? `${what} failed: ${firstLine}` : `${what} failed unexpectedly.`;
}

/**
 * Wraps `run` so that it never rejects: errors are logged with their stack and shown once
 * with a Show Log button; cancellations are logged at info level and shown not at all.
 */
export function guarded<A extends unknown[]>(
  host: BoundaryHost,
  what: string,
  run: (...args: A) => unknown,
): (...args: A) => Promise<unknown> {
  return async (...args: A) => {
    try {
      return await run(...args);
    } catch (error) {
      if (isCancellation(error)) {
        host.logInfo(`${what}: cancelled`);
        return undefined;
      }
      const sentence = plainSentence(what, error);
      host.logError(sentence, error);
      // Not awaited by the caller's promise chain beyond this point: a notification left open
      // must not keep the command "running".
      void Promise.resolve(host.showError(sentence, showLogButton)).then(
        (picked) => {
          if (picked === showLogButton) host.showLog();
        },
        () => undefined,
      );
      return undefined;
    }
  };
}
