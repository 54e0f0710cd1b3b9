// When the bodies cannot be merged field by field although the server speaks JSON: the
// user's body is not valid JSON (`[,]`, a missing quote), or a body nests too deep to
// follow. A line merge could hand back invalid JSON as if it were clean, so instead the
// whole body is one conflict that says why: keep yours, take the server's, or type a body.
import type { Change, MergeConflict, MergeInput, MergeResult, Resolution, TextEdit } from './merge-model';
import { ConflictLedger } from './conflict-ledger';
import { MAX_DEPTH } from './json-values';
import { applyTextEdits } from './text-edits';

export type Refusal =
  | { readonly kind: 'syntax'; readonly offset?: number }
  | { readonly kind: 'too-deep'; readonly side: 'ours' | 'theirs' | 'base' };

const SIDE_NAMES = {
  ours: 'your body',
  theirs: "the server's current version",
  base: 'the version you started from',
} as const;

export function refuseMerge(
  input: MergeInput,
  refusal: Refusal,
  decisions: ReadonlyMap<string, Resolution> | undefined,
  theirsChanges: readonly Change[] = [],
): MergeResult {
  const ledger = new ConflictLedger(decisions);
  const conflict: MergeConflict = {
    id: '',
    path: [],
    description: describeRefusal(input.ours, refusal),
    ...(input.base === undefined ? {} : { base: input.base }),
    ours: input.ours,
    theirs: input.theirs,
  };
  const { resolution } = ledger.decide(conflict);
  const edits: TextEdit[] = [];
  if (resolution?.kind === 'theirs') edits.push({ start: 0, end: input.ours.length, newText: input.theirs });
  else if (resolution?.kind === 'value') edits.push({ start: 0, end: input.ours.length, newText: resolution.text });
  return {
    kind: 'json',
    mode: input.base === undefined ? 'two-way' : 'three-way',
    merged: applyTextEdits(input.ours, edits),
    edits,
    conflicts: ledger.conflicts,
    theirsChanges,
    oursChanges: [],
  };
}

function describeRefusal(ours: string, refusal: Refusal): string {
  if (refusal.kind === 'too-deep') {
    return `(the whole body): ${SIDE_NAMES[refusal.side]} is too deeply nested (more than ${MAX_DEPTH} levels) to merge field by field — keep yours or take the server's version as a whole`;
  }
  const where =
    refusal.offset === undefined ? '' : ` (a comma with no value before it at ${lineAndColumn(ours, refusal.offset)})`;
  return `(the whole body): your body is not valid JSON${where}, so it cannot be merged with the server's JSON — fix it and rebase again, or take the server's version`;
}

function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
