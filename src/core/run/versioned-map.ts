// A Map that counts its changes, so whoever caches something derived from it (the session's
// merged variable sources) can tell a stale copy from a current one without comparing entries.

export class VersionedMap<K, V> extends Map<K, V> {
  /** Goes up on every `set`, `delete` that removed something and `clear` of a non-empty map. */
  version = 0;

  override set(key: K, value: V): this {
    this.version++;
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    const deleted = super.delete(key);
    if (deleted) this.version++;
    return deleted;
  }

  override clear(): void {
    if (this.size > 0) this.version++;
    super.clear();
  }
}
