// undici's handler for one attempt, in place of `dispatcher.request()`: the response head
// settles a promise and the body's chunks are kept as they arrive, up to the size cap, with
// no stream, async iterator, AbortSignal or async resource per request. Only a body that
// needs decoding (gzip, br, …) becomes a stream, for the decoders. A stop (the deadline or a
// Cancel) answers the caller at once and aborts undici's attempt behind it, even while it
// is still connecting (undici honours an abort during a TLS handshake only when its connect
// timeout fires).
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Stoppable } from './deadline';
import type { HeaderList } from './send-model';
import { BodyReadError, type CappedBody } from './read-capped-body';

type Abort = (reason?: Error) => void;

export interface ResponseStart {
  readonly status: number;
  readonly statusText: string;
  readonly headers: HeaderList;
}

/** The body of a response whose head arrived: read it (capped or as a stream), skip it, or drop it. */
export interface ResponseBody {
  /**
   * The bytes as they came, at most `maxBytes` of them; the rest is not read. With the length
   * the server announced (`expectedBytes`), they are copied as they arrive into one buffer
   * of that length instead of being joined once the last one came.
   */
  readCapped(maxBytes: number, expectedBytes?: number): Promise<CappedBody>;
  /** The bytes as a stream (for the decoders), with backpressure. */
  stream(): Readable;
  /** Reads and drops a small body so the connection stays reusable; a larger one closes it. */
  discard(limit: number): Promise<void>;
  /** Stops the response; nothing more is read. */
  cancel(): void;
}

/** The body was cut by the reader itself (the cap, a discard limit, a cancel): not a failure. */
class ReaderStopped extends Error {
  readonly code = 'UND_ERR_ABORTED';
}

/** Bodies buffered before their reader arrives beyond this pause the socket. */
const unclaimedBytes = 1024 * 1024;

type BodyMode =
  | { readonly kind: 'unclaimed' }
  | { readonly kind: 'capped'; readonly maxBytes: number }
  | { readonly kind: 'stream'; readonly stream: Readable }
  | { readonly kind: 'discard'; readonly limit: number };

function headerPairs(raw: ReadonlyArray<Buffer | string>): HeaderList {
  const pairs: Array<readonly [string, string]> = [];
  // As undici's parseRawHeaders: names as UTF-8, values as Latin-1.
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i];
    const value = raw[i + 1];
    pairs.push([
      typeof name === 'string' ? name : name.toString(),
      typeof value === 'string' ? value : value.toString('latin1'),
    ]);
  }
  return pairs;
}

function ignore(): void {}

export class HopHandler implements Dispatcher.DispatchHandler, Stoppable, ResponseBody {
  /** Settles with the response head, or with why there is none. */
  readonly head: Promise<ResponseStart>;
  private resolveHead!: (head: ResponseStart) => void;
  private rejectHead!: (error: unknown) => void;
  private headSettled = false;

  private abortAttempt: Abort | undefined;
  /** Why the attempt was stopped before undici handed over its abort function. */
  private stopReason: unknown;
  private stopped = false;

  private mode: BodyMode = { kind: 'unclaimed' };
  private chunks: Buffer[] = [];
  /**
   * The body's one buffer when its length was announced: joining a 10 MB body's chunks after
   * its last byte cost 10–100 ms between the response arriving and the panel being sent it
   * (bench: panel); copying each chunk as it comes spreads that over the transfer.
   */
  private whole: Buffer | undefined;
  private wholeBytes = 0;
  private keptBytes = 0;
  private wireBytes = 0;
  private truncated = false;
  private complete = false;
  private failure: unknown;
  private failed = false;
  private resumeSocket: (() => void) | undefined;
  private paused = false;
  private waiter: { resolve: (value: CappedBody | undefined) => void; reject: (error: unknown) => void } | undefined;

  constructor(private readonly requestBody: unknown) {
    this.head = new Promise<ResponseStart>((resolve, reject) => {
      this.resolveHead = resolve;
      this.rejectHead = reject;
    });
  }

  // --- undici's side --------------------------------------------------------------------

  onConnect(abort: Abort): void {
    this.abortAttempt = abort;
    if (this.stopped) abort(this.stopReason as Error);
  }

