// Send case, in process: the same sequence of requests through (a) a bare undici `request()`
// loop on a keep-alive Agent — the floor —, (b) our sender `sendRequest`, and (c) our request
// session (variables, preparation, conflict classification, snapshots), which is what the
// editor and the CLI drive. Rounds interleave the three so machine noise hits all alike.
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { parseHttpFile } from '../src/core/http-file/parse-http-file';
import { closeSenderAgents } from '../src/core/send/agent-cache';
import { defaultSendOptions, type OutgoingRequest } from '../src/core/send/send-model';
import { sendRequest } from '../src/core/send/send-request';
import { numberArg, readArgs, report, stringArg } from './bench-args';
import { benchSession } from './bench-session';
import { median } from './measure';
import { generateSendFile, sendRequests } from './send-file-generator';

type Loop = () => Promise<void>;

function expectSuccess(status: number, who: string): void {
  if (status < 200 || status >= 300) throw new Error(`${who} got status ${status}`);
}

function undiciLoop(origin: string, count: number): { loop: Loop; close: () => Promise<void> } {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const requests = sendRequests(count, origin);
  const loop = async () => {
    for (const r of requests) {
      const response = await request(r.url, {
        method: r.method as 'GET',
        headers: r.headers,
        body: r.body,
        dispatcher: agent,
      });
      await response.body.arrayBuffer();
      expectSuccess(response.statusCode, 'undici');
    }
  };
  return { loop, close: () => agent.close() };
}

function senderLoop(origin: string, count: number): Loop {
  const requests: OutgoingRequest[] = sendRequests(count, origin).map((r) => ({
    method: r.method,
    url: r.url,
    headers: Object.entries(r.headers),
    ...(r.body !== undefined ? { body: { kind: 'text' as const, text: r.body } } : {}),
  }));
  return async () => {
    for (const r of requests) {
      const result = await sendRequest(r, defaultSendOptions);
      if (!result.ok) throw new Error(`sendRequest failed: ${result.failure.message}`);
      expectSuccess(result.response.status, 'sendRequest');
    }
  };
}

/** The session as the CLI builds it, with snapshots kept in memory as the editor does. */
function sessionLoop(origin: string, count: number, httpFile: string): Loop {
  const file = parseHttpFile(generateSendFile(count, origin));
  // As the CLI does: reads captured off the request path, in order; each loop waits for the last.
  const { session, snapshots, sources } = benchSession(sendRequest, httpFile);
  return async () => {
    for (const request of file.requests) {
      const outcome = await session.send({ file, request, sources, options: defaultSendOptions });
      if (outcome.kind !== 'response')
        throw new Error(`session did not get a response: ${JSON.stringify(outcome.kind)}`);
      expectSuccess(outcome.response.status, 'session');
    }
    await snapshots.settled();
  };
}

async function main(): Promise<void> {
  const args = readArgs();
  const origin = stringArg(args, 'origin');
  const count = numberArg(args, 'count');
  const rounds = numberArg(args, 'rounds');
  const floor = undiciLoop(origin, count);
  const loops: Record<string, Loop> = {
    undici: floor.loop,
    sender: senderLoop(origin, count),
    session: sessionLoop(origin, count, stringArg(args, 'http-file')),
  };
  // `--only session` (or a comma list): profile one client without the others in the profile.
  const only = args.get('only')?.split(',');
  const names = Object.keys(loops).filter((n) => !only || only.includes(n));
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const warmup = numberArg(args, 'warmup');
  for (let i = 0; i < warmup; i++) for (const name of names) await loops[name]();
  for (let round = 0; round < rounds; round++) {
    // Rotating the order keeps any "goes first after a pause" effect off a single peer.
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      const started = performance.now();
      await loops[name]();
      times[name].push(performance.now() - started);
    }
  }
  await floor.close();
  await closeSenderAgents();
  report({ count, times, medianMs: Object.fromEntries(names.map((n) => [n, median(times[n])])) });
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
