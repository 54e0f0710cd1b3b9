// A deterministic world for resolver tests: fixed clock, scripted randomness, no real
// process environment.
import type { RequestRecord, VariableSources } from '../../../src/core/variables/variable-model';

/** Thursday 29 February 2024, 13:45:06.789 UTC — a leap day, to exercise calendar offsets. */
export const fixedNow = new Date('2024-02-29T13:45:06.789Z');

/** Returns the given values in turn, then repeats them. */
export function scriptedRandom(values: readonly number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

export function testSources(overrides: Partial<VariableSources> = {}): VariableSources {
  return {
    environment: {},
    dotenv: {},
    processEnv: {},
    prompts: {},
    requests: new Map<string, RequestRecord>(),
    allowProcessEnv: true,
    now: () => new Date(fixedNow.getTime()),
    random: scriptedRandom([0.5]),
    timeZoneOffsetMinutes: () => 0,
    ...overrides,
  };
}
