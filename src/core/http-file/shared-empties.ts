// Frozen empty values every parsed request without prompts, scripts, assertions or metadata
// shares: a 50k-request file then holds one empty array, not 150k of them, and the garbage
// collector has that much less to copy while the parse runs.
import type { RequestMetadata } from './http-file-model';

export const NO_ITEMS: readonly never[] = Object.freeze([]);

export const NO_OTHER_METADATA: Readonly<Record<string, string>> = Object.freeze({});

export const NO_METADATA: RequestMetadata = Object.freeze({
  name: undefined,
  nameRange: undefined,
  noRedirect: false,
  prompts: NO_ITEMS,
  other: NO_OTHER_METADATA,
});
