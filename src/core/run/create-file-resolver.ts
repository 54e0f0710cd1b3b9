import type { ParsedHttpFile } from '../http-file/http-file-model';
import { createResolver } from '../variables/resolve-variables';
import type { VariableSources } from '../variables/variable-model';
import type { TextResolver } from './prepare-request';

/** A resolver for one send from one file: knows the file's variables and request names. */
export function createFileResolver(file: ParsedHttpFile, sources: VariableSources): TextResolver {
  const requestNames = new Set<string>();
  for (const r of file.requests) if (r.metadata.name) requestNames.add(r.metadata.name);
  return createResolver(file.fileVariables, { ...sources, requestNames });
}
