// One seed for every property test of the run, printed so a failure can be replayed:
// HTTP_CONFLICTS_SEED=<seed> npm run test:unit. fast-check is one module instance shared by
// every test bundle (it is external to them), so this global setting reaches them all.
// Loaded first: mocha sorts the spec files and `_` comes before every folder name.
import fc from 'fast-check';

const given = process.env.HTTP_CONFLICTS_SEED;
const seed =
  given !== undefined && /^-?\d+$/.test(given) ? Number(given) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
console.log(`property tests: seed ${seed} (replay with HTTP_CONFLICTS_SEED=${seed})`);

describe('property test seed', () => {
  it('is the same for every property of this run', () => {
    if (fc.readConfigureGlobal().seed !== seed) throw new Error('the global fast-check seed was replaced');
  });
});
