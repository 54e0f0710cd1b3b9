// The send case's server: node:http with keep-alive on 127.0.0.1, in its own process so its
// work does not share an event loop with the client being measured. It prints its port,
// counts requests (GET /__count answers and resets the count) and exits when its parent
// closes stdin or sends SIGTERM.
import { createServer } from 'node:http';

let served = 0;
const server = createServer((req, res) => {
  if (req.url === '/__count') {
    const body = JSON.stringify({ served });
    served = 0;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    served++;
    const received = Buffer.concat(chunks).length;
    const body = JSON.stringify({ ok: true, method: req.method, path: req.url, received });
    res.writeHead(req.method === 'POST' ? 201 : 200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});

function stop() {
  server.closeAllConnections();
  server.close(() => process.exit(0));
}
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
