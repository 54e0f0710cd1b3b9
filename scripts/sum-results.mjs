// Adds up the counts each mocha suite wrote under test-results/ and prints
// "N passed, N failed". A suite that wrote nothing (it crashed or never ran) counts as
// one failure, so a broken suite cannot pass silently.
import { readFileSync } from 'node:fs';

const suites = process.argv.slice(2);
// A suite that reports fewer tests than the repository records lost some (a file that no
// longer builds into the run, a describe that stopped registering): that is a failure too.
const minimum = JSON.parse(readFileSync(new URL('../test/min-counts.json', import.meta.url), 'utf8'));
let passed = 0;
let failed = 0;
for (const suite of suites) {
  try {
    const counts = JSON.parse(readFileSync(`test-results/${suite}.json`, 'utf8'));
    passed += counts.passed;
    failed += counts.failed;
    console.log(`${suite}: ${counts.passed} passed, ${counts.failed} failed`);
    const ran = counts.passed + counts.failed;
    if (typeof minimum[suite] === 'number' && ran < minimum[suite]) {
      failed += 1;
      console.log(`${suite}: ran ${ran} tests, fewer than the ${minimum[suite]} recorded in test/min-counts.json`);
    }
  } catch {
    failed += 1;
    console.log(`${suite}: no results (the suite did not finish)`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
