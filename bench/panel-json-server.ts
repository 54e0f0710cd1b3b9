// The panel benchmark's server on 127.0.0.1: answers GET /<name> with a fixed JSON document
// and notes, per response, the moment its last byte was handed to the socket — the start of
// "response arrived → panel shows it".
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { generateDocument } from './json-doc-generator';

/** The documents a run can ask for, by the path the server answers them on. */
export const panelDocumentTexts: Record<string, () => string> = {
  '100kb': () => JSON.stringify(generateDocument(100_000), null, 2),
  '10mb': () => JSON.stringify(generateDocument(10_000_000), null, 2),
  // Minified, as most APIs send it: one line.
  '10mb-min': () => {
    const sample = generateDocument(100_000);
    const ratio = JSON.stringify(sample).length / JSON.stringify(sample, null, 2).length;
    return JSON.stringify(generateDocument(Math.ceil(10_000_000 / ratio)));
  },
};

export interface JsonServer {
  readonly port: number;
  /** How many requests for `/<name>` arrived so far. */
  requestCount(name: string): number;
  /** Epoch ms at which each response to `/<name>` finished, oldest first. */
  finishedAt(name: string): number[];
  close(): Promise<void>;
}

export function startJsonServer(documents: ReadonlyMap<string, Buffer>): Promise<JsonServer> {
  const finished = new Map<string, number[]>();
  const requests = new Map<string, number>();
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    requests.set(name, (requests.get(name) ?? 0) + 1);
    const body = documents.get(name);
    req.resume();
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such document');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.on('finish', () => {
      const list = finished.get(name) ?? [];
      list.push(performance.timeOrigin + performance.now());
      finished.set(name, list);
    });
    res.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        requestCount: (name) => requests.get(name) ?? 0,
        finishedAt: (name) => [...(finished.get(name) ?? [])],
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
