// Line-wise merge for bodies that are not JSON (XML, plain text, form data). Lines compare
// without their terminators, because the .http file may use CRLF while the server answers
// with LF; lines written into the user's text take the user's line ending.
import type { Change, MergeInput, MergeResult, Resolution, TextEdit } from './merge-model';
import { ConflictLedger } from './conflict-ledger';
import { diff3FromHunks } from './diff3-regions';
import { diffSequences, diffSymbols, internSequences, type Hunk } from './sequence-diff';
import { applyTextEdits } from './text-edits';

export const MARKER_MINE = '<<<<<<< mine';
export const MARKER_BASE = '||||||| base';
export const MARKER_SPLIT = '=======';
export const MARKER_CURRENT = '>>>>>>> current';

interface Lines {
  readonly text: string;
  /** Line contents without terminators. */
  readonly keys: string[];
  /** Offset where each line starts, plus text.length at the end. */
  readonly starts: number[];
}

export function mergeText(input: MergeInput, decisions?: ReadonlyMap<string, Resolution>): MergeResult {
  const ours = splitLines(input.ours);
  const theirs = splitLines(input.theirs);
  const writer = new LineWriter(ours);
  const ledger = new ConflictLedger(decisions);
  if (input.base === undefined) {
    for (const hunk of diffSequences(ours.keys, theirs.keys)) {
      const mine = ours.keys.slice(hunk.aStart, hunk.aEnd);
      const current = theirs.keys.slice(hunk.bStart, hunk.bEnd);
      resolveOrMark(ledger, writer, hunk.aStart, hunk.aEnd, mine, undefined, current);
    }
    return finish(input.ours, writer, ledger, 'two-way', [], []);
  }
  const base = splitLines(input.base);
  const { lists, symbolCount } = internSequences([base.keys, ours.keys, theirs.keys]);
  const oursHunks = diffSymbols(lists[0], lists[1], symbolCount);
  const theirsHunks = diffSymbols(lists[0], lists[2], symbolCount);
  for (const region of diff3FromHunks(base.keys.length, oursHunks, theirsHunks)) {
    if (!region.theirsChanged) continue;
    const current = theirs.keys.slice(region.theirsStart, region.theirsEnd);
    if (!region.oursChanged) {
      writer.replace(region.oursStart, region.oursEnd, current);
      continue;
    }
    const mine = ours.keys.slice(region.oursStart, region.oursEnd);
    if (sameLines(mine, current)) continue;
    const original = base.keys.slice(region.baseStart, region.baseEnd);
    resolveOrMark(ledger, writer, region.oursStart, region.oursEnd, mine, original, current);
  }
  return finish(
    input.ours,
    writer,
    ledger,
    'three-way',
    lineChanges(base, theirs, theirsHunks),
    lineChanges(base, ours, oursHunks),
  );
}

function resolveOrMark(
  ledger: ConflictLedger,
  writer: LineWriter,
  from: number,
  to: number,
  mine: string[],
  original: string[] | undefined,
  current: string[],
): void {
  const eol = writer.eol;
  const { resolution } = ledger.decide({
    id: `lines:${from + 1}-${Math.max(from + 1, to)}`,
    description: describeLines(from, to, original !== undefined),
    base: original?.join(eol),
    ours: mine.join(eol),
    theirs: current.join(eol),
  });
  if (resolution?.kind === 'ours') return;
  if (resolution?.kind === 'theirs') {
    writer.replace(from, to, current);
    return;
  }
  if (resolution?.kind === 'value') {
    writer.replace(from, to, resolution.text === '' ? [] : splitLines(resolution.text).keys);
    return;
  }
  const block = [MARKER_MINE, ...mine];
  if (original) block.push(MARKER_BASE, ...original);
  block.push(MARKER_SPLIT, ...current, MARKER_CURRENT);
  writer.replace(from, to, block);
}

function describeLines(from: number, to: number, threeWay: boolean): string {
  const where = to - from <= 1 ? `line ${from + 1}` : `lines ${from + 1}-${to}`;
  return threeWay
    ? `${where}: you and the server both changed this part differently`
    : `${where}: your text differs from the server's (no earlier version to compare with)`;
}

function finish(
  ours: string,
  writer: LineWriter,
  ledger: ConflictLedger,
  mode: MergeResult['mode'],
  theirsChanges: Change[],
  oursChanges: Change[],
): MergeResult {
  return {
    kind: 'text',
    mode,
    merged: applyTextEdits(ours, writer.edits),
    edits: writer.edits,
    conflicts: ledger.conflicts,
    theirsChanges,
    oursChanges,
  };
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Writes whole lines into the user's text, keeping their line ending and final newline. */
class LineWriter {
  readonly edits: TextEdit[] = [];
  readonly eol: string;
  private readonly endsWithEol: boolean;

  constructor(private readonly lines: Lines) {
    this.eol = lines.text.includes('\r\n') ? '\r\n' : '\n';
    this.endsWithEol = lines.text === '' || /[\r\n]$/.test(lines.text);
  }

  replace(from: number, to: number, newLines: readonly string[]): void {
    const count = this.lines.keys.length;
    let newText = newLines.map((line) => line + this.eol).join('');
    if (to === count && !this.endsWithEol && newText !== '') {
      // The user's last line has no terminator: neither does the text that now ends the body.
      newText = newText.slice(0, -this.eol.length);
      if (from === count) newText = this.eol + newText;
    }
    this.edits.push({ start: this.lines.starts[from], end: this.lines.starts[to], newText });
  }
}

function splitLines(text: string): Lines {
  const keys: string[] = [];
  const starts: number[] = [];
  let pos = 0;
  while (pos < text.length) {
    starts.push(pos);
    const nl = text.indexOf('\n', pos);
    if (nl < 0) {
      keys.push(text.slice(pos));
      pos = text.length;
    } else {
      keys.push(text.slice(pos, nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl));
      pos = nl + 1;
    }
  }
  starts.push(text.length);
  return { text, keys, starts };
}

function lineChanges(before: Lines, after: Lines, hunks: readonly Hunk[]): Change[] {
  return hunks.map((hunk) => {
    const removed = hunk.bStart === hunk.bEnd;
    const [from, to] = removed ? [hunk.aStart, hunk.aEnd] : [hunk.bStart, hunk.bEnd];
    return {
      at: `lines:${from + 1}-${Math.max(from + 1, to)}`,
      kind: hunk.aStart === hunk.aEnd ? 'added' : removed ? 'removed' : 'changed',
      before: removed || hunk.aStart !== hunk.aEnd ? before.keys.slice(hunk.aStart, hunk.aEnd).join('\n') : undefined,
      after: removed ? undefined : after.keys.slice(hunk.bStart, hunk.bEnd).join('\n'),
    };
  });
}
