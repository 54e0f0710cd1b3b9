// The extension host's part of "server's last byte → panel painted", step by step, in plain
// Node: a server in a child process answers GET /<name> with the panel bench's documents; the
// session sends as the editor does (sender, session, classification with big snapshots kept
// later) and the panel's view is built and serialised as postMessage would. Each step is
// stamped on the epoch clock from the server's last byte. Run it with
// `npx esbuild bench/response-host-steps.ts --bundle --platform=node --main-fields=module,main --outfile=/tmp/h.cjs && node /tmp/h.cjs [runs]`.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { classifyConflict } from '../src/core/conflict/classify-conflict';
import type { ConflictReport } from '../src/core/conflict/conflict-model';
import { RecordLater } from '../src/core/conflict/record-later';
import { MemorySnapshotStore } from '../src/core/conflict/snapshot-store';
import { recordExchange } from '../src/core/conflict/snapshot-capture';
import { parseHttpFile } from '../src/core/http-file/parse-http-file';
import { createFileResolver } from '../src/core/run/create-file-resolver';
import { noFileAccess } from '../src/core/run/include-files';
import { RequestSession } from '../src/core/run/request-session';
import { sendRequest } from '../src/core/send/send-request';
import { defaultSendOptions } from '../src/core/send/send-model';
import { responseView } from '../src/extension/panel-views';
import { benchSources } from './bench-session';
import { panelDocumentTexts } from './panel-json-server';
import { median } from './measure';

const epoch = (): number => performance.timeOrigin + performance.now();

function serve(): void {
  const bodies = new Map(Object.entries(panelDocumentTexts).map(([name, make]) => [name, Buffer.from(make())]));
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    const body = bodies.get(name) ?? Buffer.alloc(0);
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.on('finish', () => process.send?.({ finished: epoch() }));
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
  process.on('disconnect', () => process.exit(0));
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 7);
  const child = fork(__filename, ['serve']);
  const finished: number[] = [];
  const port = await new Promise<number>((resolve) =>
    child.on('message', (m: { port?: number; finished?: number }) => {
      if (m.port) resolve(m.port);
      if (m.finished) finished.push(m.finished);
    }),
  );
  const names = Object.keys(panelDocumentTexts);
  const file = parseHttpFile(names.map((n) => `### ${n}\nGET http://127.0.0.1:${port}/${n}\n`).join('\n'));
  const store = new MemorySnapshotStore();
  const marks: Record<string, number> = {};
  const later = new RecordLater(
    (e) => {
      throw e;
    },
    () => new Promise((r) => setTimeout(r, 0)),
  );
  const session = new RequestSession<ConflictReport>({
    send: async (request, options, secrets) => {
      const result = await sendRequest(request, options, secrets);
      marks.sent = epoch();
      return result;
    },
    createResolver: createFileResolver,
    files: noFileAccess,
    observer: {
      observe: async (exchange) => {
        await later.settled();
        const report = classifyConflict(exchange);
        if (!report) {
          const record = async (): Promise<void> => {
            await recordExchange(store, exchange, {});
          };
          if (exchange.response.body.length > 1024 * 1024) later.queue(record);
          else await record();
        }
        marks.observed = epoch();
        return report;
      },
    },
  });
  const sources = benchSources();
  const steps: Record<string, Record<string, number[]>> = {};
  for (let run = 0; run < runs; run++) {
    for (const request of file.requests) {
      const name = request.url.split('/').pop() ?? '';
      const before = finished.length;
      const outcome = await session.send({ file, request, sources, options: defaultSendOptions });
      if (outcome.kind !== 'response') throw new Error(`no response: ${outcome.kind}`);
      marks.outcome = epoch();
      const view = responseView(outcome.response, []);
      marks.view = epoch();
      const message = JSON.stringify({ type: 'state', state: { view: 'response', response: view } });
      marks.serialised = epoch();
      for (let i = 0; i < 50 && finished.length === before; i++) await new Promise((r) => setTimeout(r, 5));
      const lastByte = finished[finished.length - 1];
      const row = (steps[name] ??= {});
      for (const [step, at] of Object.entries(marks)) (row[step] ??= []).push(at - lastByte);
      (row.chars ??= []).push(message.length);
      await later.settled();
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  child.disconnect();
  for (const [name, row] of Object.entries(steps)) {
    const cells = Object.entries(row).map(([step, values]) => `${step} ${median(values.slice(1)).toFixed(1)}`);
    process.stdout.write(`${name.padEnd(9)} ${cells.join(' · ')}\n`);
  }
}

if (process.argv[2] === 'serve') serve();
else
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
