// A PATCH body rebases as the change set it is: a JSON Merge Patch (RFC 7396) or a JSON
// Patch (RFC 6902). Undefined for a full document (the three-way document merge applies),
// and for a merge patch that is not an object, which RFC 7396 makes a whole replacement.
import type { MergeInput, MergeResult, Resolution } from './merge-model';
import { parseJsonValue, parseSourceTree } from './json-source-tree';
import { rebaseJsonPatch } from './json-patch-rebase';
import { rebaseMergePatch } from './merge-patch-rebase';

/** The patch cannot be read (or the current version cannot): one conflict for the whole body. */
function unreadable(
  input: MergeInput,
  decisions: ReadonlyMap<string, Resolution> | undefined,
  why: string,
): MergeResult {
  const resolution = decisions?.get('');
  const empty = input.bodyKind === 'json-patch' ? '[]' : '{}';
  const merged = resolution?.kind === 'theirs' ? empty : resolution?.kind === 'value' ? resolution.text : input.ours;
  return {
    kind: 'json',
    mode: input.base === undefined ? 'two-way' : 'three-way',
    merged,
    edits: merged === input.ours ? [] : [{ start: 0, end: input.ours.length, newText: merged }],
    conflicts: resolution ? [] : [{ id: '', path: [], description: why, ours: input.ours, theirs: input.theirs }],
    theirsChanges: [],
    oursChanges: [],
  };
}

export function rebasePatchBody(
  input: MergeInput,
  decisions?: ReadonlyMap<string, Resolution>,
): MergeResult | undefined {
  if (input.bodyKind !== 'merge-patch' && input.bodyKind !== 'json-patch') return undefined;
  if (!parseSourceTree(input.ours, { resolvePlaceholders: input.resolvePlaceholders })) {
    return unreadable(
      input,
      decisions,
      'your patch is not valid JSON, so what it changes cannot be checked against the current version',
    );
  }
  if (!parseJsonValue(input.theirs).ok) {
    return unreadable(input, decisions, 'the current version is not JSON, so your patch cannot be checked against it');
  }
  return input.bodyKind === 'merge-patch' ? rebaseMergePatch(input, decisions) : rebaseJsonPatch(input, decisions);
}
