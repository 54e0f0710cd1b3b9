import type { TextEdit } from './merge-model';

/**
 * Applies non-overlapping edits to `text`. Edits at the same offset apply in the order
 * given (an insertion listed before a replacement starting there lands before it).
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = sortEdits(edits);
  const parts: string[] = [];
  let pos = 0;
  for (const edit of sorted) {
    if (edit.start < pos || edit.end < edit.start || edit.end > text.length) {
      throw new RangeError(`overlapping or out-of-range edit at ${edit.start}-${edit.end}`);
    }
    parts.push(text.slice(pos, edit.start), edit.newText);
    pos = edit.end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/** Stable order by start offset; pure insertions before a replacement at the same start. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return edits
    .map((edit, index) => ({ edit, index }))
    .sort(
      (x, y) =>
        x.edit.start - y.edit.start ||
        Number(x.edit.end > x.edit.start) - Number(y.edit.end > y.edit.start) ||
        x.index - y.index,
    )
    .map((entry) => entry.edit);
}
