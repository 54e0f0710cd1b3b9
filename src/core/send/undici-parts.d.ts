// Types for the parts of undici the sender loads one by one (see undici-without-global.ts).
declare module 'undici/lib/dispatcher/dispatcher' {
  const DispatcherClass: { prototype: { request: unknown } };
  export = DispatcherClass;
}
declare module 'undici/lib/api/api-request' {
  const request: unknown;
  export = request;
}
declare module 'undici/lib/dispatcher/agent' {
  import { Agent } from 'undici';
  const AgentClass: typeof Agent;
  export = AgentClass;
}
declare module 'undici/lib/dispatcher/proxy-agent' {
  import { ProxyAgent } from 'undici';
  const ProxyAgentClass: typeof ProxyAgent;
  export = ProxyAgentClass;
}
declare module 'undici/lib/dispatcher/env-http-proxy-agent' {
  import { EnvHttpProxyAgent } from 'undici';
  const EnvHttpProxyAgentClass: typeof EnvHttpProxyAgent;
  export = EnvHttpProxyAgentClass;
}
declare module 'undici/lib/core/connect' {
  import { buildConnector } from 'undici';
  const build: typeof buildConnector;
  export = build;
}
