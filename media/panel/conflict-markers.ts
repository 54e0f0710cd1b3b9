// Finds the standard conflict markers (diff3 style) in merged text, so the panel can show each
// side of an unresolved text conflict in its own colour.

export type MergeSegmentKind = 'plain' | 'marker' | 'ours' | 'base' | 'theirs';

export interface MergeSegment {
  readonly kind: MergeSegmentKind;
  readonly text: string;
}

const markerPattern = /^(<{7}|\|{7}|={7}|>{7})(?:\s|$)/;

export function hasConflictMarkers(text: string): boolean {
  return /^<{7}(?:\s|$)/m.test(text) && /^>{7}(?:\s|$)/m.test(text);
}

export function splitConflictRegions(text: string): MergeSegment[] {
  const segments: MergeSegment[] = [];
  let region: MergeSegmentKind = 'plain';
  const add = (kind: MergeSegmentKind, line: string): void => {
    const last = segments[segments.length - 1];
    if (last && last.kind === kind) segments[segments.length - 1] = { kind, text: last.text + line };
    else segments.push({ kind, text: line });
  };
  for (const line of text.split(/(?<=\n)/)) {
    const marker = markerPattern.exec(line)?.[1];
    if (marker === undefined) {
      add(region, line);
      continue;
    }
    const next: Record<string, MergeSegmentKind> = { '<': 'ours', '|': 'base', '=': 'theirs', '>': 'plain' };
    const target = next[marker[0]];
    // A marker out of order is just text (e.g. a Markdown "=======" underline).
    const expected =
      marker[0] === '<'
        ? region === 'plain'
        : marker[0] === '>'
          ? region === 'theirs'
          : region === 'ours' || region === 'base';
    if (!expected || target === undefined) {
      add(region, line);
      continue;
    }
    add('marker', line);
    region = target;
  }
  return segments;
}
