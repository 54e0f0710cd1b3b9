// Adds up the counts each mocha suite wrote under test-results/ and prints
// "N passed, N failed". A suite that wrote nothing (it crashed or never ran) counts as
// one failure, so a broken suite cannot pass silently.
import { readFileSync } from 'node:fs';

const suites = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const suite of suites) {
  try {
    const counts = JSON.parse(readFileSync(`test-results/${suite}.json`, 'utf8'));
    passed += counts.passed;
    failed += counts.failed;
    console.log(`${suite}: ${counts.passed} passed, ${counts.failed} failed`);
  } catch {
    failed += 1;
    console.log(`${suite}: no results (the suite did not finish)`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
