// Source positions as the editor needs them: zero-based line and character (UTF-16 code
// units, like VS Code), plus the absolute offset so core code can slice the text directly.
export interface Position {
  readonly line: number;
  readonly character: number;
  readonly offset: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A problem found in a user's file. Never thrown: returned beside the result. */
export interface Diagnostic {
  readonly range: Range;
  readonly message: string;
  readonly severity: Severity;
  /** Stable code the editor keys quick fixes on, e.g. `parse-error`, `unresolved-variable`. */
  readonly code: string;
}

/**
 * A range as the parser keeps it: its two offsets and the text's line index, one small object.
 * Line and character are worked out when asked for (`start`, `end`: a binary search over the
 * line starts), so a 50k-request file does not hold three objects per range — the garbage
 * collector's work used to grow faster than the file. Reads exactly like a plain `Range`;
 * `toJSON` gives the plain form.
 */
export class OffsetRange implements Range {
  constructor(
    private readonly lines: LineIndex,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {}

  get start(): Position {
    return this.lines.positionAt(this.startOffset);
  }

  get end(): Position {
    return this.lines.positionAt(this.endOffset);
  }

  toJSON(): Range {
    return { start: this.start, end: this.end };
  }

  /** Printed (logs, test failures) as the plain form, not with the whole text it points into. */
  [Symbol.for('nodejs.util.inspect.custom')](): Range {
    return this.toJSON();
  }
}

/** Maps offsets to positions for one text; build once per text, query many times. */
export class LineIndex {
  /**
   * Offsets where each line starts, in a typed array: off the garbage collector's heap, so
   * a big file's index is neither copied as it grows nor walked by every collection.
   */
  private readonly lineStarts: Int32Array;

  constructor(readonly text: string) {
    let starts = new Int32Array(Math.max(16, text.length >> 5));
    let count = 1;
    const add = (start: number): void => {
      if (count === starts.length) {
        const bigger = new Int32Array(starts.length * 2);
        bigger.set(starts);
        starts = bigger;
      }
      starts[count++] = start;
    };
    if (text.indexOf('\r') < 0) {
      // Only `\n` ends a line: indexOf finds each far faster than a loop over every character.
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) add(nl + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch !== 13 /* \r */ && ch !== 10 /* \n */) continue;
        if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
        add(i + 1);
      }
    }
    this.lineStarts = starts.subarray(0, count);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.lineStarts[lo], offset: clamped };
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }
}
