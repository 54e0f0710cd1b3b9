// Loads dist/resolve.js (the conflict workflow, the merge engine and the resolve loop, about
// 70 KB) when the first conflict opens instead of at activation: most sessions never meet one.
import type * as ResolveModule from '../core/conflict/resolve-module';
import type { Contention, ContentionInput } from '../core/conflict/contended-resolve';
import type { ConflictWorkflow } from '../core/conflict/conflict-workflow';
import type { RefetchInput, RefetchOutcome } from '../core/conflict/resolve-conflict';

let loaded: typeof ResolveModule | undefined;

function resolver(): typeof ResolveModule {
  // A plain require of a sibling file of dist/extension.js; esbuild leaves it as written.
  loaded ??= require('./resolve.js') as typeof ResolveModule;
  return loaded;
}

/** `new ConflictWorkflow(…)`, the class loaded on this first use. */
export function openWorkflow(...args: ConstructorParameters<typeof ConflictWorkflow>): ConflictWorkflow {
  return new (resolver().ConflictWorkflow)(...args);
}

export function refetchCurrent(input: RefetchInput): Promise<RefetchOutcome> {
  return resolver().refetchCurrent(input);
}

export function contend<R>(input: ContentionInput<R>): Promise<Contention<R>> {
  return resolver().contend(input);
}

export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return resolver().sleepFor(ms, signal);
}
