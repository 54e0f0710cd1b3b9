// The lost-update probe as one loadable unit: the extension bundles it separately
// (dist/probe.js) and loads it when "Test Lost-Update Protection…" runs, a command most
// sessions never use.
export { probeLostUpdates } from './lost-update-probe';
export { probeTargetRefusal } from './probe-target';
