// Mocha's spec output for people, plus the counts written to a file for .ci/run, which
// adds every suite's counts into its last line. Options: --reporter-option out=FILE
'use strict';
const Mocha = require('mocha');
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
