// Splits JSON-ish text into coloured runs for the body view. It never rejects input: invalid
// JSON still comes out as runs (mostly `plain`), because the panel shows bodies as received.
// The scan can resume where a previous slice stopped, so a 10 MB body can be highlighted one
// slice at a time even when a slice boundary falls inside a string.

export type JsonTokenKind = 'key' | 'string' | 'number' | 'literal' | 'plain';

export interface JsonToken {
  readonly kind: JsonTokenKind;
  readonly text: string;
}

/** Where the scan stood at the end of a slice. */
export interface JsonScanState {
  readonly inString: boolean;
  /** The slice ended right after a backslash inside a string. */
  readonly escaped: boolean;
}

export const jsonScanStart: JsonScanState = { inString: false, escaped: false };

const numberPattern = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const literalPattern = /(?:true|false|null)(?![A-Za-z0-9_])/y;
const keyFollowerPattern = /[ \t\r\n]*:/y;

/** Punctuation, whitespace and anything unrecognised form `plain` runs, cut only where a coloured token starts. */
export function tokenizeJson(
  text: string,
  start: JsonScanState = jsonScanStart,
): { tokens: JsonToken[]; end: JsonScanState } {
  const tokens: JsonToken[] = [];
  let i = 0;
  let plainFrom = 0;
  let end: JsonScanState = jsonScanStart;
  const emit = (kind: JsonTokenKind, from: number, to: number): void => {
    if (plainFrom < from) tokens.push({ kind: 'plain', text: text.slice(plainFrom, from) });
    tokens.push({ kind, text: text.slice(from, to) });
    plainFrom = to;
  };

  if (start.inString) {
    const close = findStringEnd(text, 0, start.escaped);
    if (close.end > 0) emit('string', 0, close.end);
    i = close.end;
    if (!close.closed) end = { inString: true, escaped: close.escaped };
  }

  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22 /* " */) {
      const close = findStringEnd(text, i + 1, false);
      emit(close.closed && followedByColon(text, close.end) ? 'key' : 'string', i, close.end);
      i = close.end;
      if (!close.closed) end = { inString: true, escaped: close.escaped };
      continue;
    }
    const isNumberStart = code === 0x2d /* - */ || (code >= 0x30 && code <= 0x39);
    const isLiteralStart = code === 0x74 /* t */ || code === 0x66 /* f */ || code === 0x6e; /* n */
    const length = isNumberStart
      ? matchLength(numberPattern, text, i)
      : isLiteralStart
        ? matchLength(literalPattern, text, i)
        : 0;
    if (length > 0) {
      emit(isNumberStart ? 'number' : 'literal', i, i + length);
      i += length;
    } else {
      i++;
    }
  }
  if (plainFrom < text.length) tokens.push({ kind: 'plain', text: text.slice(plainFrom) });
  return { tokens, end };
}

function findStringEnd(
  text: string,
  from: number,
  escapedAtStart: boolean,
): { end: number; closed: boolean; escaped: boolean } {
  let escaped = escapedAtStart;
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (escaped) escaped = false;
    else if (c === 0x5c /* \ */) escaped = true;
    else if (c === 0x22 /* " */) return { end: j + 1, closed: true, escaped: false };
    // A raw newline cannot be inside a JSON string: stop colouring there so one stray quote
    // does not paint the rest of an invalid body as a string.
    else if (c === 0x0a) return { end: j, closed: true, escaped: false };
  }
  return { end: text.length, closed: false, escaped };
}

function followedByColon(text: string, at: number): boolean {
  keyFollowerPattern.lastIndex = at;
  return keyFollowerPattern.test(text);
}

function matchLength(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0].length ?? 0;
}
