import { strict as assert } from 'node:assert';
import { resolveSystemVariable } from '../../../src/core/variables/system-variables';
import type { ExpressionValue, VariableSources } from '../../../src/core/variables/variable-model';
import { scriptedRandom, testSources } from './test-sources';

function value(expression: string, sources: VariableSources = testSources()): string {
  const result = resolveSystemVariable(expression, sources);
  if (!result.ok) throw new Error(`expected ${expression} to resolve: ${result.message}`);
  return result.value;
}

function failure(
  expression: string,
  sources: VariableSources = testSources(),
): Extract<ExpressionValue, { ok: false }> {
  const result = resolveSystemVariable(expression, sources);
  if (result.ok) throw new Error(`expected ${expression} not to resolve, got ${result.value}`);
  return result;
}

describe('system variables', () => {
  describe('$guid', () => {
    it('builds a version-4 UUID from the injected random source', () => {
      const id = value('$guid', testSources({ random: scriptedRandom([0]) }));
      assert.equal(id, '00000000-0000-4000-8000-000000000000');
      assert.match(
        value('$guid', testSources({ random: Math.random })),
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    });

    it('accepts the JetBrains spellings', () => {
      const sources = () => testSources({ random: scriptedRandom([0.999]) });
      assert.equal(value('$uuid', sources()), value('$guid', sources()));
      assert.equal(value('$random.uuid', sources()), 'ffffffff-ffff-4fff-bfff-ffffffffffff');
    });
  });

  describe('$randomInt', () => {
    it('includes min and excludes max', () => {
      assert.equal(value('$randomInt 5 10', testSources({ random: () => 0 })), '5');
      assert.equal(value('$randomInt 5 10', testSources({ random: () => 0.9999 })), '9');
      assert.equal(value('$randomInt -3 -1', testSources({ random: () => 0.5 })), '-2');
    });

    it('never reaches max even if the random source returns 1', () => {
      assert.equal(value('$randomInt 0 2', testSources({ random: () => 1 })), '1');
    });

    it('rejects min >= max and non-numbers with the usage', () => {
      assert.match(failure('$randomInt 10 10').message, /min \(10\) must be less than max \(10\)/);
      const bad = failure('$randomInt a 3');
      assert.equal(bad.reason, 'bad-arguments');
      assert.match(bad.message, /min \(inclusive\) and max \(exclusive\)/);
    });
  });

  describe("JetBrains' $random family", () => {
    it('gives $random.integer(from, to) from inclusive, to exclusive, spaces or not', () => {
      assert.equal(value('$random.integer(1, 10)', testSources({ random: () => 0 })), '1');
      assert.equal(value('$random.integer(1,10)', testSources({ random: () => 0.9999 })), '9');
      assert.equal(value('$random.integer(-5, 5)', testSources({ random: () => 0.5 })), '0');
      assert.equal(value('$random.integer(1, 10)', testSources({ random: () => 1 })), '9');
    });

    it('gives $random.float(from, to) within the range', () => {
      assert.equal(value('$random.float(1.5, 2.5)', testSources({ random: () => 0.5 })), '2');
      assert.ok(Number(value('$random.float(0, 1)', testSources({ random: () => 1 }))) < 1);
    });

    it('builds alphabetic, alphanumeric and hexadecimal strings of the asked length', () => {
      const ends = () => testSources({ random: scriptedRandom([0, 0.9999]) });
      assert.equal(value('$random.alphabetic(4)', ends()), 'AzAz');
      assert.equal(value('$random.alphanumeric(4)', ends()), 'A_A_');
      assert.equal(value('$random.hexadecimal(4)', ends()), '0f0f');
      assert.match(value('$random.alphanumeric(32)', testSources({ random: Math.random })), /^[A-Za-z0-9_]{32}$/);
    });

    it('gives a random address at example.com for $random.email', () => {
      assert.equal(value('$random.email', testSources({ random: () => 0 })), 'aaaaaaaaaa@example.com');
      assert.match(value('$random.email', testSources({ random: Math.random })), /^[a-z]{10}@example\.com$/);
    });

    it('keeps $uuid, $random.uuid, $timestamp, $isoTimestamp and a bare $randomInt', () => {
      assert.match(value('$random.uuid'), /^[0-9a-f-]{36}$/);
      assert.equal(value('$timestamp'), '1709214306');
      assert.equal(value('$isoTimestamp'), '2024-02-29T13:45:06.789Z');
      assert.equal(value('$randomInt', testSources({ random: () => 0.5 })), '500');
    });

    it('explains wrong arguments instead of guessing', () => {
      assert.equal(failure('$random.integer(10, 1)').reason, 'bad-arguments');
      assert.match(failure('$random.integer(a, b)').message, /two whole numbers/);
      assert.match(failure('$random.alphabetic').message, /expects a length/);
      assert.match(failure('$random.hexadecimal(0)').message, /between 1 and 10000/);
      assert.equal(failure('$random.alphabetic(100000)').reason, 'bad-arguments');
      assert.equal(failure('$random.email(3)').reason, 'bad-arguments');
    });
  });

  describe('$timestamp', () => {
    it('gives Unix seconds from the injected clock', () => {
      assert.equal(value('$timestamp'), String(Date.UTC(2024, 1, 29, 13, 45, 6) / 1000));
    });

    it('applies an offset in each unit', () => {
      const base = Date.UTC(2024, 1, 29, 13, 45, 6, 789);
      const seconds = (ms: number) => String(Math.floor(ms / 1000));
      assert.equal(value('$timestamp -1 d'), seconds(base - 86_400_000));
      assert.equal(value('$timestamp 2 h'), seconds(base + 7_200_000));
      assert.equal(value('$timestamp 1 w'), seconds(base + 7 * 86_400_000));
      assert.equal(value('$timestamp -30 m'), seconds(base - 1_800_000));
      assert.equal(value('$timestamp 10 s'), seconds(base + 10_000));
      assert.equal(value('$timestamp 300 ms'), seconds(base + 300));
      assert.equal(value('$timestamp 1 M'), seconds(Date.UTC(2024, 2, 29, 13, 45, 6)));
      // A year after a leap day is the last day of February.
      assert.equal(value('$timestamp 1 y'), seconds(Date.UTC(2025, 1, 28, 13, 45, 6)));
    });

    it('rejects an unknown unit', () => {
      assert.match(failure('$timestamp 1 fortnight').message, /units are y M w d h m s ms/);
    });

    it('rejects an offset that leaves the calendar instead of throwing', () => {
      assert.equal(failure('$timestamp 9007199254740991 y').reason, 'bad-arguments');
    });
  });

  describe('$datetime', () => {
    it('formats rfc1123 and iso8601 in UTC', () => {
      assert.equal(value('$datetime rfc1123'), 'Thu, 29 Feb 2024 13:45:06 GMT');
      assert.equal(value('$datetime iso8601'), '2024-02-29T13:45:06.789Z');
      assert.equal(value('$isoTimestamp'), '2024-02-29T13:45:06.789Z');
    });

    it('formats custom patterns in double or single quotes, with spaces', () => {
      assert.equal(value('$datetime "DD-MM-YYYY"'), '29-02-2024');
      assert.equal(value("$datetime 'dddd D MMMM YY, h:mm:ss.SSS A'"), 'Thursday 29 February 24, 1:45:06.789 PM');
    });

    it('applies an offset after the format', () => {
      assert.equal(value('$datetime iso8601 1 d'), '2024-03-01T13:45:06.789Z');
      assert.equal(value('$datetime "YYYY-MM-DD" -1 y'), '2023-02-28');
    });

    it('asks for a known format', () => {
      const result = failure('$datetime YYYY');
      assert.equal(result.reason, 'bad-arguments');
      assert.match(result.message, /rfc1123, iso8601 or a quoted format/);
    });
  });

  describe('$localDatetime', () => {
    const inBerlin = testSources({ timeZoneOffsetMinutes: () => 60 });
    const inNewYork = testSources({ timeZoneOffsetMinutes: () => -300 });

    it('formats in the local zone with its offset', () => {
      assert.equal(value('$localDatetime iso8601', inBerlin), '2024-02-29T14:45:06+01:00');
      assert.equal(value('$localDatetime rfc1123', inNewYork), 'Thu, 29 Feb 2024 08:45:06 -0500');
      assert.equal(value('$localDatetime "HH:mm Z ZZ"', inNewYork), '08:45 -05:00 -0500');
    });

    it('keeps the local time of day across a zone change when moving by days', () => {
      // A zone whose offset changes from +60 to +120 at midnight UTC on 1 March.
      const dst = testSources({
        timeZoneOffsetMinutes: (at) => (at.getTime() >= Date.UTC(2024, 2, 1) ? 120 : 60),
      });
      assert.equal(value('$localDatetime "YYYY-MM-DD HH:mm Z" 1 d', dst), '2024-03-01 14:45 +02:00');
    });
  });

  describe('$processEnv and $dotenv', () => {
    const trusted = testSources({
      environment: { tokenVar: 'CI_TOKEN' },
      environmentName: 'dev',
      processEnv: { API_TOKEN: 'proc-secret', CI_TOKEN: 'ci-secret' },
      dotenv: { KEY: 'dotenv-secret' },
    });

    it('reads the process environment and reports the value as a secret', () => {
      const result = resolveSystemVariable('$processEnv API_TOKEN', trusted);
      assert.deepEqual(result, { ok: true, value: 'proc-secret', secrets: ['proc-secret'] });
    });

    it('follows %name through the selected environment', () => {
      assert.equal(value('$processEnv %tokenVar', trusted), 'ci-secret');
      assert.match(failure('$processEnv %missing', trusted).message, /"missing" is not defined in environment "dev"/);
    });

    it('reads .env values, also through %name', () => {
      assert.equal(value('$dotenv KEY', trusted), 'dotenv-secret');
      const viaEnv = testSources({ environment: { which: 'KEY' }, dotenv: { KEY: 'v' } });
      assert.equal(value('$dotenv %which', viaEnv), 'v');
    });

    it('names a variable that is not set', () => {
      const result = failure('$processEnv NOPE', trusted);
      assert.equal(result.reason, 'undefined');
      assert.match(result.message, /"NOPE" is not set/);
      assert.match(failure('$dotenv NOPE', trusted).message, /"NOPE" is not in the \.env file/);
    });

    it('does not read anything in Restricted Mode and says why', () => {
      const restricted = { ...trusted, allowProcessEnv: false };
      for (const expression of ['$processEnv API_TOKEN', '$dotenv KEY']) {
        const result = failure(expression, restricted);
        assert.equal(result.reason, 'not-allowed');
        assert.match(result.message, /Restricted Mode.*Trust this workspace/);
        assert.doesNotMatch(result.message, /secret/);
      }
    });
  });

  it('reports unknown and unsupported system variables by name', () => {
    const unknown = failure('$nope');
    assert.equal(unknown.reason, 'undefined');
    assert.match(unknown.message, /Unknown system variable "\$nope"/);
    assert.equal(failure('$aadToken').reason, 'unsupported');
  });
});
