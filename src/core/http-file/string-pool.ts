// One string per distinct header name (and short header value) in a file: `Content-Type` written
// above 10k requests is then held once, not 10k times, while the parse runs and after it.

/** Distinct strings kept at most; a file with more keeps parsing, just without sharing new ones. */
const MAX_ENTRIES = 4096;

/** Longest text shared; longer ones are rarely repeated and V8 slices them without a copy. */
const MAX_LENGTH = 64;

export class StringPool {
  /**
   * Keyed by a hash of the characters, so a text seen before is found without slicing it out
   * first (the slice was garbage on every hit). Two texts with one hash: the first keeps the slot.
   */
  private readonly strings = new Map<number, string>();

  /** `text.slice(start, end)`, the same string each time the same text comes back. */
  slice(text: string, start: number, end: number): string {
    const length = end - start;
    if (length > MAX_LENGTH) return text.slice(start, end);
    let hash = length;
    for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    const known = this.strings.get(hash);
    if (known !== undefined && known.length === length && text.startsWith(known, start)) return known;
    const fresh = text.slice(start, end);
    if (known === undefined && this.strings.size < MAX_ENTRIES) this.strings.set(hash, fresh);
    return fresh;
  }
}
