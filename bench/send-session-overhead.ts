// What the session adds to a send, without a network: the same session the send case builds
// (variables, preparation, conflict classification, deferred snapshots kept in memory), over
// a sender that answers at once with a fresh response like the loopback server's. Far less
// noisy than the loopback case, so small changes to the hot path show. Run it with
// `npx esbuild bench/send-session-overhead.ts --bundle --platform=node --main-fields=module,main --outfile=/tmp/o.cjs && node /tmp/o.cjs`;
// `--cpu-prof` gives the profile of the session alone.
import { performance } from 'node:perf_hooks';
import { parseHttpFile } from '../src/core/http-file/parse-http-file';
import { defaultSendOptions, type OutgoingRequest, type SendResult } from '../src/core/send/send-model';
import { benchSession } from './bench-session';
import { median } from './measure';
import { generateSendFile } from './send-file-generator';

const origin = 'http://127.0.0.1:9';

/** Answers like bench/loopback-server.mjs, with a new response object each time (no cache hits). */
function answer(request: OutgoingRequest): Promise<SendResult> {
  const path = request.url.slice(origin.length);
  const received = request.body?.kind === 'text' ? Buffer.byteLength(request.body.text) : 0;
  const body = Buffer.from(JSON.stringify({ ok: true, method: request.method, path, received }));
  return Promise.resolve({
    ok: true,
    response: {
      status: request.method === 'POST' ? 201 : 200,
      statusText: 'OK',
      httpVersion: '1.1',
      headers: [
        ['content-type', 'application/json'],
        ['content-length', String(body.length)],
        ['date', new Date().toUTCString()],
        ['connection', 'keep-alive'],
        ['keep-alive', 'timeout=30'],
      ],
      body,
      truncated: false,
      wireBytes: body.length,
      timings: { total: 0.1 } as never,
      url: request.url,
      redirects: [],
      notices: [],
    },
  });
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 2000);
  const rounds = Number(process.argv[3] ?? 15);
  const file = parseHttpFile(generateSendFile(count, origin));
  const { session, snapshots, sources } = benchSession(answer, `${process.cwd()}/send.http`);
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const request of file.requests) {
      const outcome = await session.send({ file, request, sources, options: defaultSendOptions });
      if (outcome.kind !== 'response') throw new Error(`no response: ${outcome.kind}`);
    }
    await snapshots.settled();
    times.push(performance.now() - started);
  }
  const perRequest = (ms: number) => ((ms / count) * 1000).toFixed(1);
  process.stdout.write(
    `session over an instant sender: median ${perRequest(median(times.slice(2)))} µs/request (rounds: ${times.map(perRequest).join(' ')})\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
