// The user's JSON body as a tree with offsets into their original text, so the merge can
// edit that text in place. A hand-written scanner rather than jsonc-parser because the
// body is JSONC *with* `{{placeholders}}` as bare values (not JSON at all), and because a
// 10 MB body has to be read in well under a second.

/** A member of an object (with its key) or an element of an array. */
export interface SourceMember {
  /** Object members only. */
  readonly key?: string;
  /** Start of the key for object members, of the value for array elements. */
  readonly start: number;
  /** Object members only: just after the key's closing quote. */
  readonly keyEnd?: number;
  /** End of the value. */
  readonly end: number;
  /** Offset of the comma that follows the member, or -1. */
  readonly comma: number;
  readonly node: SourceNode;
}

export interface SourceNode {
  readonly kind: 'object' | 'array' | 'scalar';
  readonly start: number;
  readonly end: number;
  /** The value as sent: placeholders resolved when a resolver was given. */
  readonly value: unknown;
  /** True when this node or anything inside it holds a `{{…}}` placeholder. */
  readonly hasPlaceholder: boolean;
  /** Objects and arrays only. */
  readonly members: readonly SourceMember[];
}

export interface SourceTreeOptions {
  readonly resolvePlaceholders?: (text: string) => string;
}

class ScanError extends Error {}

const NO_MEMBERS: readonly SourceMember[] = [];

/** Parses JSONC with placeholders; undefined when the text is not such a document. */
export function parseSourceTree(text: string, options: SourceTreeOptions = {}): SourceNode | undefined {
  try {
    const scanner = new SourceScanner(text, options.resolvePlaceholders);
    scanner.skipTrivia();
    const root = scanner.readValue(0);
    scanner.skipTrivia();
    if (scanner.pos !== text.length) return undefined;
    return root;
  } catch (err) {
    if (err instanceof ScanError || err instanceof SyntaxError) return undefined;
    throw err;
  }
}

/** Parses a server body: strict JSON fast, JSONC as a fallback. */
export function parseJsonValue(text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const tree = parseSourceTree(text);
    return tree && !tree.hasPlaceholder ? { ok: true, value: tree.value } : { ok: false };
  }
}

