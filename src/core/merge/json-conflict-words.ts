// The sentence a person reads for each JSON conflict, e.g.
// `title: you set "A", the server now has "B" (it was "C")`.
import type { JsonPath } from './merge-model';
import { pathLabel } from './json-pointer';

const SHOWN_LENGTH = 60;

/** Values as they appear in a sentence: short JSON, cut with an ellipsis. */
function shortValue(json: string | undefined): string {
  if (json === undefined) return 'nothing';
  const flat = json.replace(/\s*\n\s*/g, ' ');
  return flat.length > SHOWN_LENGTH ? flat.slice(0, SHOWN_LENGTH - 1) + '…' : flat;
}

export interface ConflictSides {
  readonly base?: string;
  readonly ours?: string;
  readonly theirs?: string;
}

export function describeConflict(path: JsonPath, sides: ConflictSides, threeWay: boolean, list = false): string {
  const label = pathLabel(path);
  const { base, ours, theirs } = sides;
  if (!threeWay) {
    if (ours === undefined) return `${label}: the server has ${shortValue(theirs)}, your body does not have it`;
    if (theirs === undefined) return `${label}: you have ${shortValue(ours)}, the server does not have it`;
    return `${label}: you have ${shortValue(ours)}, the server has ${shortValue(theirs)} (no earlier version to compare with)`;
  }
  if (list) {
    return `${label}: you and the server both changed this list, in ways that cannot both be kept — you have ${shortValue(ours)}, the server now has ${shortValue(theirs)}`;
  }
  if (base === undefined) return `${label}: you added ${shortValue(ours)}, the server added ${shortValue(theirs)}`;
  const was = `(it was ${shortValue(base)})`;
  if (ours === undefined) return `${label}: you removed it, the server changed it to ${shortValue(theirs)} ${was}`;
  if (theirs === undefined) return `${label}: you set ${shortValue(ours)}, the server removed it ${was}`;
  return `${label}: you set ${shortValue(ours)}, the server now has ${shortValue(theirs)} ${was}`;
}

/** `items: you and the server both reordered this list, differently — you have id 3, 1, 2; the server has id 2, 3, 1` */
export function describeOrderConflict(
  path: JsonPath,
  key: string,
  oursIds: readonly string[],
  theirsIds: readonly string[],
  withBase: boolean,
): string {
  const list = (ids: readonly string[]): string => `${key} ${shortValue(ids.join(', '))}`;
  const what = withBase
    ? 'you and the server both reordered this list, differently'
    : "your list and the server's hold these records in another order";
  return `${pathLabel(path)}: ${what} — you have ${list(oursIds)}; the server has ${list(theirsIds)}`;
}
