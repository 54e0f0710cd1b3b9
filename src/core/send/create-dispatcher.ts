// Builds the undici dispatcher for one set of connection options. Always our own instance,
// passed per request; the process-wide dispatcher is never touched (security.md §4.2).
import type { Socket } from 'node:net';
import type { Dispatcher, buildConnector as BuildConnector } from 'undici';
import { Agent, EnvHttpProxyAgent, ProxyAgent, buildConnector } from './undici-without-global';
import { watchNewSocket } from './exchange-trace';
import type { TlsOptions } from './send-model';
import { usesEnvironmentProxy, type ProxySettings } from './proxy-settings';

export interface DispatcherSettings {
  readonly connectTimeoutMs: number;
  readonly tls: TlsOptions;
  readonly proxy: ProxySettings;
}

function tlsConnectOptions(tls: TlsOptions, connectTimeoutMs: number): BuildConnector.BuildOptions {
  return {
    timeout: connectTimeoutMs,
    rejectUnauthorized: tls.verify,
    ...(tls.ca ? { ca: tls.ca } : {}),
    ...(tls.cert ? { cert: tls.cert } : {}),
    ...(tls.key ? { key: tls.key } : {}),
    ...(tls.passphrase ? { passphrase: tls.passphrase } : {}),
  };
}

/** undici's own connector, plus socket events that give the DNS, TCP and TLS milestones. */
function timedConnector(options: BuildConnector.BuildOptions): BuildConnector.connector {
  const connect = buildConnector(options);
  return (connectOptions, callback) => {
    // undici's connector returns the socket it opened although its type says void; without
    // it we only lose the DNS/TCP/TLS split, not the overall connect time.
    const socket = connect(connectOptions, callback) as unknown as Socket | undefined;
    if (socket) watchNewSocket(socket);
    return socket as never;
  };
}

export function createDispatcher(settings: DispatcherSettings): Dispatcher {
  const tls = tlsConnectOptions(settings.tls, settings.connectTimeoutMs);
  const connect = timedConnector(tls);
  const proxyTls = { timeout: settings.connectTimeoutMs };
  // Plain HTTP goes to the proxy in absolute form; HTTPS always uses a CONNECT tunnel.
  const proxyOptions = { proxyTunnel: false, requestTls: tls, proxyTls };
  if (settings.proxy.explicit) {
    return new ProxyAgent({ uri: settings.proxy.explicit, ...proxyOptions });
  }
  if (usesEnvironmentProxy(settings.proxy)) {
    return new EnvHttpProxyAgent({
      // Empty strings, not undefined: undefined would make undici read process.env itself.
      httpProxy: settings.proxy.httpProxy,
      httpsProxy: settings.proxy.httpsProxy,
      noProxy: settings.proxy.noProxy,
      connect,
      ...proxyOptions,
    });
  }
  return new Agent({ connect });
}
