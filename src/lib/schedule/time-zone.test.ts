import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, daysInMonth, weekdayOf } from './civil.js';
import { canonicalTimeZone, instantOf, type WallClock, wallClockAt } from './time-zone.js';

const wall = (text: string): WallClock => {
  const [date = '', time = ''] = text.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return { year: year ?? 0, month: month ?? 1, day: day ?? 1, hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0 };
};
const iso = (ms: number) => new Date(ms).toISOString().replace(':00.000Z', 'Z');

describe('civil dates', () => {
  it.each([
    [1970, 1, 1, 0],
    [1969, 12, 31, -1],
    [2000, 3, 1, 11017],
    [2026, 3, 8, 20520],
  ])('%i-%i-%i is epoch day %i, and back', (year, month, day, days) => {
    expect(daysFromCivil(year, month, day)).toBe(days);
    expect(civilFromDays(days)).toEqual({ year, month, day });
  });

  it.each([
    ['2026-01-01', 3], // Thursday
    ['2026-03-08', 6], // Sunday
    ['2024-01-01', 0], // Monday
  ])('%s is weekday %i (Monday 0)', (date, weekday) => {
    const [y, m, d] = date.split('-').map(Number);
    expect(weekdayOf(daysFromCivil(y ?? 0, m ?? 0, d ?? 0))).toBe(weekday);
  });

  it.each([
    [2026, 2, 28],
    [2028, 2, 29],
    [2100, 2, 28],
    [2000, 2, 29],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => expect(daysInMonth(year, month)).toBe(days));
});

describe('canonicalTimeZone', () => {
  it.each([
    ['asia/kolkata', 'Asia/Kolkata'], // the current IANA name, not ICU's Asia/Calcutta
    ['Asia/Calcutta', 'Asia/Calcutta'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
    ['europe/berlin', 'Europe/Berlin'],
    ['europe/kyiv', 'Europe/Kyiv'],
    ['europe/isle_of_man', 'Europe/Isle_of_Man'],
    ['america/port-au-prince', 'America/Port-au-Prince'],
    ['utc', 'UTC'],
    ['etc/gmt+5', 'Etc/GMT+5'],
    ['us/eastern', 'US/Eastern'],
    [' Australia/Sydney ', 'Australia/Sydney'],
  ])('%j → %j', (input, zone) => expect(canonicalTimeZone(input)).toBe(zone));

  it.each(['', 'Mars/Olympus_Mons', 'EST+5', 'New York'])('%j is no zone', (input) => expect(canonicalTimeZone(input)).toBeUndefined());
});

describe('wall clocks and instants', () => {
  it.each([
    ['2026-07-01T12:00', 'Europe/London', '2026-07-01T11:00Z'],
    ['2026-01-15T12:00', 'Asia/Kolkata', '2026-01-15T06:30Z'],
    ['2026-01-15T12:00', 'Australia/Sydney', '2026-01-15T01:00Z'],
    ['2026-07-15T12:00', 'Australia/Sydney', '2026-07-15T02:00Z'],
    // Spring forward: 02:30 does not exist; it moves forward by the gap.
    ['2026-03-08T02:30', 'America/New_York', '2026-03-08T07:30Z'], // 03:30 EDT
    ['2026-03-29T02:30', 'Europe/Berlin', '2026-03-29T01:30Z'], // 03:30 CEST
    ['2026-10-04T02:30', 'Australia/Sydney', '2026-10-03T16:30Z'], // 03:30 AEDT
    // Fall back: 01:30 happens twice; the first (still summer time) is taken.
    ['2026-11-01T01:30', 'America/New_York', '2026-11-01T05:30Z'], // 01:30 EDT, not 06:30Z EST
    ['2026-10-25T02:30', 'Europe/Berlin', '2026-10-25T00:30Z'], // 02:30 CEST, not 01:30Z CET
    ['2026-04-05T02:30', 'Australia/Sydney', '2026-04-04T15:30Z'], // 02:30 AEDT, not 16:30Z AEST
    // Either side of the changes.
    ['2026-03-08T01:59', 'America/New_York', '2026-03-08T06:59Z'],
    ['2026-03-08T03:00', 'America/New_York', '2026-03-08T07:00Z'],
    ['2026-11-01T02:00', 'America/New_York', '2026-11-01T07:00Z'],
  ])('%s in %s is %s', (local, zone, instant) => expect(iso(instantOf(wall(local), zone))).toBe(instant));

  it.each([
    ['2026-11-01T05:30:00Z', 'America/New_York', wall('2026-11-01T01:30')],
    ['2026-11-01T06:30:00Z', 'America/New_York', wall('2026-11-01T01:30')],
    ['2026-03-29T01:00:00Z', 'Europe/London', wall('2026-03-29T02:00')],
  ])('%s in %s shows %o', (instant, zone, expected) => expect(wallClockAt(Date.parse(instant), zone)).toEqual(expected));
});
