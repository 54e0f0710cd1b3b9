// The hand-written date formatter and date arithmetic behind $datetime / $localDatetime,
// checked against Day.js — the library REST Client users' format strings come from — on
// random instants, UTC offsets, format strings and shifts. Day.js is the oracle here only:
// the core does not depend on it.
import { strict as assert } from 'node:assert';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import fc from 'fast-check';
import type { OffsetUnit } from '../../../src/core/variables/format-datetime';
import { formatDate, offsetUnits, shiftDate } from '../../../src/core/variables/format-datetime';
import { fuzzRuns } from '../../support/fuzz-runs';

dayjs.extend(utc);

const tokens = [
  'YYYY',
  'YY',
  'MMMM',
  'MMM',
  'MM',
  'M',
  'DD',
  'D',
  'dddd',
  'ddd',
  'dd',
  'd',
  'HH',
  'H',
  'hh',
  'h',
  'mm',
  'm',
  'ss',
  's',
  'SSS',
  'A',
  'a',
  'Z',
  'ZZ',
];
const separators = ['-', ':', ' ', '/', '.', 'T', ', '];
const literal = fc.stringMatching(/^[A-Za-z0-9 :._-]{1,8}$/).map((text) => `[${text}]`);
const formatString = fc
  .array(fc.oneof(fc.constantFrom(...tokens), fc.constantFrom(...separators), literal), { minLength: 1, maxLength: 10 })
  .map((parts) => parts.join(''));
// Day.js reads its years as four digits; both sides are asked about 1000–9999.
const instant = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 1) }).map((ms) => new Date(ms));
// Real zone offsets run from −12:00 to +14:00, some on a quarter hour. Day.js takes any offset
// of 16 or less as hours, so ±0:15 (no zone uses it) is left out of the comparison.
const offset = fc
  .integer({ min: -48, max: 56 })
  .filter((q) => Math.abs(q) !== 1)
  .map((quarters) => quarters * 15);

describe('the date formatter, against Day.js', () => {
  it('formats every token and literal as Day.js does, at any instant and UTC offset (property)', () => {
    fc.assert(
      fc.property(instant, offset, formatString, (date, minutes, format) => {
        const ours = formatDate(date, minutes, format);
        const theirs = dayjs.utc(date).utcOffset(minutes).format(format);
        assert.equal(ours, theirs, `format ${JSON.stringify(format)} at ${date.toISOString()} ${minutes} min`);
      }),
      { numRuns: fuzzRuns(500) },
    );
  });

  it('shifts by every unit as Day.js adds, month ends clamped the same way (property)', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: -500, max: 500 }),
        fc.constantFrom(...offsetUnits),
        (date, amount, unit: OffsetUnit) => {
          const ours = shiftDate(date, amount, unit);
          const theirs = dayjs.utc(date).add(amount, unit).toDate();
          assert.equal(
            ours.toISOString(),
            theirs.toISOString(),
            `${date.toISOString()} ${amount >= 0 ? '+' : ''}${amount} ${unit}`,
          );
        },
      ),
      { numRuns: fuzzRuns(500) },
    );
  });

  it('agrees on the month-end cases people hit', () => {
    for (const [from, amount, unit] of [
      ['2024-01-31T10:00:00Z', 1, 'M'],
      ['2024-02-29T00:00:00Z', 1, 'y'],
      ['2023-03-31T23:59:59Z', -1, 'M'],
      ['2024-12-31T12:00:00Z', 2, 'M'],
    ] as const) {
      const date = new Date(from);
      assert.equal(
        shiftDate(date, amount, unit).toISOString(),
        dayjs.utc(date).add(amount, unit).toDate().toISOString(),
        `${from} ${amount} ${unit}`,
      );
    }
  });
});
