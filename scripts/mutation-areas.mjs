// The areas `npm run mutation -- AREA` knows: the sources Stryker mutates and the unit tests
// (files or folders under test/unit) that must kill the mutants.
export const areas = {
  redact: {
    mutate: ['src/core/redact.ts'],
    tests: ['test/unit/core/redact.test.ts', 'test/unit/core/redact-rules.test.ts'],
  },
  merge: { mutate: ['src/core/merge/**/*.ts'], tests: ['test/unit/merge'] },
  // The files of src/core/conflict that decide whether a resend is safe; `conflict-all` is the
  // whole folder (too long for one sitting on a two-core machine).
  conflict: {
    mutate: [
      'src/core/conflict/resend-plan.ts',
      'src/core/conflict/token-safety.ts',
      'src/core/conflict/current-version-check.ts',
      'src/core/conflict/entity-tag.ts',
      'src/core/conflict/classify-conflict.ts',
    ],
    tests: ['test/unit/conflict'],
  },
  'conflict-all': { mutate: ['src/core/conflict/**/*.ts'], tests: ['test/unit/conflict'] },
  send: { mutate: ['src/core/send/**/*.ts', '!src/core/send/**/*.d.ts'], tests: ['test/unit/send'] },
};
