// Numbers are kept as the text their writer used wherever a double would change them: in
// value (more than 15 significant digits, exponents past a double's range) or only in
// spelling (`1.0`, `1E2`, `-0`). The merge compares them by their decimal value and copies
// the server's text as written, never `12345678901234567890` → `…567000`, `1e400` →
// `null` or `1.0` → `1`. Every other number stays a plain JS number, which prints back as
// written, so finding the few that need keeping costs one pass (a regular expression over
// a server's body; json-text-scan.ts over the user's).
import { skipString } from './jsonc-mask';

export class ExactNumber {
  /**
   * `text` as written; `canonical` is the same value in one spelling (`-123e4`, `0`);
   * `double` is the value as a JS number when that is exact, so it equals plain numbers.
   */
  constructor(
    readonly text: string,
    readonly canonical: string,
    readonly double: number | undefined,
  ) {}

  /** The number `token` spells (`value` is Number(token)); undefined when it is not a JSON number. */
  static of(token: string, value: number): ExactNumber | undefined {
    const canonical = canonicalNumber(token);
    if (canonical === undefined) return undefined;
    const exact = Number.isFinite(value) && canonicalNumber(String(value)) === canonical;
    return new ExactNumber(token, canonical, exact ? value : undefined);
  }

  /**
   * JSON.stringify cannot write one as written: it stops, and the caller (see `jsonText`)
   * writes the value with the merge's own writer instead.
   */
  toJSON(): never {
    throw new ExactNumberInJson(this.text);
  }
}

export class ExactNumberInJson extends Error {
  constructor(text: string) {
    super(`${text} cannot go through JSON.stringify without being rewritten`);
  }
}

/** Equal numeric values, exact or plain. */
export function sameNumber(a: ExactNumber, b: unknown): boolean {
  if (b instanceof ExactNumber) return a.canonical === b.canonical;
  return typeof b === 'number' && a.double === b;
}

// JSON's grammar: no leading zeros (`007` is not a JSON number, so it stays for JSON.parse to refuse).
const NUMBER = /^(-)?(0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([-+]?[0-9]+))?$/;

/** The number's value in one spelling: digits without leading or trailing zeros, then `e` and the exponent. */
export function canonicalNumber(text: string): string | undefined {
  const match = NUMBER.exec(text);
  if (!match) return undefined;
  const [, minus, whole, fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  let first = 0;
  while (first < digits.length && digits.charCodeAt(first) === 48) first++;
  if (first === digits.length) return '0';
  let last = digits.length;
  while (digits.charCodeAt(last - 1) === 48) last--;
  const power = BigInt(exponent) - BigInt(fraction.length) + BigInt(digits.length - last);
  return (minus ? '-' : '') + digits.slice(first, last) + 'e' + power.toString();
}

// Where a number a double would change may show: 16 digits in a row (a dot may sit among
// them), an exponent, a fraction ending in 0, or -0. Strings can hold the same; those are
// told apart only for the rare number that needs keeping, since telling needs a walk over
// every string before it.
const MAYBE_INEXACT = /[0-9](?:[0-9.]{15}|[eE]|\.[0-9]*0(?![0-9]))|-0/g;

/** Exact numbers stand in the text JSON.parse reads as strings made of these characters. */
const MARK = 0xe000;
const MARK_BASE = 6000;
const TAGS = [0xf8f0, 0xf8f1, 0xf8f2, 0xf8f3, 0xf8f4, 0xf8f5, 0xf8f6, 0xf8f7];

export interface ProtectedNumbers {
  /** The text with each inexact number replaced by a marked string of the same length. */
  readonly text: string;
  readonly numbers: readonly ExactNumber[];
  readonly tag: number;
}

/**
 * Hides the numbers a double would change (found by json-text-scan.ts, in text order) from
 * JSON.parse in same-length strings. Undefined when the text uses every marker character
 * (then numbers stay doubles).
 */
export function hideNumbers(
  text: string,
  found: ReadonlyArray<{ readonly start: number; readonly end: number; readonly number: ExactNumber }>,
): ProtectedNumbers | undefined {
  // A marker character the text itself never uses, so no string of the user's or the
  // server's can pass for a hidden number. A token too short for a marker (`1.0`, `-0`)
  // is spelt anew in the text JSON.parse reads; its exact text is kept all the same.
  const tag = TAGS.find((code) => !text.includes(String.fromCharCode(code)));
  if (tag === undefined) return undefined;
  const parts: string[] = [];
  const numbers: ExactNumber[] = [];
  let copied = 0;
  for (const { start, end, number } of found) {
    parts.push(text.slice(copied, start), marker(tag, numbers.length, end - start));
    numbers.push(number);
    copied = end;
  }
  parts.push(text.slice(copied));
  return { text: parts.join(''), numbers, tag };
}

/**
 * Finds the numbers in plain JSON text (comments already blanked) that a double would
 * change, and hides them from JSON.parse in same-length strings: the server's bodies,
 * read for their values only (the user's body goes through json-text-scan.ts, which also
 * pairs its brackets). Undefined when there are none, or when the text uses every marker
 * character (then numbers stay doubles).
 */
export function protectNumbers(text: string): ProtectedNumbers | undefined {
  const found: Array<{ start: number; end: number; number: ExactNumber }> = [];
  // Where the text is known to be outside any string.
  let outside = 0;
  MAYBE_INEXACT.lastIndex = 0;
  for (let match = MAYBE_INEXACT.exec(text); match; match = MAYBE_INEXACT.exec(text)) {
    let start = match.index;
    while (start > 0 && isNumberChar(text.charCodeAt(start - 1))) start--;
    let end = match.index + match[0].length;
    while (end < text.length && isNumberChar(text.charCodeAt(end))) end++;
    MAYBE_INEXACT.lastIndex = end;
    if (!followsValueStart(text, start)) continue;
    const token = text.slice(start, end);
    // A double that prints back as written needs nothing: most long decimals do.
    const value = Number(token);
    if (String(value) === token) continue;
    const number = ExactNumber.of(token, value);
    if (number === undefined) continue;
    const inString = skipStringsBefore(text, outside, start);
    if (inString >= 0) {
      MAYBE_INEXACT.lastIndex = outside = inString;
      continue;
    }
    outside = end;
    found.push({ start, end, number });
  }
  return found.length > 0 ? hideNumbers(text, found) : undefined;
}

function isNumberChar(ch: number): boolean {
  return (ch >= 48 && ch <= 57) || ch === 46 || ch === 101 || ch === 69 || ch === 43 || ch === 45;
}

/** A value starts after `:`, `[`, `,` or at the start of the text (spaces aside). */
function followsValueStart(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0) {
    const ch = text.charCodeAt(i);
    if (ch !== 32 && ch !== 9 && ch !== 10 && ch !== 13) return ch === 58 || ch === 91 || ch === 44;
    i--;
  }
  return true;
}

