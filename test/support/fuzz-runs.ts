// How many cases each property test tries. CI keeps the bounded default; a longer local run
// sets HTTP_CONFLICTS_FUZZ_RUNS (e.g. 20000) to search further for a counter-example.
export function fuzzRuns(bounded: number): number {
  const asked = Number.parseInt(process.env.HTTP_CONFLICTS_FUZZ_RUNS ?? '', 10);
  return Number.isSafeInteger(asked) && asked > 0 ? asked : bounded;
}
