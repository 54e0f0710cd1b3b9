// The user's JSON body as a tree with offsets into their original text, so the merge can
// edit that text in place. The body is JSONC with `{{placeholders}}`, even as bare values,
// which is not JSON; rather than a parser of our own, comments, trailing commas and bare
// placeholders are masked with same-length JSON, so the native JSON.parse reads the
// values (fast enough for 10 MB) and every offset stays valid. Members of a container are
// located only when the merge looks inside it, which it does only where the server
// changed something.

import { ExactNumber, protectNumbers, reviveNumbers } from './exact-number';
import { findDuplicateKeys, type DuplicateKey } from './json-duplicate-keys';
import { scanJsonText, type ContainerIndex } from './json-text-scan';
import { isSpace, markedIndex, maskJsonc, skipSpace, skipString, type Mask } from './jsonc-mask';
import { valueShape } from './json-values';

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
  /** Objects and arrays only; located on first use. */
  readonly members: readonly SourceMember[];
}

export interface SourceTreeOptions {
  readonly resolvePlaceholders?: (text: string) => string;
}

/** Why a body cannot be read as JSON. */
export type BodyProblem =
  /** It does not even start like JSON (XML, form data, prose): merged line by line. */
  | { readonly kind: 'not-json' }
  /** It starts like JSON but is not (`[,]`, a missing quote); `offset` when we know where. */
  | { readonly kind: 'syntax'; readonly offset?: number }
  | { readonly kind: 'too-deep' };

export type SourceTreeRead =
  | { readonly ok: true; readonly tree: SourceNode; readonly duplicateKeys: readonly DuplicateKey[] }
  | { readonly ok: false; readonly problem: BodyProblem };

/** Parses JSONC with placeholders; undefined when the text is not such a document. */
export function parseSourceTree(text: string, options: SourceTreeOptions = {}): SourceNode | undefined {
  const read = readSourceTree(text, options);
  return read.ok ? read.tree : undefined;
}

/** Reads the user's body: its tree, the keys it repeats, or why it is not JSON we can merge. */
export function readSourceTree(text: string, options: SourceTreeOptions = {}): SourceTreeRead {
  if (!mayBeJson(text)) return { ok: false, problem: { kind: 'not-json' } };
  let mask: Mask | undefined = mayBePlain(text) ? { masked: text, scan: text, bare: [] } : undefined;
  let read = mask ? readJson(mask.masked, true) : undefined;
  if (!read?.ok && !read?.tooDeep) {
    mask = maskJsonc(text);
    if (!mask) return { ok: false, problem: { kind: 'syntax' } };
    read = readJson(mask.masked, true);
  }
  if (!read.ok)
    return { ok: false, problem: read.tooDeep ? { kind: 'too-deep' } : { kind: 'syntax', offset: mask!.strayComma } };
  let value = read.value;
  if (mask!.bare.length > 0 || text.includes('{{')) {
    value = new PlaceholderResolver(mask!.bare, options.resolvePlaceholders).resolve(value);
  }
  const scan = mask!.scan;
  const start = skipSpace(scan, 0);
  let end = scan.length;
  while (end > start && isSpace(scan.charCodeAt(end - 1))) end--;
  // The masked text differs from `scan` only in trailing commas, so its brackets are the same.
  const tree = new LazyNode(scan, read.containers, start, end, value);
  // Every member has one colon outside strings; more colons than members JSON.parse kept
  // means some key is repeated, and only then is the whole tree walked to find which.
  const duplicateKeys = read.colons > read.members ? findDuplicateKeys(tree) : [];
  return { ok: true, tree, duplicateKeys };
}

/** Rules out XML, form data and prose by their first character, before reading it all. */
function mayBeJson(text: string): boolean {
  const first = text.charCodeAt(skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0));
  // { [ " - digits t f n, or / for a leading comment
  return (
    first === 123 ||
    first === 91 ||
    first === 34 ||
    first === 45 ||
    (first >= 48 && first <= 57) ||
    first === 116 ||
    first === 102 ||
    first === 110 ||
    first === 47
  );
}

/** Whether the text may be plain JSON already, which most bodies are. */
function mayBePlain(text: string): boolean {
  return !(text.includes('//') || text.includes('/*') || text.includes('{{') || text.charCodeAt(0) === 0xfeff);
}

type JsonRead =
  | {
      readonly ok: true;
      readonly value: unknown;
      readonly members: number;
      /** Colons outside strings in the text. */
      readonly colons: number;
      readonly containers: ContainerIndex | undefined;
    }
  | { readonly ok: false; readonly tooDeep: boolean };

/**
 * JSON.parse with exact numbers kept and the depth checked before anything recurses;
 * `wantContainers` also pairs the brackets, for a source tree over the text.
 */
function readJson(text: string, wantContainers = false): JsonRead {
  // A server's body is read for its values only: a regular expression finds its inexact
  // numbers faster than the full scan the user's body needs.
  const { hidden, colons, containers } = wantContainers
    ? scanJsonText(text, true)
    : { hidden: protectNumbers(text), colons: 0, containers: undefined };
  let value: unknown;
  try {
    value = JSON.parse(hidden ? hidden.text : text);
  } catch {
    return { ok: false, tooDeep: false };
  }
  const shape = valueShape(value);
  if (shape.tooDeep) return { ok: false, tooDeep: true };
  return {
    ok: true,
    value: hidden ? reviveNumbers(value, hidden) : value,
    members: shape.members,
    colons,
    containers,
  };
}

