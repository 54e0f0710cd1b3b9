// One pass over a JSON text before JSON.parse reads it, in place of three: it finds the
// numbers a double would change (exact-number.ts hides them), counts the colons outside
// strings (one per object member: json-duplicate-keys.ts) and, for the user's body, pairs
// every bracket with its closing one, so locating a container's members costs a lookup
// per member instead of a walk over everything the container holds. Strings are skipped
// with indexOf, so only the text between strings is looked at character by character.
import { ExactNumber, hideNumbers, type ProtectedNumbers } from './exact-number';

/** Where each container (`{` or `[` outside strings) of a text closes, in order of opening. */
export class ContainerIndex {
  constructor(
    private readonly opens: Int32Array,
    private readonly closes: Int32Array,
    private readonly count: number,
  ) {}

  /** Offset of the bracket closing the container that opens at `open`, or -1 when none was seen. */
  closeOf(open: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.opens[mid];
      if (at === open) return this.closes[mid];
      if (at < open) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

export interface TextScan {
  /** The text with inexact numbers hidden, when it has any (see `protectNumbers`). */
  readonly hidden: ProtectedNumbers | undefined;
  /** Colons outside strings. */
  readonly colons: number;
  /** Only when asked for, and only when every bracket was matched. */
  readonly containers: ContainerIndex | undefined;
}

/**
 * Scans plain JSON text (comments already blanked). For text that is not valid JSON the
 * figures mean nothing, but JSON.parse refuses that text anyway.
 */
export function scanJsonText(text: string, wantContainers: boolean): TextScan {
  const n = text.length;
  const numbers: Array<{ readonly start: number; readonly end: number; readonly number: ExactNumber }> = [];
  let colons = 0;
  let opens: Int32Array | undefined = wantContainers ? new Int32Array(64) : undefined;
  let closes: Int32Array | undefined = wantContainers ? new Int32Array(64) : undefined;
  let count = 0;
  const stack: number[] = [];
  let balanced = true;
  // The last character outside strings and spaces: a number is a value only after one of `:[,`.
  let last = -1;
  let i = 0;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 32 || ch === 10 || ch === 13 || ch === 9) {
      i++;
      continue;
    }
    if (ch === 34) {
      let quote = text.indexOf('"', i + 1);
      for (;;) {
        if (quote < 0) break;
        let backslashes = 0;
        for (let j = quote - 1; j > i && text.charCodeAt(j) === 92; j--) backslashes++;
        if (backslashes % 2 === 0) break;
        quote = text.indexOf('"', quote + 1);
      }
      if (quote < 0) {
        balanced = false;
        break;
      }
      i = quote + 1;
      last = 34;
      continue;
    }
    if ((ch >= 48 && ch <= 57) || ch === 45) {
      const start = i;
      // Only these spellings can be changed by a double: 16 characters or more, an
      // exponent, a fraction ending in 0, or a leading -0.
      let suspect = ch === 45 && text.charCodeAt(i + 1) === 48;
      let dot = false;
      i++;
      for (;;) {
        const c = text.charCodeAt(i);
        if (c >= 48 && c <= 57) i++;
        else if (c === 46) {
          dot = true;
          i++;
        } else if (c === 101 || c === 69 || c === 43 || c === 45) {
          suspect = true;
          i++;
        } else break;
      }
      if (!suspect && (i - start >= 16 || (dot && text.charCodeAt(i - 1) === 48))) suspect = true;
      if (suspect && (last === -1 || last === 58 || last === 91 || last === 44)) {
        const number = exactNumber(text.slice(start, i));
        if (number) numbers.push({ start, end: i, number });
      }
      last = 48;
      continue;
    }
    if (ch === 58) colons++;
    else if (ch === 123 || ch === 91) {
      if (opens) {
        if (count === opens.length) {
          opens = grow(opens);
          closes = grow(closes!);
        }
        opens[count] = i;
        closes![count] = -1;
        stack.push(count++);
      }
    } else if (ch === 125 || ch === 93) {
      if (closes) {
        const slot = stack.pop();
        if (slot === undefined) balanced = false;
        else closes[slot] = i;
      }
    }
    last = ch;
    i++;
  }
  return {
    hidden: numbers.length > 0 ? hideNumbers(text, numbers) : undefined,
    colons,
    containers: opens && balanced && stack.length === 0 ? new ContainerIndex(opens, closes!, count) : undefined,
  };
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** The token as an exact number when a double would change it; undefined when not (or not a JSON number). */
function exactNumber(token: string): ExactNumber | undefined {
  const value = Number(token);
  // A double that prints back as written needs nothing: most long decimals do.
  if (String(value) === token) return undefined;
  return ExactNumber.of(token, value);
}
