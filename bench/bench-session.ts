// The session the send benchmarks drive: what the editor and the CLI do per request —
// variables, preparation, conflict classification, and reads captured off the request path
// into an in-memory store, in order (`snapshots.settled()` waits for the last one).
import { classifyConflict } from '../src/core/conflict/classify-conflict';
import type { ConflictReport, Exchange } from '../src/core/conflict/conflict-model';
import { DeferredCapture } from '../src/core/conflict/deferred-capture';
import { MemorySnapshotStore } from '../src/core/conflict/snapshot-store';
import { createFileResolver } from '../src/core/run/create-file-resolver';
import { createFileAccess } from '../src/core/run/include-files';
import { RequestSession, type SendCall } from '../src/core/run/request-session';
import type { OutgoingRequest, SendOptions, SendResult } from '../src/core/send/send-model';

export interface BenchSession {
  readonly session: RequestSession<ConflictReport>;
  readonly snapshots: DeferredCapture;
  readonly sources: SendCall['sources'];
}

export function benchSession(
  send: (request: OutgoingRequest, options: SendOptions, secrets: readonly string[]) => Promise<SendResult>,
  httpFile: string,
): BenchSession {
  const snapshots = new DeferredCapture(new MemorySnapshotStore(), (e) => {
    throw e;
  });
  const session = new RequestSession<ConflictReport>({
    send,
    createResolver: createFileResolver,
    files: createFileAccess({ httpFile, roots: [process.cwd()], allowOutside: false }),
    observer: {
      observe(exchange: Exchange) {
        const conflict = classifyConflict(exchange);
        if (!conflict) snapshots.capture(exchange);
        return conflict;
      },
    },
  });
  return { session, snapshots, sources: benchSources() };
}

/** Variable sources with nothing in them: the benches' requests use file variables only. */
export function benchSources(): SendCall['sources'] {
  return {
    environment: {},
    dotenv: {},
    processEnv: {},
    prompts: {},
    allowProcessEnv: false,
    now: () => new Date(),
    random: Math.random,
  };
}
