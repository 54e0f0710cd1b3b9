// Loads dist/probe.js (the lost-update probe and its verdicts, about 10 KB) when the probe
// command runs instead of at activation.
import type * as ProbeModule from '../core/probe/probe-module';
import type { ProbeInput, ProbeResult } from '../core/probe/lost-update-probe';
import type { ParsedRequest } from '../core/http-file/http-file-model';

let loaded: typeof ProbeModule | undefined;

function probe(): typeof ProbeModule {
  // A plain require of a sibling file of dist/extension.js; esbuild leaves it as written.
  loaded ??= require('./probe.js') as typeof ProbeModule;
  return loaded;
}

export function probeTargetRefusal(request: ParsedRequest | undefined): string | undefined {
  return probe().probeTargetRefusal(request);
}

export function probeLostUpdates(input: ProbeInput): Promise<ProbeResult> {
  return probe().probeLostUpdates(input);
}
