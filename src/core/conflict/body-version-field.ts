// Finds the version field (`version`, `_version`, `rev`, `etag`, …) at the top of a JSON body.
import type { ConflictOptions } from './conflict-model';
import { isObject } from './exchange-body';

export interface VersionField {
  readonly field: string;
  readonly value: string | number;
}

export function findVersionField(body: unknown, options: ConflictOptions): VersionField | undefined {
  if (!isObject(body)) return undefined;
  for (const field of options.versionFields) {
    const value = body[field];
    if ((typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value)))
      return { field, value };
  }
  return undefined;
}

/**
 * Bodies of the protocols with their own dialect carry look-alike fields (Elasticsearch's
 * `_version`, CouchDB's write answer `rev`): those are not this generic field.
 */
export function belongsToAnotherProtocol(body: unknown): boolean {
  if (!isObject(body)) return false;
  if ('_seq_no' in body || '_rev' in body) return true;
  return body.ok === true && typeof body.id === 'string' && typeof body.rev === 'string';
}
