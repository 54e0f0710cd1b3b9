// Keeps one dispatcher per distinct set of connection options, so consecutive requests
// reuse keep-alive connections. Closed as a whole when the extension deactivates.
import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { createDispatcher, type DispatcherSettings } from './create-dispatcher';

/** Enough for a few environments × TLS settings; the oldest is closed beyond that. */
const maxCachedDispatchers = 16;

const dispatchers = new Map<string, Dispatcher>();

let lastKey: { readonly settings: DispatcherSettings; readonly key: string } | undefined;

/** Field by field: a caller that changes a TLS or proxy setting in place still gets a new key. */
function sameSettings(a: DispatcherSettings, b: DispatcherSettings): boolean {
  const ta = a.tls;
  const tb = b.tls;
  const pa = a.proxy;
  const pb = b.proxy;
  return (
    a.connectTimeoutMs === b.connectTimeoutMs &&
    ta.verify === tb.verify &&
    ta.ca === tb.ca &&
    ta.cert === tb.cert &&
    ta.key === tb.key &&
    ta.passphrase === tb.passphrase &&
    Object.keys(ta).length === Object.keys(tb).length &&
    pa.explicit === pb.explicit &&
    pa.httpProxy === pb.httpProxy &&
    pa.httpsProxy === pb.httpsProxy &&
    pa.noProxy === pb.noProxy
  );
}

function cacheKey(settings: DispatcherSettings): string {
  // Hashed so client keys and passphrases do not sit in map keys as plain text; consecutive
  // sends almost always use the same settings, so the last key is reused without even
  // serialising them (a copy is kept, so a change made in place is still seen).
  if (lastKey && sameSettings(lastKey.settings, settings)) return lastKey.key;
  const json = JSON.stringify(settings);
  lastKey = {
    settings: { ...settings, tls: { ...settings.tls }, proxy: { ...settings.proxy } },
    key: createHash('sha256').update(json).digest('hex'),
  };
  return lastKey.key;
}

export function dispatcherFor(settings: DispatcherSettings): Dispatcher {
  const key = cacheKey(settings);
  const cached = dispatchers.get(key);
  if (cached) {
    dispatchers.delete(key);
    dispatchers.set(key, cached);
    return cached;
  }
  const created = createDispatcher(settings);
  dispatchers.set(key, created);
  if (dispatchers.size > maxCachedDispatchers) {
    const [oldestKey, oldest] = dispatchers.entries().next().value as [string, Dispatcher];
    dispatchers.delete(oldestKey);
    void oldest.close().catch(() => undefined);
  }
  return created;
}

/** Closes every dispatcher the sender created; requests in flight are cut off. */
export async function closeSenderAgents(): Promise<void> {
  const all = [...dispatchers.values()];
  dispatchers.clear();
  await Promise.all(all.map((dispatcher) => dispatcher.destroy().catch(() => undefined)));
}

/** How many dispatchers the sender holds; for tests of reuse. */
export function senderAgentCount(): number {
  return dispatchers.size;
}