/** Sets a key on a plain object without letting `__proto__` change the prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

const MAX_DEPTH = 2000;

class SourceScanner {
  pos = 0;

  constructor(
    private readonly text: string,
    private readonly resolve: ((text: string) => string) | undefined,
  ) {}

  skipTrivia(): void {
    const text = this.text;
    for (;;) {
      const ch = text.charCodeAt(this.pos);
      if (ch === 32 || ch === 10 || ch === 13 || ch === 9 || ch === 0xfeff) {
        this.pos++;
      } else if (ch === 47 /* / */) {
        const next = text.charCodeAt(this.pos + 1);
        if (next === 47) {
          const nl = text.indexOf('\n', this.pos + 2);
          this.pos = nl < 0 ? text.length : nl;
        } else if (next === 42 /* * */) {
          const close = text.indexOf('*/', this.pos + 2);
          if (close < 0) throw new ScanError('unterminated comment');
          this.pos = close + 2;
        } else {
          return;
        }
      } else {
        return;
      }
    }
  }

  readValue(depth: number): SourceNode {
    if (depth > MAX_DEPTH) throw new ScanError('too deep');
    const text = this.text;
    const ch = text.charCodeAt(this.pos);
    if (ch === 123 /* { */) {
      return text.charCodeAt(this.pos + 1) === 123 ? this.readPlaceholder() : this.readObject(depth);
    }
    if (ch === 91 /* [ */) return this.readArray(depth);
    if (ch === 34 /* " */) return this.readStringNode();
    if (ch === 116 /* t */) return this.readLiteral('true', true);
    if (ch === 102 /* f */) return this.readLiteral('false', false);
    if (ch === 110 /* n */) return this.readLiteral('null', null);
    if (ch === 45 || (ch >= 48 && ch <= 57)) return this.readNumber();
    throw new ScanError(`unexpected character at ${this.pos}`);
  }

  private readObject(depth: number): SourceNode {
    const text = this.text;
    const start = this.pos++;
    const value: Record<string, unknown> = {};
    const members: SourceMember[] = [];
    let hasPlaceholder = false;
    this.skipTrivia();
    while (text.charCodeAt(this.pos) !== 125 /* } */) {
      if (text.charCodeAt(this.pos) !== 34) throw new ScanError(`property name expected at ${this.pos}`);
      const keyStart = this.pos;
      const key = this.readString();
      const keyEnd = this.pos;
      this.skipTrivia();
      if (text.charCodeAt(this.pos) !== 58 /* : */) throw new ScanError(`colon expected at ${this.pos}`);
      this.pos++;
      this.skipTrivia();
      const node = this.readValue(depth + 1);
      setOwn(value, key, node.value);
      hasPlaceholder ||= node.hasPlaceholder;
      this.skipTrivia();
      let comma = -1;
      if (text.charCodeAt(this.pos) === 44 /* , */) {
        comma = this.pos++;
        this.skipTrivia();
      } else if (text.charCodeAt(this.pos) !== 125) {
        throw new ScanError(`comma expected at ${this.pos}`);
      }
      members.push({ key, start: keyStart, keyEnd, end: node.end, comma, node });
    }
    this.pos++;
    return { kind: 'object', start, end: this.pos, value, hasPlaceholder, members };
  }

  private readArray(depth: number): SourceNode {
    const text = this.text;
    const start = this.pos++;
    const value: unknown[] = [];
    const members: SourceMember[] = [];
    let hasPlaceholder = false;
    this.skipTrivia();
    while (text.charCodeAt(this.pos) !== 93 /* ] */) {
      const node = this.readValue(depth + 1);
      value.push(node.value);
      hasPlaceholder ||= node.hasPlaceholder;
      this.skipTrivia();
      let comma = -1;
      if (text.charCodeAt(this.pos) === 44) {
        comma = this.pos++;
        this.skipTrivia();
      } else if (text.charCodeAt(this.pos) !== 93) {
        throw new ScanError(`comma expected at ${this.pos}`);
      }
      members.push({ start: node.start, end: node.end, comma, node });
    }
    this.pos++;
    return { kind: 'array', start, end: this.pos, value, hasPlaceholder, members };
  }

  private readString(): string {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    for (;;) {
      const quote = text.indexOf('"', i);
      if (quote < 0) throw new ScanError('unterminated string');
      let backslashes = 0;
      for (let j = quote - 1; j > start && text.charCodeAt(j) === 92; j--) backslashes++;
      if (backslashes % 2 === 0) {
        this.pos = quote + 1;
        break;
      }
      i = quote + 1;
    }
    const raw = text.slice(start + 1, this.pos - 1);
    if (raw.indexOf('\\') < 0 && raw.indexOf('\n') < 0) return raw;
    return JSON.parse(text.slice(start, this.pos)) as string;
  }

  private readStringNode(): SourceNode {
    const start = this.pos;
    const decoded = this.readString();
    const end = this.pos;
    const hasPlaceholder = decoded.indexOf('{{') >= 0;
    const value = hasPlaceholder ? this.resolveString(this.text.slice(start, end), decoded) : decoded;
    return { kind: 'scalar', start, end, value, hasPlaceholder, members: NO_MEMBERS };
  }

  /** What the sender would put on the wire: the raw text resolved, read back as JSON. */
  private resolveString(raw: string, decoded: string): unknown {
    if (!this.resolve) return decoded;
    try {
      return JSON.parse(this.resolve(raw));
    } catch {
      // A value with a quote in it breaks the raw substitution; the decoded text is the
      // closest thing to what the user meant.
      return this.resolve(decoded);
    }
  }

  private readPlaceholder(): SourceNode {
    const text = this.text;
    const start = this.pos;
    for (;;) {
      if (text.startsWith('{{', this.pos)) {
        const close = text.indexOf('}}', this.pos + 2);
        if (close < 0) throw new ScanError('unterminated placeholder');
        this.pos = close + 2;
        continue;
      }
      const ch = text.charCodeAt(this.pos);
      // Glued text such as `{{n}}0` or `{{a}}.{{b}}` belongs to the same bare value.
      if (this.pos >= text.length || isDelimiter(ch)) break;
      this.pos++;
    }
    const raw = text.slice(start, this.pos);
    let value: unknown = raw;
    if (this.resolve) {
      const resolved = this.resolve(raw);
      try {
        value = JSON.parse(resolved);
      } catch {
        value = resolved;
      }
    }
    return { kind: 'scalar', start, end: this.pos, value, hasPlaceholder: true, members: NO_MEMBERS };
  }

  private readLiteral(word: string, value: unknown): SourceNode {
    if (!this.text.startsWith(word, this.pos)) throw new ScanError(`unexpected word at ${this.pos}`);
    const start = this.pos;
    this.pos += word.length;
    return { kind: 'scalar', start, end: this.pos, value, hasPlaceholder: false, members: NO_MEMBERS };
  }

  private readNumber(): SourceNode {
    const text = this.text;
    const start = this.pos;
    let i = start;
    for (;;) {
      const ch = text.charCodeAt(i);
      if ((ch >= 48 && ch <= 57) || ch === 45 || ch === 43 || ch === 46 || ch === 101 || ch === 69) i++;
      else break;
    }
    const raw = text.slice(start, i);
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) throw new ScanError(`bad number at ${start}`);
    this.pos = i;
    return { kind: 'scalar', start, end: i, value: Number(raw), hasPlaceholder: false, members: NO_MEMBERS };
  }
}

function isDelimiter(ch: number): boolean {
  return ch === 44 || ch === 93 || ch === 125 || ch === 32 || ch === 10 || ch === 13 || ch === 9 || ch === 47;
}
