// Keeps snapshot capture off the request path. Reading the tokens and the body of a response
// (every dialect, JSON parses, the store's bookkeeping) used to run between the response and
// the next request; here it runs in a timer turn, while a later request is on the wire.
// Not `setImmediate`: undici writes a request on a reused keep-alive socket from an immediate
// of its own, queued when the next request is sent — after ours, so a capture run there held
// up every write. Timers run at the top of the loop, after the check phase that wrote the
// request and before the poll that waits for its answer; captures batch up meanwhile.
// Exchanges are captured in the order they were handed in, and every read of the store first
// captures what is still pending, so a base lookup never misses a snapshot and never sees them
// out of order.
import type { Exchange } from './conflict-model';
import { captureSnapshot, type CaptureOptions } from './snapshot-capture';
import type { Snapshot, SnapshotStore } from './snapshot-store';

interface PendingCapture {
  readonly exchange: Exchange;
  readonly options: CaptureOptions;
  /** When the exchange was handed in: the snapshot's time, however late it is captured. */
  readonly at: number;
}

export class DeferredCapture implements SnapshotStore {
  private queue: PendingCapture[] = [];
  private scheduled = false;
  /** Records reach the store one after another, in capture order. */
  private written: Promise<void> = Promise.resolve();

  /** `onError`: a record the store refused (the send it came from has long succeeded). */
  constructor(
    private readonly store: SnapshotStore,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  /** Queues a successful exchange for capture; it becomes a snapshot if it is worth keeping. */
  capture(exchange: Exchange, options: CaptureOptions = {}): void {
    this.queue.push({ exchange, options, at: Date.now() });
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => void this.drain(), 0);
  }

  async record(snapshot: Snapshot): Promise<void> {
    await this.drain();
    const recorded = this.written.then(() => this.store.record(snapshot));
    this.written = recorded.catch(() => undefined);
    return recorded;
  }

  async history(url: string): Promise<readonly Snapshot[]> {
    await this.drain();
    return this.store.history(url);
  }

  /** Resolves once every exchange handed in so far is captured and written. */
  settled(): Promise<void> {
    return this.drain();
  }

  private drain(): Promise<void> {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return this.written;
    this.queue = [];
    for (const { exchange, options, at } of batch) {
      let snapshot: Snapshot | undefined;
      try {
        snapshot = captureSnapshot(exchange, { ...options, now: options.now ?? (() => new Date(at)) });
      } catch (error) {
        this.onError(error as Error);
        continue;
      }
      if (!snapshot) continue;
      const kept = snapshot;
      this.written = this.written.then(() => this.store.record(kept)).catch((error: Error) => this.onError(error));
    }
    return this.written;
  }
}
