// Checks shared by the parser tests: a range is only useful to the editor when its
// line/character agree with its offset and it lies inside the text.
import { strict as assert } from 'node:assert';
import { LineIndex } from '../../../src/core/text-range';
import type { Range } from '../../../src/core/text-range';
import type { ParsedHttpFile } from '../../../src/core/http-file/http-file-model';

export function sliceRange(text: string, range: Range): string {
  return text.slice(range.start.offset, range.end.offset);
}

export function assertRangeConsistent(index: LineIndex, range: Range, what: string): void {
  const { text } = index;
  assert.ok(range.start.offset >= 0 && range.end.offset <= text.length, `${what} lies inside the text`);
  assert.ok(range.start.offset <= range.end.offset, `${what} starts before it ends`);
  assert.deepEqual(index.positionAt(range.start.offset), range.start, `${what} start agrees with its offset`);
  assert.deepEqual(index.positionAt(range.end.offset), range.end, `${what} end agrees with its offset`);
}

/** Every range the parser produced, with a label saying where it came from. */
export function allRanges(parsed: ParsedHttpFile): Array<[string, Range]> {
  const ranges: Array<[string, Range]> = [];
  for (const v of parsed.fileVariables) {
    ranges.push(
      [`variable ${v.name}`, v.range],
      [`variable ${v.name} name`, v.nameRange],
      [`variable ${v.name} value`, v.valueRange],
    );
  }
  for (const d of parsed.diagnostics) ranges.push([`diagnostic ${d.code}`, d.range]);
  for (const r of parsed.requests) {
    const label = `request ${r.index}`;
    ranges.push([label, r.range], [`${label} request line`, r.requestLineRange], [`${label} url`, r.urlRange]);
    if (r.metadata.nameRange) ranges.push([`${label} name`, r.metadata.nameRange]);
    for (const p of r.metadata.prompts) ranges.push([`${label} prompt ${p.name}`, p.range]);
    for (const h of r.headers) ranges.push([`${label} header ${h.name}`, h.range]);
    if (r.body) {
      ranges.push([`${label} body`, r.body.range]);
      r.body.parts.forEach((p, i) => ranges.push([`${label} body part ${i}`, p.range]));
    }
  }
  return ranges;
}

export function assertAllRangesConsistent(text: string, parsed: ParsedHttpFile): void {
  const index = new LineIndex(text);
  for (const [what, range] of allRanges(parsed)) assertRangeConsistent(index, range, what);
}
