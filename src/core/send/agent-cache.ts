// Keeps one dispatcher per distinct set of connection options, so consecutive requests
// reuse keep-alive connections. Closed as a whole when the extension deactivates.
import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { createDispatcher, type DispatcherSettings } from './create-dispatcher';

/** Enough for a few environments × TLS settings; the oldest is closed beyond that. */
const maxCachedDispatchers = 16;

const dispatchers = new Map<string, Dispatcher>();

let lastKey: { readonly json: string; readonly key: string } | undefined;

function cacheKey(settings: DispatcherSettings): string {
  // Hashed so client keys and passphrases do not sit in map keys as plain text; consecutive
  // sends almost always use the same settings, so the last hash is reused.
  const json = JSON.stringify(settings);
  if (lastKey?.json !== json) lastKey = { json, key: createHash('sha256').update(json).digest('hex') };
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
