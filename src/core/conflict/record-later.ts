// Keeping a response as a snapshot reads its version tokens, which parses the whole body: for
// a 10 MB body that is a few hundred milliseconds the extension host spent before the panel
// was even sent the response (bench: panel). Work queued here runs after the current task and
// after the editor's pending messages have gone out, one piece at a time, in order; whoever
// classifies the next exchange awaits `settled()` first, so it sees every snapshot kept before.
import type { SnapshotStore } from './snapshot-store';

export class RecordLater {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly onError: (error: unknown) => void = () => undefined,
    /** When queued work may start (the editor also waits for the panel to have the response). */
    private readonly turn: () => Promise<void> = afterPendingMessages,
  ) {}

  /** Queues `work`; it never throws into the caller (a failure goes to `onError`). */
  queue(work: () => Promise<void> | void): void {
    this.tail = this.tail
      .then(() => this.turn())
      .then(work)
      .catch((error: unknown) => this.onError(error));
  }

  /** Resolves once everything queued so far has run. */
  settled(): Promise<void> {
    return this.tail;
  }
}

/**
 * Two timer turns: a message posted in the task that queued the work (the response for the
 * panel) is written out by a timer of its own, scheduled after the first of these turns and
 * so run before the second.
 */
export function afterPendingMessages(): Promise<void> {
  return new Promise((resolve) => setTimeout(() => setTimeout(resolve, 0), 0));
}

/** `store`, whose reads first wait for the queued work: a base lookup never misses a snapshot. */
export function readsAfter(later: RecordLater, store: SnapshotStore): SnapshotStore {
  return {
    record: (snapshot) => store.record(snapshot),
    history: async (url) => {
      await later.settled();
      return store.history(url);
    },
  };
}
