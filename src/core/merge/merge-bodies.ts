// The merge's front door: JSON bodies merge structurally, everything else line by line.
import type { MergeInput, MergeResult, Resolution } from './merge-model';
import { jsonChanges } from './json-changes';
import { mergeJson } from './json-merge';
import { parseJsonValue, readSourceTree } from './json-source-tree';
import { ABSENT } from './json-values';
import { refuseMerge } from './merge-refusal';
import { mergeText } from './text-merge';
import { rebasePatchBody } from './patch-rebase';
import { withServerManagedFields } from './server-managed-fields';

/** Three-way merge (two-way without `base`) of the user's body onto the server's. */
export function mergeBodies(input: MergeInput): MergeResult {
  return runMerge(input, undefined);
}

/**
 * The same merge with the user's decisions applied: each decided conflict (by id, as
 * returned by `mergeBodies`) is gone from `conflicts`, its chosen value in `merged`.
 */
export function resolveConflicts(input: MergeInput, resolutions: ReadonlyMap<string, Resolution>): MergeResult {
  return runMerge(input, resolutions);
}

/**
 * JSON when all three bodies read as JSON — whatever the content type says, since servers
 * often label JSON `text/plain`. A body that is not JSON at all (XML, form data) merges
 * line by line. But a user's body that starts like JSON and is not valid, against a server
 * that speaks JSON, is refused with the reason: a line merge would send invalid JSON as if
 * the merge were clean. So is a body nested deeper than the merge follows.
 */
function runMerge(input: MergeInput, decisions: ReadonlyMap<string, Resolution> | undefined): MergeResult {
  // A PATCH body is a change set, rebased by its own rules; a document drops the fields the
  // server manages before the merge.
  const patch = rebasePatchBody(input, decisions);
  if (patch) return patch;
  return mergeDocument(withServerManagedFields(input), decisions);
}

function mergeDocument(input: MergeInput, decisions: ReadonlyMap<string, Resolution> | undefined): MergeResult {
  const ours = readSourceTree(input.ours, { resolvePlaceholders: input.resolvePlaceholders });
  if (!ours.ok && ours.problem.kind === 'not-json') return mergeText(input, decisions);
  const theirs = parseJsonValue(input.theirs);
  const base = input.base === undefined ? undefined : parseJsonValue(input.base);
  const serverSpeaksJson = (theirs.ok || theirs.tooDeep) && (base === undefined || base.ok || base.tooDeep);
  if (!serverSpeaksJson) return mergeText(input, decisions);
  if (!ours.ok && ours.problem.kind === 'syntax') {
    const theirsChanges = base?.ok && theirs.ok ? jsonChanges(base.value, theirs.value) : [];
    return refuseMerge(input, { kind: 'syntax', offset: ours.problem.offset }, decisions, theirsChanges);
  }
  if (!ours.ok) return refuseMerge(input, { kind: 'too-deep', side: 'ours' }, decisions);
  if (!theirs.ok) return refuseMerge(input, { kind: 'too-deep', side: 'theirs' }, decisions);
  if (base && !base.ok) return refuseMerge(input, { kind: 'too-deep', side: 'base' }, decisions);
  return mergeJson(
    input,
    {
      ours: ours.tree,
      duplicateKeys: ours.duplicateKeys,
      base: base ? base.value : ABSENT,
      theirs: theirs.value,
    },
    decisions,
  );
}
