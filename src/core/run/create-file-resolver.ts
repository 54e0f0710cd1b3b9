import type { ParsedHttpFile } from '../http-file/http-file-model';
import { createResolver } from '../variables/resolve-variables';
import type { VariableSources } from '../variables/variable-model';
import type { TextResolver } from './prepare-request';

/** A resolver for one send from one file: knows the file's variables and request names. */
const namesByFile = new WeakMap<ParsedHttpFile, ReadonlySet<string>>();

/** Every `# @name` of a parsed file, collected once (a "send all" would otherwise be quadratic). */
function requestNamesOf(file: ParsedHttpFile): ReadonlySet<string> {
  let names = namesByFile.get(file);
  if (!names) {
    const collected = new Set<string>();
    for (const r of file.requests) if (r.metadata.name) collected.add(r.metadata.name);
    namesByFile.set(file, collected);
    names = collected;
  }
  return names;
}

/**
 * The sources with the file's request names, per sources object and file: a session hands in
 * the same (read-only) sources send after send, and copying them each time was measurable.
 */
const withNamesBySources = new WeakMap<
  VariableSources,
  { readonly file: ParsedHttpFile; readonly value: VariableSources }
>();

function withRequestNames(file: ParsedHttpFile, sources: VariableSources): VariableSources {
  const cached = withNamesBySources.get(sources);
  if (cached?.file === file) return cached.value;
  const value = { ...sources, requestNames: requestNamesOf(file) };
  withNamesBySources.set(sources, { file, value });
  return value;
}

export function createFileResolver(file: ParsedHttpFile, sources: VariableSources): TextResolver {
  return createResolver(file.fileVariables, withRequestNames(file, sources));
}
