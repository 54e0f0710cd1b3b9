// The parser walks the text line by line; this gives it each line's bounds and builds exact
// ranges without searching, so a 50k-request file stays a single linear pass.
import { LineIndex, OffsetRange } from '../text-range';
import type { Position, Range } from '../text-range';

export class SourceLines {
  readonly index: LineIndex;
  readonly count: number;

  constructor(readonly text: string) {
    this.index = new LineIndex(text);
    this.count = this.index.lineCount;
  }

  start(line: number): number {
    return this.index.lineStart(line);
  }

  /** Offset just past the line's last character, before its `\n`, `\r\n` or `\r`. */
  end(line: number): number {
    if (line + 1 >= this.count) return this.text.length;
    const next = this.index.lineStart(line + 1);
    if (next >= 2 && this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13) {
      return next - 2;
    }
    return next - 1;
  }

  position(line: number, offset: number): Position {
    return { line, character: offset - this.index.lineStart(line), offset };
  }

  /** Range between two offsets; it keeps only the offsets (lines are found when it is read). */
  span(startOffset: number, endOffset: number): Range {
    return new OffsetRange(this.index, startOffset, endOffset);
  }
}

function isSpace(code: number): boolean {
  // Tab, space, and the byte-order mark a file read from disk may start with.
  return code === 32 || code === 9 || code === 0xfeff || code === 11 || code === 12;
}

/** First offset in [from, to) that is not whitespace, or -1 for a blank stretch. */
export function firstNonSpace(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return i;
  return -1;
}

/** Offset just past the last non-whitespace character in [from, to), or `from`. */
export function trimmedEnd(text: string, from: number, to: number): number {
  let i = to;
  while (i > from && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Offset of the first whitespace in [from, to), or `to`. */
export function nextSpace(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (isSpace(text.charCodeAt(i))) return i;
  return to;
}
