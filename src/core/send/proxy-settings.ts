// Which proxy applies to a URL, from the explicit setting or from HTTP(S)_PROXY / NO_PROXY
// in the environment we were given (never process.env behind the caller's back).

export interface ProxySettings {
  readonly explicit?: string;
  readonly httpProxy: string;
  readonly httpsProxy: string;
  readonly noProxy: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Lowercase wins over uppercase, as curl and undici do. */
function envValue(env: Env | undefined, name: string): string {
  return env?.[name.toLowerCase()] ?? env?.[name.toUpperCase()] ?? '';
}

export function readProxySettings(proxy: string | undefined, env: Env | undefined): ProxySettings {
  const httpProxy = envValue(env, 'http_proxy');
  return {
    ...(proxy ? { explicit: proxy } : {}),
    httpProxy,
    // Like undici's EnvHttpProxyAgent: HTTPS falls back to the HTTP proxy.
    httpsProxy: envValue(env, 'https_proxy') || httpProxy,
    noProxy: envValue(env, 'no_proxy'),
  };
}

export function usesEnvironmentProxy(settings: ProxySettings): boolean {
  return !settings.explicit && (settings.httpProxy !== '' || settings.httpsProxy !== '');
}

function bypassedByNoProxy(url: URL, noProxy: string): boolean {
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  for (const raw of noProxy.split(/[,\s]/)) {
    if (!raw) continue;
    if (raw === '*') return true;
    const parsed = raw.match(/^(.+):(\d+)$/);
    const entryHost = (parsed ? parsed[1] : raw).replace(/^\*?\./, '').toLowerCase();
    const entryPort = parsed ? Number(parsed[2]) : 0;
    if (entryPort && entryPort !== port) continue;
    if (hostname === entryHost || hostname.endsWith(`.${entryHost}`)) return true;
  }
  return false;
}

/** The proxy a request to `url` goes through, or undefined for a direct connection. */
export function proxyFor(url: URL, settings: ProxySettings): URL | undefined {
  const chosen =
    settings.explicit ??
    (bypassedByNoProxy(url, settings.noProxy)
      ? ''
      : url.protocol === 'https:'
        ? settings.httpsProxy
        : settings.httpProxy);
  if (!chosen) return undefined;
  try {
    return new URL(chosen);
  } catch {
    return undefined;
  }
}