  onHeaders(status: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean {
    // 1xx (100 Continue, 103 Early Hints): the final response follows.
    if (status < 200) return true;
    this.resumeSocket = resume;
    this.headSettled = true;
    this.resolveHead({ status, statusText: statusText ?? '', headers: headerPairs(rawHeaders) });
    return true;
  }

  onData(chunk: Buffer): boolean {
    // Stopped by the reader (the cap, a discard, a cancel): nothing more is kept.
    if (this.failed) return false;
    this.wireBytes += chunk.length;
    const mode = this.mode;
    switch (mode.kind) {
      case 'unclaimed':
        this.chunks.push(chunk);
        this.keptBytes += chunk.length;
        return this.keptBytes < unclaimedBytes || this.pause();
      case 'capped':
        this.keep(chunk, mode.maxBytes);
        return true;
      case 'stream':
        return mode.stream.push(chunk) || this.pause();
      case 'discard':
        if (this.wireBytes > mode.limit) this.cancel();
        return true;
    }
  }

  onComplete(): void {
    if (this.failed) return;
    this.complete = true;
    const mode = this.mode;
    if (mode.kind === 'stream') mode.stream.push(null);
    else if (mode.kind !== 'unclaimed') this.settleBody();
  }

  onError(error: Error): void {
    if (!this.headSettled) {
      this.headSettled = true;
      this.destroyRequestBody(error);
      this.rejectHead(error);
      return;
    }
    if (this.complete || this.failed) return;
    this.failed = true;
    this.failure = error;
    const mode = this.mode;
    if (mode.kind === 'stream') mode.stream.destroy(error);
    else if (mode.kind !== 'unclaimed') this.settleBody();
  }

  // --- the deadline's side ----------------------------------------------------------------

  stop(reason: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stopReason = reason;
    if (!this.headSettled) {
      // Answered now, whatever undici is still doing (a TLS handshake ignores aborts).
      this.headSettled = true;
      this.destroyRequestBody(reason);
      this.rejectHead(reason);
    }
    this.abortAttempt?.(reason as Error);
  }

  // --- the reader's side ------------------------------------------------------------------

  readCapped(maxBytes: number, expectedBytes = 0): Promise<CappedBody> {
    const buffered = this.chunks;
    this.chunks = [];
    this.keptBytes = 0;
    // Allocated with the first chunk: a head that announces a length and sends nothing costs nothing.
    this.wholeBytes = Math.min(expectedBytes, maxBytes);
    this.mode = { kind: 'capped', maxBytes };
    for (const chunk of buffered) if (!this.truncated) this.keep(chunk, maxBytes);
    const result = new Promise<CappedBody | undefined>((resolve, reject) => (this.waiter = { resolve, reject }));
    if (this.truncated || this.complete || this.failed) this.settleBody();
    else this.resumeIfPaused();
    return result as Promise<CappedBody>;
  }

  stream(): Readable {
    const stream = new Readable({
      read: () => this.resumeIfPaused(),
      destroy: (error, callback) => {
        if (!this.complete && !this.failed) this.cancel();
        callback(error);
      },
    });
    const buffered = this.chunks;
    this.chunks = [];
    this.keptBytes = 0;
    this.mode = { kind: 'stream', stream };
    for (const chunk of buffered) stream.push(chunk);
    if (this.complete) stream.push(null);
    else if (this.failed) stream.destroy(this.failure as Error);
    return stream;
  }

  discard(limit: number): Promise<void> {
    this.chunks = [];
    this.keptBytes = 0;
    this.mode = { kind: 'discard', limit };
    const result = new Promise<CappedBody | undefined>((resolve, reject) => (this.waiter = { resolve, reject }));
    if (this.complete || this.failed) this.settleBody();
    else if (this.wireBytes > limit) this.cancel();
    else this.resumeIfPaused();
    return result.then(ignore, ignore);
  }

  cancel(): void {
    if (this.complete || this.failed) return;
    this.failed = true;
    this.failure = new ReaderStopped('the response was not read further');
    this.settleBody();
    this.abortAttempt?.(this.failure as Error);
  }

  // --- inside -----------------------------------------------------------------------------

  private keep(chunk: Buffer, maxBytes: number): void {
    const room = maxBytes - this.keptBytes;
    if (chunk.length > room) {
      if (room > 0) this.store(chunk.subarray(0, room));
      this.keptBytes = maxBytes;
      this.truncated = true;
      // Reading stops at the cap: the rest is never buffered (the connection is closed).
      if (!this.complete && !this.failed) {
        this.failed = true;
        this.failure = new ReaderStopped('the body reached its size cap');
        this.abortAttempt?.(this.failure as Error);
      }
      this.settleBody();
      return;
    }
    this.store(chunk);
    this.keptBytes += chunk.length;
  }

  /** Keeps `chunk` after the `keptBytes` kept so far (the caller counts it). */
  private store(chunk: Buffer): void {
    if (this.whole === undefined && this.wholeBytes > 0 && this.keptBytes === 0 && this.chunks.length === 0)
      this.whole = Buffer.allocUnsafe(this.wholeBytes);
    const whole = this.whole;
    if (whole && this.keptBytes + chunk.length <= whole.length) {
      chunk.copy(whole, this.keptBytes);
      return;
    }
    if (whole) {
      // More than announced (undici fails such a response; the bytes are kept as they came).
      this.chunks.push(whole.subarray(0, this.keptBytes));
      this.whole = undefined;
      this.wholeBytes = 0;
    }
    this.chunks.push(chunk);
  }

  /** The bytes kept, in one buffer that holds nothing else. */
  private keptBody(): Buffer {
    const whole = this.whole;
    this.whole = undefined;
    if (whole && this.keptBytes === whole.length) return whole;
    // Fewer than announced: a copy, so no byte past the body (allocUnsafe's old memory) goes along.
    if (whole) return Buffer.from(whole.subarray(0, this.keptBytes));
    const bytes = Buffer.concat(this.chunks, this.keptBytes);
    this.chunks = [];
    return bytes;
  }

  private settleBody(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    if (this.failed && !this.truncated) {
      this.whole = undefined;
      waiter.reject(new BodyReadError(this.wireBytes, this.failure));
      return;
    }
    const bytes = this.keptBody();
    waiter.resolve({ bytes, truncated: this.truncated, wireBytes: this.wireBytes });
  }

  private pause(): false {
    this.paused = true;
    return false;
  }

  private resumeIfPaused(): void {
    if (!this.paused) return;
    this.paused = false;
    this.resumeSocket?.();
  }

  private destroyRequestBody(error: unknown): void {
    const body = this.requestBody;
    if (body instanceof Readable && !body.destroyed) body.on('error', ignore).destroy(error as Error);
  }
}
