// Date arithmetic and Day.js-style formatting for `$datetime` / `$localDatetime`, written
// here rather than pulled in as a dependency because the core only needs a dozen tokens.
// Dates are handled as an instant plus a fixed UTC offset in minutes, so tests do not
// depend on the machine's time zone.

export type OffsetUnit = 'y' | 'M' | 'w' | 'd' | 'h' | 'm' | 's' | 'ms';

export const offsetUnits: readonly OffsetUnit[] = ['y', 'M', 'w', 'd', 'h', 'm', 's', 'ms'];

const fixedUnitMs: Partial<Record<OffsetUnit, number>> = {
  w: 7 * 86_400_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};

/**
 * Moves a date by `amount` units, reading calendar fields in UTC. Years and months keep
 * the day of month where it exists and otherwise clamp to the month's last day
 * (Jan 31 + 1 M = Feb 28/29), as Day.js does. May return an invalid Date when out of range.
 */
export function shiftDate(date: Date, amount: number, unit: OffsetUnit): Date {
  const fixed = fixedUnitMs[unit];
  if (fixed !== undefined) return new Date(date.getTime() + amount * fixed);
  const months = unit === 'y' ? amount * 12 : amount;
  const shifted = new Date(date.getTime());
  const day = shifted.getUTCDate();
  shifted.setUTCDate(1);
  shifted.setUTCMonth(shifted.getUTCMonth() + months);
  shifted.setUTCDate(Math.min(day, daysInMonth(shifted.getUTCFullYear(), shifted.getUTCMonth())));
  return shifted;
}

/**
 * Shifts by wall-clock fields in a zone: calendar units keep the local time of day (as a
 * user means "same time tomorrow"), then the offset is read again for the new instant.
 */
export function shiftLocalDate(date: Date, amount: number, unit: OffsetUnit, offsetAt: (at: Date) => number): Date {
  if (fixedUnitMs[unit] !== undefined && unit !== 'd' && unit !== 'w') return shiftDate(date, amount, unit);
  const wall = new Date(date.getTime() + offsetAt(date) * 60_000);
  const shiftedWall = shiftDate(wall, amount, unit);
  const guess = new Date(shiftedWall.getTime() - offsetAt(date) * 60_000);
  return new Date(shiftedWall.getTime() - offsetAt(guess) * 60_000);
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const formatToken = /\[([^\]]*)]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|A|a|ZZ|Z/g;

/**
 * Formats `date` as seen at `offsetMinutes` east of UTC. Tokens: YYYY YY MMMM MMM MM M
 * DD D dddd ddd dd d HH H hh h mm m ss s SSS A a Z ZZ; `[text]` is copied literally.
 */
export function formatDate(date: Date, offsetMinutes: number, format: string): string {
  const wall = new Date(date.getTime() + offsetMinutes * 60_000);
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth();
  const day = wall.getUTCDate();
  const weekday = wall.getUTCDay();
  const hours = wall.getUTCHours();
  const minutes = wall.getUTCMinutes();
  const seconds = wall.getUTCSeconds();
  const hours12 = hours % 12 === 0 ? 12 : hours % 12;
  return format.replace(formatToken, (token: string, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    switch (token) {
      case 'YYYY':
        return pad(year, 4);
      case 'YY':
        return pad(year % 100, 2);
      case 'MMMM':
        return monthNames[month];
      case 'MMM':
        return monthNames[month].slice(0, 3);
      case 'MM':
        return pad(month + 1, 2);
      case 'M':
        return String(month + 1);
      case 'DD':
        return pad(day, 2);
      case 'D':
        return String(day);
      case 'dddd':
        return dayNames[weekday];
      case 'ddd':
        return dayNames[weekday].slice(0, 3);
      case 'dd':
        return dayNames[weekday].slice(0, 2);
      case 'd':
        return String(weekday);
      case 'HH':
        return pad(hours, 2);
      case 'H':
        return String(hours);
      case 'hh':
        return pad(hours12, 2);
      case 'h':
        return String(hours12);
      case 'mm':
        return pad(minutes, 2);
      case 'm':
        return String(minutes);
      case 'ss':
        return pad(seconds, 2);
      case 's':
        return String(seconds);
      case 'SSS':
        return pad(wall.getUTCMilliseconds(), 3);
      case 'A':
        return hours < 12 ? 'AM' : 'PM';
      case 'a':
        return hours < 12 ? 'am' : 'pm';
      case 'Z':
        return formatOffset(offsetMinutes, ':');
      case 'ZZ':
        return formatOffset(offsetMinutes, '');
      default:
        return token;
    }
  });
}

function formatOffset(offsetMinutes: number, separator: string): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${separator}${pad(abs % 60, 2)}`;
}

function pad(value: number, width: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(value)).padStart(width, '0');
}

function daysInMonth(year: number, month: number): number {
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const last = new Date(0);
  last.setUTCFullYear(year, month + 1, 0);
  return last.getUTCDate();
}
