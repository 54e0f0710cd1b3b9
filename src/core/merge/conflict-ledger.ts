import type { MergeConflict, Resolution } from './merge-model';

/**
 * Collects the conflicts of one merge and hands out the user's decisions for them. Ids
 * are made unique in visiting order, which is the same on every run over the same input,
 * so an id shown to the user still names the same conflict when their decision comes back.
 */
export class ConflictLedger {
  readonly conflicts: MergeConflict[] = [];
  private readonly used = new Set<string>();

  constructor(private readonly decisions: ReadonlyMap<string, Resolution> = new Map()) {}

  /** The user's decision for this conflict, or undefined after recording it as open. */
  decide(conflict: MergeConflict): { readonly id: string; readonly resolution?: Resolution } {
    let id = conflict.id;
    for (let n = 2; this.used.has(id); n++) id = `${conflict.id}#${n}`;
    this.used.add(id);
    const resolution = this.decisions.get(id);
    if (!resolution) this.conflicts.push(id === conflict.id ? conflict : { ...conflict, id });
    return { id, resolution };
  }
}