/** Parses a server body: strict JSON fast, JSONC as a fallback. */
export function parseJsonValue(
  text: string,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly tooDeep?: boolean } {
  let read = readJson(text);
  if (!read.ok && !read.tooDeep) {
    const mask = maskJsonc(text);
    if (!mask || mask.bare.length > 0) return { ok: false };
    read = readJson(mask.masked);
  }
  return read.ok ? { ok: true, value: read.value } : { ok: false, tooDeep: read.tooDeep };
}

/** Sets a key on a plain object without letting `__proto__` change the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** End of the JSON value at `pos` in masked (plain JSON) text. */
function skipValue(text: string, containers: ContainerIndex | undefined, pos: number): number {
  const ch = text.charCodeAt(pos);
  if (ch === 34) return skipString(text, pos);
  if (ch === 123 || ch === 91) {
    const close = containers ? containers.closeOf(pos) : -1;
    if (close >= 0) return close + 1;
    let depth = 1;
    let i = pos + 1;
    while (depth > 0) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i = skipString(text, i);
        continue;
      }
      if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) depth--;
      i++;
    }
    return i;
  }
  let i = pos;
  for (;;) {
    const c = text.charCodeAt(i);
    if (i >= text.length || c === 44 || c === 93 || c === 125 || isSpace(c)) return i;
    i++;
  }
}

class LazyNode implements SourceNode {
  readonly kind: SourceNode['kind'];
  private scanned: SourceMember[] | undefined;

  constructor(
    private readonly masked: string,
    private readonly containers: ContainerIndex | undefined,
    readonly start: number,
    readonly end: number,
    readonly value: unknown,
  ) {
    const ch = masked.charCodeAt(start);
    this.kind = ch === 123 ? 'object' : ch === 91 ? 'array' : 'scalar';
  }

  get members(): readonly SourceMember[] {
    this.scanned ??=
      this.kind === 'scalar' ? [] : scanMembers(this.masked, this.containers, this.start, this.kind, this.value);
    return this.scanned;
  }
}

/**
 * The members of the container opening at `start`. Members that are containers get their
 * own members only when asked: reading one level costs one pass over the text, and the
 * merge descends only where the server changed something.
 */
function scanMembers(
  text: string,
  containers: ContainerIndex | undefined,
  start: number,
  kind: SourceNode['kind'],
  value: unknown,
): SourceMember[] {
  const isObject = kind === 'object';
  const members: SourceMember[] = [];
  // An earlier copy of a repeated key holds the last copy's value, which may be of another
  // kind: its members are located (for layout) but their values are not known.
  const values = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown> & unknown[];
  let pos = skipSpace(text, start + 1);
  let index = 0;
  for (;;) {
    const ch = text.charCodeAt(pos);
    if (ch === 125 || ch === 93) break;
    const memberStart = pos;
    let key: string | undefined;
    let keyEnd: number | undefined;
    if (isObject) {
      keyEnd = skipString(text, pos);
      const raw = text.slice(pos + 1, keyEnd - 1);
      key = raw.includes('\\') ? (JSON.parse(text.slice(pos, keyEnd)) as string) : raw;
      pos = skipSpace(text, skipSpace(text, keyEnd) + 1);
    }
    const memberValue = isObject ? values[key!] : values[index];
    const node = new LazyNode(text, containers, pos, skipValue(text, containers, pos), memberValue);
    pos = skipSpace(text, node.end);
    let comma = -1;
    if (text.charCodeAt(pos) === 44) {
      comma = pos;
      pos = skipSpace(text, pos + 1);
    }
    // One object shape for members of objects and another for elements of arrays: a field
    // that holds a number in some and undefined in others makes V8 widen it, and drop the
    // optimised code that built them, part way through a merge.
    members.push(
      isObject
        ? { key, start: memberStart, keyEnd, end: node.end, comma, node }
        : { start: memberStart, end: node.end, comma, node },
    );
    index++;
  }
  return members;
}

/** Turns masked and embedded placeholders in a parsed value into what would be sent. */
class PlaceholderResolver {
  constructor(
    private readonly bare: readonly string[],
    private readonly resolvePlaceholders: ((text: string) => string) | undefined,
  ) {}

  resolve(value: unknown): unknown {
    if (typeof value === 'string') return this.resolveString(value);
    if (value instanceof ExactNumber) return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const element = value[i];
        if (typeof element !== 'number' && typeof element !== 'boolean' && element !== null)
          value[i] = this.resolve(element);
      }
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const element = record[key];
        if (typeof element !== 'number' && typeof element !== 'boolean' && element !== null)
          setOwn(record, key, this.resolve(element));
      }
    }
    return value;
  }

  private resolveString(text: string): unknown {
    const index = markedIndex(text, this.bare);
    const resolve = this.resolvePlaceholders;
    if (index !== undefined) {
      const raw = this.bare[index];
      if (!resolve) return raw;
      const resolved = resolve(raw);
      // Read as the body would be once sent, big numbers exactly.
      const read = parseJsonValue(resolved);
      return read.ok ? read.value : resolved;
    }
    if (!resolve || !text.includes('{{')) return text;
    try {
      return JSON.parse(resolve(JSON.stringify(text)));
    } catch {
      // A value with a quote in it breaks the raw substitution; the decoded text is the
      // closest thing to what the user meant.
      return resolve(text);
    }
  }
}
