// Mutation testing (StrykerJS), one area at a time: `npm run mutation -- merge` (see
// scripts/mutation.mjs). Stryker writes every mutant of the area into a sandbox copy of the
// sources at once (mutant schemata); scripts/mutation.mjs --build then bundles the area's unit
// tests from that copy with esbuild, once, and the mocha runner switches mutants on and off in
// the running process, running only the tests that cover each mutant.
import { areas } from './scripts/mutation-areas.mjs';

const name = process.env.HTTP_CONFLICTS_MUTATION_AREA ?? 'redact';
const area = areas[name];
if (!area) throw new Error(`unknown mutation area "${name}" (${Object.keys(areas).join(', ')})`);
const reports = `reports/mutation/${name}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'mocha',
  mutate: area.mutate,
  buildCommand: `node scripts/mutation.mjs --build ${name}`,
  mochaOptions: {
    config: 'test/unit/.mocharc.mutation.json',
    spec: ['out/mutation/_seed.test.js', 'out/mutation/**/*.test.js'],
  },
  coverageAnalysis: 'perTest',
  // Two cores shared with other work: one test process.
  concurrency: 1,
  timeoutMS: 10000,
  incremental: true,
  incrementalFile: `${reports}/stryker-incremental.json`,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  ignorePatterns: ['dist', 'out', 'test-results', 'reports', 'dist-vsix', '.cache', 'bench/.work'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null },
};
