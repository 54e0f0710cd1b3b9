// Masking JSONC with `{{placeholders}}` into plain JSON of the same length: comments and
// a BOM become spaces, trailing commas too (for JSON.parse only), bare placeholders become
// strings of private-use characters that name them. Offsets into the masked text are
// offsets into the user's text.

export interface Mask {
  /** Same length as the text, valid JSON when the text is valid JSONC with placeholders. */
  readonly masked: string;
  /** The same with trailing commas kept, for locating members and their commas. */
  readonly scan: string;
  /** Raw text of each bare placeholder, in order; the masked string names its index. */
  readonly bare: string[];
  /**
   * A comma with no value before it (`[,]`, `{,}`, `[1,,]`): left in the masked text, so
   * JSON.parse refuses it, and named here so the refusal can say where.
   */
  readonly strayComma?: number;
}

// Bare placeholders become strings of private-use characters: the first two encode the
// placeholder's index, the rest pad to the original length.
const MARK = 0xe000;
const MARK_BASE = 6000;

/** Blanks comments, trailing commas and a BOM; turns bare placeholders into marked strings. */
export function maskJsonc(text: string): Mask | undefined {
  const bare: string[] = [];
  // [start, end, replacement, only for JSON.parse]
  const patches: Array<[number, number, string, boolean]> = [];
  const n = text.length;
  let lastSignificant = -1;
  // The significant character before a comma: a trailing comma follows a value, never an
  // opening bracket or another comma.
  let beforeComma = -1;
  let strayComma: number | undefined;
  let i = 0;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) {
      const end = skipString(text, i);
      if (end < 0) return undefined;
      lastSignificant = end - 1;
      i = end;
    } else if (ch === 47 /* / */ && (text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 1) === 42)) {
      let end: number;
      if (text.charCodeAt(i + 1) === 47) {
        const nl = text.indexOf('\n', i);
        end = nl < 0 ? n : nl;
      } else {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) return undefined;
        end = close + 2;
      }
      patches.push([i, end, blank(text.slice(i, end)), false]);
      i = end;
    } else if (ch === 123 /* { */ && text.charCodeAt(i + 1) === 123) {
      const end = skipPlaceholder(text, i);
      if (end < 0) return undefined;
      patches.push([i, end, markString(bare.length, end - i), false]);
      bare.push(text.slice(i, end));
      lastSignificant = end - 1;
      i = end;
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) {
      if (lastSignificant >= 0 && text.charCodeAt(lastSignificant) === 44 /* , */) {
        const before = beforeComma < 0 ? -1 : text.charCodeAt(beforeComma);
        if (before === 91 /* [ */ || before === 123 /* { */ || before === 44 /* , */ || before === -1) {
          strayComma ??= lastSignificant;
        } else {
          patches.push([lastSignificant, lastSignificant + 1, ' ', true]);
        }
      }
      lastSignificant = i++;
    } else if (ch === 44 /* , */) {
      const before = lastSignificant < 0 ? -1 : text.charCodeAt(lastSignificant);
      if (before === 44 || before === 91 || before === 123 || before === -1) strayComma ??= i;
      beforeComma = lastSignificant;
      lastSignificant = i++;
    } else if (ch === 0xfeff && i === 0) {
      // Only a leading BOM is the file's encoding mark; anywhere else it is not JSON.
      patches.push([i, i + 1, ' ', false]);
      i++;
    } else if (isSpace(ch)) {
      i++;
    } else {
      lastSignificant = i++;
    }
  }
  if (patches.length === 0) return { masked: text, scan: text, bare, strayComma };
  patches.sort((a, b) => a[0] - b[0]);
  const masked = applyPatches(text, patches);
  const scan = patches.some((p) => p[3])
    ? applyPatches(
        text,
        patches.filter((p) => !p[3]),
      )
    : masked;
  return { masked, scan, bare, strayComma };
}

function applyPatches(text: string, patches: ReadonlyArray<readonly [number, number, string, boolean]>): string {
  const parts: string[] = [];
  let pos = 0;
  for (const [start, end, replacement] of patches) {
    parts.push(text.slice(pos, start), replacement);
    pos = end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

function blank(comment: string): string {
  return comment.replace(/[^\r\n]/g, ' ');
}

function markString(index: number, length: number): string {
  const low = String.fromCharCode(MARK + (index % MARK_BASE));
  const high = String.fromCharCode(MARK + Math.floor(index / MARK_BASE));
  return '"' + low + high + String.fromCharCode(MARK).repeat(Math.max(0, length - 4)) + '"';
}

/** `{{a}}`, `{{a}}{{b}}`, `{{n}}0`: placeholders and the text glued to them, up to a delimiter. */
function skipPlaceholder(text: string, start: number): number {
  let pos = start;
  for (;;) {
    if (text.startsWith('{{', pos)) {
      const close = text.indexOf('}}', pos + 2);
      if (close < 0) return -1;
      pos = close + 2;
      continue;
    }
    if (pos >= text.length) return pos;
    const ch = text.charCodeAt(pos);
    if (ch === 44 || ch === 93 || ch === 125 || ch === 47 || ch === 34 || isSpace(ch)) return pos;
    pos++;
  }
}

/** Index just after the string that opens at `start`, or -1 when it does not close. */
export function skipString(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let j = quote - 1; j > start && text.charCodeAt(j) === 92; j--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

export function isSpace(ch: number): boolean {
  return ch === 32 || ch === 10 || ch === 13 || ch === 9;
}

export function skipSpace(text: string, pos: number): number {
  while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
  return pos;
}

/** The index of the bare placeholder a masked string stands for, if it is one. */
export function markedIndex(text: string, bare: readonly string[]): number | undefined {
  if (text.length < 2) return undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < MARK || code >= MARK + MARK_BASE) return undefined;
  }
  const index = text.charCodeAt(0) - MARK + (text.charCodeAt(1) - MARK) * MARK_BASE;
  return index < bare.length && bare[index].length === text.length + 2 ? index : undefined;
}
