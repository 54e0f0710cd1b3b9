// Differences between two sequences of keys (lines, or canonical JSON of array elements).
// Myers' O((N+M)·D) diff for the usual small edit distance; for long inputs it first pins
// lines that are unique on both sides (patience diff), so 10 MB bodies with scattered
// changes stay near-linear. When neither finds a cheap answer the remaining span is
// reported as one changed hunk, which is never wrong, only coarser.

/** `a[aStart, aEnd)` was replaced by `b[bStart, bEnd)`; either range may be empty. */
export interface Hunk {
  readonly aStart: number;
  readonly aEnd: number;
  readonly bStart: number;
  readonly bEnd: number;
}

const MAX_EDIT_DISTANCE = 1500;
const PATIENCE_ABOVE = 4000;
const MAX_PATIENCE_DEPTH = 6;

export function diffSequences(a: readonly string[], b: readonly string[]): Hunk[] {
  const { lists, symbolCount } = internSequences([a, b]);
  return diffSymbols(lists[0], lists[1], symbolCount);
}

/**
 * Numbers equal elements alike across all lists, so the diff compares integers and counts
 * occurrences in arrays instead of hashing each line again at every step.
 */
export function internSequences(lists: ReadonlyArray<readonly string[]>): { lists: Int32Array[]; symbolCount: number } {
  const ids = new Map<string, number>();
  const out = lists.map((list) => {
    const symbols = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) {
      let id = ids.get(list[i]);
      if (id === undefined) {
        id = ids.size;
        ids.set(list[i], id);
      }
      symbols[i] = id;
    }
    return symbols;
  });
  return { lists: out, symbolCount: ids.size };
}

/** Hunks between two lists of symbols from `internSequences`. */
export function diffSymbols(a: Int32Array, b: Int32Array, symbolCount: number): Hunk[] {
  const matches: number[] = [];
  new SymbolDiff(a, b, symbolCount).collect(0, a.length, 0, b.length, matches, 0);
  return hunksFromMatches(matches, a.length, b.length);
}

class SymbolDiff {
  // Occurrence counts and last positions per symbol, reset after each use.
  private readonly countA: Int32Array;
  private readonly countB: Int32Array;
  private readonly posA: Int32Array;
  private readonly posB: Int32Array;

  constructor(
    private readonly a: Int32Array,
    private readonly b: Int32Array,
    symbolCount: number,
  ) {
    this.countA = new Int32Array(symbolCount);
    this.countB = new Int32Array(symbolCount);
    this.posA = new Int32Array(symbolCount);
    this.posB = new Int32Array(symbolCount);
  }

  /** Pushes matched index pairs (a, b), in increasing order, flattened into `out`. */
  collect(aLo: number, aHi: number, bLo: number, bHi: number, out: number[], depth: number): void {
    const { a, b } = this;
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) out.push(aLo++, bLo++);
    let suffix = 0;
    while (aHi - suffix > aLo && bHi - suffix > bLo && a[aHi - 1 - suffix] === b[bHi - 1 - suffix]) suffix++;
    const aEnd = aHi - suffix;
    const bEnd = bHi - suffix;
    if (aLo < aEnd && bLo < bEnd) {
      const large = aEnd - aLo + (bEnd - bLo) > PATIENCE_ABOVE;
      const anchored = large && depth < MAX_PATIENCE_DEPTH && this.patience(aLo, aEnd, bLo, bEnd, out, depth);
      if (!anchored) myers(a, aLo, aEnd, b, bLo, bEnd, out);
    }
    for (let i = 0; i < suffix; i++) out.push(aEnd + i, bEnd + i);
  }

  private patience(aLo: number, aHi: number, bLo: number, bHi: number, out: number[], depth: number): boolean {
    const { a, b, countA, countB, posA, posB } = this;
    for (let i = aLo; i < aHi; i++) {
      countA[a[i]]++;
      posA[a[i]] = i;
    }
    for (let j = bLo; j < bHi; j++) {
      countB[b[j]]++;
      posB[b[j]] = j;
    }
    const pairsA: number[] = [];
    const pairsB: number[] = [];
    for (let i = aLo; i < aHi; i++) {
      const symbol = a[i];
      if (countA[symbol] === 1 && countB[symbol] === 1) {
        pairsA.push(i);
        pairsB.push(posB[symbol]);
      }
    }
    for (let i = aLo; i < aHi; i++) countA[a[i]] = 0;
    for (let j = bLo; j < bHi; j++) countB[b[j]] = 0;
    if (pairsA.length === 0) return false;
    const chosen = longestIncreasing(pairsB);
    let prevA = aLo;
    let prevB = bLo;
    for (const index of chosen) {
      const i = pairsA[index];
      const j = pairsB[index];
      this.collect(prevA, i, prevB, j, out, depth + 1);
      out.push(i, j);
      prevA = i + 1;
      prevB = j + 1;
    }
    this.collect(prevA, aHi, prevB, bHi, out, depth + 1);
    return true;
  }
}

/** Indices of a longest strictly increasing subsequence of `values` (patience sorting). */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [];
  const previous = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < values[i]) lo = mid + 1;
      else hi = mid;
    }
    previous[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  }
  const result = new Array<number>(tails.length);
  for (let k = tails.length - 1, i = tails[tails.length - 1]; k >= 0; k--, i = previous[i]) result[k] = i;
  return result;
}

function myers(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number, out: number[]): void {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const maxD = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= maxD; d++) {
    // Snapshot of the diagonals d may read, indexed by k + d + 1.
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        backtrack(trace, n, m, aLo, bLo, out);
        return;
      }
    }
  }
  // Too far apart to be worth a minimal answer: the whole span is one change.
}

function backtrack(trace: readonly Int32Array[], n: number, m: number, aLo: number, bLo: number, out: number[]): void {
  const reversed: number[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const snap = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && snap[k - 1 + d + 1] < snap[k + 1 + d + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : snap[prevK + d + 1];
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      reversed.push(bLo + y, aLo + x);
    }
    x = prevX;
    y = prevY;
  }
  for (let i = reversed.length - 1; i >= 0; i--) out.push(reversed[i]);
}

function hunksFromMatches(matches: readonly number[], aLength: number, bLength: number): Hunk[] {
  const hunks: Hunk[] = [];
  let prevA = 0;
  let prevB = 0;
  for (let p = 0; p < matches.length; p += 2) {
    const i = matches[p];
    const j = matches[p + 1];
    if (i > prevA || j > prevB) hunks.push({ aStart: prevA, aEnd: i, bStart: prevB, bEnd: j });
    prevA = i + 1;
    prevB = j + 1;
  }
  if (prevA < aLength || prevB < bLength) hunks.push({ aStart: prevA, aEnd: aLength, bStart: prevB, bEnd: bLength });
  return hunks;
}
