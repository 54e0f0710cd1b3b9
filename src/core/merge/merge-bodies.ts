// The merge's front door: JSON bodies merge structurally, everything else line by line.
import type { MergeInput, MergeResult, Resolution } from './merge-model';
import { mergeJson, type ParsedBodies } from './json-merge';
import { parseJsonValue, parseSourceTree } from './json-source-tree';
import { ABSENT } from './json-values';
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

function runMerge(input: MergeInput, decisions: ReadonlyMap<string, Resolution> | undefined): MergeResult {
  const patch = rebasePatchBody(input, decisions);
  if (patch) return patch;
  const document = withServerManagedFields(input);
  const parsed = parseBodies(document);
  return parsed ? mergeJson(document, parsed, decisions) : mergeText(document, decisions);
}

/**
 * JSON when all three bodies read as JSON — whatever the content type says, since servers
 * often label JSON `text/plain`, and a JSON content type over a body that is not JSON
 * (a half-typed edit) is still best merged line by line.
 */
function parseBodies(input: MergeInput): ParsedBodies | undefined {
  const ours = parseSourceTree(input.ours, { resolvePlaceholders: input.resolvePlaceholders });
  if (!ours) return undefined;
  const theirs = parseJsonValue(input.theirs);
  if (!theirs.ok) return undefined;
  if (input.base === undefined) return { ours, base: ABSENT, theirs: theirs.value };
  const base = parseJsonValue(input.base);
  return base.ok ? { ours, base: base.value, theirs: theirs.value } : undefined;
}
