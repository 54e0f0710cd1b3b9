// The merge's contract. It does no I/O: texts in, merged text + edits + conflicts out.
export type JsonPath = ReadonlyArray<string | number>;

/** A replacement in the user's original body text (`MergeInput.ours`); offsets are UTF-16. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface MergeConflict {
  /** Stable within one merge: a JSON pointer (`/tags/0`) or a line span (`lines:12-14`). */
  readonly id: string;
  /** For JSON conflicts. */
  readonly path?: JsonPath;
  /** Plain words: `title: you set "A", the server now has "B" (it was "C")`. */
  readonly description: string;
  /** Serialised value on each side (JSON text for JSON, lines for text); undefined = absent/deleted. */
  readonly base?: string;
  readonly ours?: string;
  readonly theirs?: string;
}

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One difference from the base, for the panel's "what they changed / what you changed". */
export interface Change {
  /** JSON pointer, or `lines:a-b` for text. */
  readonly at: string;
  readonly kind: ChangeKind;
  readonly before?: string;
  readonly after?: string;
}

export interface MergeInput {
  /** The snapshot body the user's edit started from; undefined → two-way merge. */
  readonly base?: string;
  /** The user's body exactly as written in the .http file (comments, `{{placeholders}}`). */
  readonly ours: string;
  /** The current body on the server. */
  readonly theirs: string;
  /** `application/json`, `application/merge-patch+json`, … decides JSON vs line merge. */
  readonly contentType?: string;
  /** Fields holding the version token: they always take the current (theirs) value. */
  readonly versionPaths?: readonly JsonPath[];
  /** Resolves `{{…}}` in a piece of the user's text, so comparison uses the value sent. */
  readonly resolvePlaceholders?: (text: string) => string;
  /** What the body is to the resource; a patch rebases as a change set. Default: a document. */
  readonly bodyKind?: WriteBodyKind;
  /** JSON pointers (`*` matches within a segment) of fields the server sets on every write. */
  readonly serverManagedPaths?: readonly string[];
}

/** A full representation, a JSON Merge Patch (RFC 7396), or a JSON Patch (RFC 6902). */
export type WriteBodyKind = 'document' | 'merge-patch' | 'json-patch';

export interface MergeResult {
  readonly kind: 'json' | 'text';
  readonly mode: 'three-way' | 'two-way';
  /** `ours` with `edits` applied. JSON conflicts keep the user's value; text conflicts carry markers. */
  readonly merged: string;
  readonly edits: readonly TextEdit[];
  readonly conflicts: readonly MergeConflict[];
  /** base → theirs: what others changed. Empty in two-way mode. */
  readonly theirsChanges: readonly Change[];
  /** base → ours: what the user changed. Empty in two-way mode. */
  readonly oursChanges: readonly Change[];
}

export type Resolution =
  | { readonly kind: 'ours' }
  | { readonly kind: 'theirs' }
  /** JSON text for JSON conflicts, lines for text conflicts. */
  | { readonly kind: 'value'; readonly text: string };
