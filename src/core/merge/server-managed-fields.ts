// Fields the server manages (Azure Table `Timestamp`, CouchDB `_rev`, Kubernetes
// `metadata.managedFields`, …) change on every write, so for a full document they are never
// the user's change and never a conflict. Where the user's body has one, it takes the
// current value, like a version field; where it has none, it stays out: the field is cut
// from the base and current texts before the merge, so "you removed it" never comes up and
// the server's value is never copied into the body.
import { applyEdits, modify } from 'jsonc-parser';
import type { JsonPath, MergeInput } from './merge-model';
import { parseJsonValue, parseSourceTree } from './json-source-tree';
import { ABSENT } from './json-values';
import { compilePatterns, expandPatterns, isPrefixPath, samePath, valueAtPath } from './json-pointer-syntax';

function outermost(paths: readonly JsonPath[]): JsonPath[] {
  const unique: JsonPath[] = [];
  for (const p of paths) if (!unique.some((u) => samePath(u, p))) unique.push(p);
  return unique.filter((p) => !unique.some((q) => q.length < p.length && isPrefixPath(q, p)));
}

/** Later array positions first, so removing one does not move the next. */
function descending(a: JsonPath, b: JsonPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (b[i] as number) - (a[i] as number);
    return String(b[i]).localeCompare(String(a[i]));
  }
  return b.length - a.length;
}

function cut(text: string, paths: readonly JsonPath[]): string {
  let out = text;
  for (const path of [...paths].sort(descending)) {
    out = applyEdits(out, modify(out, [...path], undefined, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  }
  return out;
}

export function withServerManagedFields(input: MergeInput): MergeInput {
  const patterns = compilePatterns(input.serverManagedPaths);
  if (patterns.length === 0) return input;
  const ours = parseSourceTree(input.ours, { resolvePlaceholders: input.resolvePlaceholders });
  const theirs = parseJsonValue(input.theirs);
  const base = input.base === undefined ? undefined : parseJsonValue(input.base);
  if (!ours || !theirs.ok || (base && !base.ok)) return input;
  const named = outermost([
    ...expandPatterns(theirs.value, patterns),
    ...(base?.ok ? expandPatterns(base.value, patterns) : []),
    ...expandPatterns(ours.value, patterns),
  ]);
  const inOurs = named.filter((p) => valueAtPath(ours.value, p) !== ABSENT);
  const notInOurs = named.filter((p) => valueAtPath(ours.value, p) === ABSENT);
  if (named.length === 0) return input;
  return {
    ...input,
    theirs: notInOurs.length
      ? cut(
          input.theirs,
          notInOurs.filter((p) => valueAtPath(theirs.value, p) !== ABSENT),
        )
      : input.theirs,
    base:
      input.base !== undefined && base?.ok && notInOurs.length
        ? cut(
            input.base,
            notInOurs.filter((p) => valueAtPath(base.value, p) !== ABSENT),
          )
        : input.base,
    versionPaths: [...(input.versionPaths ?? []), ...inOurs],
  };
}
