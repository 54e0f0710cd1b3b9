// One string per distinct header name (and short header value) in a file: `Content-Type` written
// above 10k requests is then held once, not 10k times, while the parse runs and after it.

/** Distinct strings kept at most; a file with more keeps parsing, just without sharing new ones. */
const MAX_ENTRIES = 4096;

/** Longest text shared; longer ones are rarely repeated and V8 slices them without a copy. */
const MAX_LENGTH = 64;

export class StringPool {
  private readonly strings = new Map<string, string>();

  /** `text.slice(start, end)`, the same string each time the same text comes back. */
  slice(text: string, start: number, end: number): string {
    const fresh = text.slice(start, end);
    if (end - start > MAX_LENGTH) return fresh;
    const known = this.strings.get(fresh);
    if (known !== undefined) return known;
    if (this.strings.size < MAX_ENTRIES) this.strings.set(fresh, fresh);
    return fresh;
  }
}
