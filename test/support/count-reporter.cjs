// Mocha's spec output for people, plus the counts written to a file for .ci/run, which
// adds every suite's counts into its last line. Options: --reporter-option out=FILE
'use strict';
// The mocha that loads this reporter: mocha 12 (an ES module, loadable by require() on Node
// 20.19+) for the unit and panel suites, mocha 11 (mocha-cjs) where the in-editor suite runs on
// an older extension host.
const Mocha = (() => {
  try {
    return require('mocha');
  } catch (err) {
    if (err && err.code === 'ERR_REQUIRE_ESM') return require('mocha-cjs');
    throw err;
  }
})();
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const out = (options.reporterOptions && options.reporterOptions.out) || process.env.HTTP_CONFLICTS_RESULTS;
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      if (!out) return;
      const { passes, failures, pending } = runner.stats;
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, JSON.stringify({ passed: passes, failed: failures, pending }) + '\n');
    });
  }
}
module.exports = CountReporter;
