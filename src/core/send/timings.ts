import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Timings } from './send-model';
import type { ExchangeTrace } from './exchange-trace';

function span(from: number | undefined, to: number | undefined): number {
  if (from === undefined || to === undefined || to < from) return 0;
  return Math.round((to - from) * 100) / 100;
}

/**
 * Phase durations of one attempt. DNS, connect and TLS are 0 when the attempt reused a
 * connection; when only the overall connect time is known (a socket opened by a dispatcher
 * we did not build), it is reported as `connect` and DNS/TLS stay 0 rather than guessed.
 */
/** Where the attempt connected: the origin, or the proxy it went through. */
export interface AttemptTarget {
  readonly url: URL;
  readonly proxy?: URL;
}

/** TLS happens to an https:// origin (through a CONNECT tunnel too) or to an https:// proxy. */
function speaksTls({ url, proxy }: AttemptTarget): boolean {
  return url.protocol === 'https:' || proxy?.protocol === 'https:';
}

/** The host the socket is opened to is an IP address: there is nothing to look up. */
function connectsToAddress({ url, proxy }: AttemptTarget): boolean {
  return isIP((proxy ?? url).hostname.replace(/^\[|\]$/g, '')) !== 0;
}

export function attemptTimings(trace: ExchangeTrace, exchangeStartedAt: number, target?: AttemptTarget): Timings {
  const endedAt = trace.endedAt ?? performance.now();
  const connection = trace.connection;
  let dns = 0;
  let connect = 0;
  let tls = 0;
  if (connection) {
    dns = span(connection.startedAt, connection.lookupAt);
    if (connection.tcpAt !== undefined) {
      connect = span(connection.lookupAt ?? connection.startedAt, connection.tcpAt);
      tls = span(connection.tcpAt, connection.secureAt);
    } else {
      connect = span(connection.startedAt, connection.connectedAt);
    }
  }
  const requestSentAt = trace.bodySentAt ?? trace.headersWrittenAt ?? trace.startedAt;
  return {
    ...(target && connectsToAddress(target) ? {} : { dns }),
    connect,
    ...(target && !speaksTls(target) ? {} : { tls }),
    firstByte: span(requestSentAt, trace.responseAt),
    download: span(trace.responseAt, endedAt),
    total: span(exchangeStartedAt, endedAt),
  };
}
