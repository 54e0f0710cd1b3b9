// Conflict resolution as one loadable unit: the extension bundles it separately
// (dist/resolve.js) and loads it when the first conflict opens, so activation does not pay for
// the conflict workflow, the merge engine and the resolve loop (about 70 KB minified).
export { ConflictWorkflow } from './conflict-workflow';
export { refetchCurrent } from './resolve-conflict';
export { contend, sleepFor } from './contended-resolve';
