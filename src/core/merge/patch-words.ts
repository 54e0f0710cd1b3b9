// The sentences a person reads for a conflict in a patch. They say what the patch does and
// what the server did, as what they are: "you set /title to "X"; the server changed /title
// from "A" to "B"" — never "you removed" for a field the patch simply does not mention.
import type { JsonPath } from './merge-model';
import { toPointer } from './json-pointer';
import { ABSENT } from './json-values';

const SHOWN_LENGTH = 60;

export function shortJson(value: unknown): string {
  if (value === ABSENT || value === undefined) return 'nothing';
  const flat = JSON.stringify(value);
  return flat.length > SHOWN_LENGTH ? flat.slice(0, SHOWN_LENGTH - 1) + '…' : flat;
}

export function pointerLabel(path: JsonPath): string {
  return path.length === 0 ? 'the whole document' : toPointer(path);
}

/** What a merge patch does at one path. */
export function patchWrite(path: JsonPath, value: unknown): string {
  return value === null ? `you remove ${pointerLabel(path)}` : `you set ${pointerLabel(path)} to ${shortJson(value)}`;
}

/** What the server did between the base and the current version at one path. */
export function serverChange(path: JsonPath, before: unknown, after: unknown): string {
  const at = pointerLabel(path);
  if (before === ABSENT) return `the server added ${at} as ${shortJson(after)}`;
  if (after === ABSENT) return `the server removed ${at} (it was ${shortJson(before)})`;
  return `the server changed ${at} from ${shortJson(before)} to ${shortJson(after)}`;
}

/** Without a base: what the server holds, and why that alone is a question for the user. */
export function unknownServerState(path: JsonPath, current: unknown): string {
  const at = pointerLabel(path);
  const has =
    current === ABSENT ? `the current version has no ${at}` : `the current version has ${shortJson(current)} there`;
  return `${has}, and with no earlier version to compare, whether the server changed it is unknown`;
}

export function moreChanges(count: number): string {
  return count > 0 ? ` (and ${count} more change${count === 1 ? '' : 's'} there)` : '';
}
