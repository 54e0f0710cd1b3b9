// Follows one attempt through undici's diagnostics channels, so the sender knows which phase
// a failure happened in, whether the request was written, and how long each phase took.
// undici publishes `undici:request:create` synchronously inside `dispatch()` for the pool
// and client dispatchers we use, which is how an event is tied to our attempt without any
// marker going on the wire. When that link cannot be made (an injected dispatcher that
// queues), the trace stays empty and the sender falls back to what error codes say.
import diagnosticsChannel from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'node:net';

export interface ConnectionTimes {
  readonly startedAt: number;
  lookupAt?: number;
  tcpAt?: number;
  secureAt?: number;
  connectedAt?: number;
}

export interface ExchangeTrace {
  readonly startedAt: number;
  request?: object;
  socket?: Socket;
  /** Set only when this attempt was the first to use its socket (a fresh connection). */
  connection?: ConnectionTimes;
  headersWrittenAt?: number;
  bodySentAt?: number;
  responseAt?: number;
  endedAt?: number;
}

const traceByRequest = new WeakMap<object, ExchangeTrace>();
const connectionBySocket = new WeakMap<object, ConnectionTimes>();
const connectStartByConnector = new WeakMap<object, number>();
const claimedSockets = new WeakSet<object>();
let capturing: ExchangeTrace | undefined;
let subscribed = false;

function subscribeOnce(): void {
  if (subscribed) return;
  subscribed = true;
  diagnosticsChannel.subscribe('undici:request:create', (message) => {
    const { request } = message as { request: object };
    if (capturing && !capturing.request) {
      capturing.request = request;
      traceByRequest.set(request, capturing);
    }
  });
  diagnosticsChannel.subscribe('undici:client:beforeConnect', (message) => {
    const { connector } = message as { connector: object };
    connectStartByConnector.set(connector, performance.now());
  });
  diagnosticsChannel.subscribe('undici:client:connected', (message) => {
    const { connector, socket } = message as { connector: object; socket: Socket };
    const known = connectionBySocket.get(socket);
    if (known) {
      known.connectedAt = performance.now();
      return;
    }
    const startedAt = connectStartByConnector.get(connector) ?? performance.now();
    connectionBySocket.set(socket, { startedAt, connectedAt: performance.now() });
  });
  diagnosticsChannel.subscribe('undici:client:sendHeaders', (message) => {
    const { request, socket } = message as { request: object; socket: Socket };
    const trace = traceByRequest.get(request);
    if (!trace) return;
    trace.headersWrittenAt = performance.now();
    trace.socket = socket;
    if (!claimedSockets.has(socket)) {
      claimedSockets.add(socket);
      trace.connection = connectionBySocket.get(socket);
    }
  });
  diagnosticsChannel.subscribe('undici:request:bodySent', (message) => {
    const trace = traceByRequest.get((message as { request: object }).request);
    if (trace) trace.bodySentAt = performance.now();
  });
}

/** Runs `dispatch` (which must call undici synchronously) and returns the trace of that call. */
export function traceDispatch<T>(dispatch: () => T): { trace: ExchangeTrace; result: T } {
  subscribeOnce();
  const trace: ExchangeTrace = { startedAt: performance.now() };
  capturing = trace;
  try {
    return { trace, result: dispatch() };
  } finally {
    capturing = undefined;
  }
}

/**
 * Records DNS, TCP and TLS milestones of a socket our own connector opened; sockets opened
 * by other dispatchers only get the overall connect time from the diagnostics channel.
 */
export function watchNewSocket(socket: Socket): void {
  const times: ConnectionTimes = { startedAt: performance.now() };
  connectionBySocket.set(socket, times);
  socket.once('lookup', () => (times.lookupAt = performance.now()));
  socket.once('connect', () => (times.tcpAt = performance.now()));
  socket.once('secureConnect', () => (times.secureAt = performance.now()));
}

/** True once the request head went onto a socket: from then on the server may have seen it. */
export function requestWasWritten(trace: ExchangeTrace): boolean {
  return trace.headersWrittenAt !== undefined;
}