/**
 * Skips the strings between `from` (outside any string) and `offset`. Returns -1 when
 * `offset` is outside a string, else the end of the string that holds it.
 */
function skipStringsBefore(text: string, from: number, offset: number): number {
  let pos = from;
  for (;;) {
    const quote = text.indexOf('"', pos);
    if (quote < 0 || quote >= offset) return -1;
    const end = skipString(text, quote);
    if (end < 0) return text.length;
    if (end > offset) return end;
    pos = end;
  }
}

/**
 * A string that names the number's index. Same length as the token where it can be, so
 * offsets into the text stay offsets into the user's text; JSON.parse alone reads this
 * text, never the code that locates members.
 */
function marker(tag: number, index: number, length: number): string {
  const low = String.fromCharCode(MARK + (index % MARK_BASE));
  const high = String.fromCharCode(MARK + Math.floor(index / MARK_BASE));
  return '"' + String.fromCharCode(tag) + low + high + String.fromCharCode(MARK).repeat(Math.max(0, length - 5)) + '"';
}

/** The exact number a marked string stands for, if it is one. */
function markedNumber(text: string, hidden: ProtectedNumbers): ExactNumber | undefined {
  if (text.length < 3 || text.charCodeAt(0) !== hidden.tag) return undefined;
  const index = text.charCodeAt(1) - MARK + (text.charCodeAt(2) - MARK) * MARK_BASE;
  const number = hidden.numbers[index];
  return number && Math.max(number.text.length, 5) === text.length + 2 ? number : undefined;
}

/** Puts the exact numbers back into the value JSON.parse made of the protected text. */
export function reviveNumbers(value: unknown, hidden: ProtectedNumbers): unknown {
  if (typeof value === 'string') return markedNumber(value, hidden) ?? value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const element = value[i];
      if (typeof element === 'string' || (typeof element === 'object' && element !== null))
        value[i] = reviveNumbers(element, hidden);
    }
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const element = record[key];
      if (typeof element !== 'string' && (typeof element !== 'object' || element === null)) continue;
      const revived = reviveNumbers(element, hidden);
      if (revived === element) continue;
      // Defined rather than assigned, so a `__proto__` member stays a member.
      Object.defineProperty(record, key, { value: revived, enumerable: true, writable: true, configurable: true });
    }
  }
  return value;
}
