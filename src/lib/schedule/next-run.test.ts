// Expected runs are worked out by hand from the calendar and from the 2026 clock changes:
// US (New York) Mar 8 02:00 → 03:00 and Nov 1 02:00 → 01:00; EU (London 01:00 UTC, Berlin 02:00 → 03:00 local)
// Mar 29 and Oct 25; Sydney Apr 5 03:00 → 02:00 and Oct 4 02:00 → 03:00; Kolkata none (+05:30 all year).
// Weekdays: 2026-01-01 is a Thursday, 2024-01-01 a Monday.
import { describe, expect, it } from 'vitest';
import { nextRuns } from './next-run.js';
import { validateSchedule } from './validate.js';

function schedule(input: Record<string, unknown>) {
  const result = validateSchedule(input);
  if (!('schedule' in result)) throw new Error(`invalid test schedule: ${JSON.stringify(result.errors)}`);
  return result.schedule;
}

const runs = (input: Record<string, unknown>, after: string, count = 1) =>
  nextRuns(schedule(input), new Date(after), count).map((d) => d.toISOString().replace('.000Z', 'Z'));

type Case = [name: string, input: Record<string, unknown>, after: string, count: number, expected: string[]];

describe('nextRuns: each frequency', () => {
  it.each<Case>([
    ['once, before it', { start_time: '2026-03-01T14:00:00Z' }, '2026-02-01T00:00:00Z', 3, ['2026-03-01T14:00:00Z']],
    ['once, after it', { start_time: '2026-03-01T14:00:00Z', frequency: { type: 'once' } }, '2026-03-01T14:00:00Z', 1, []],
    ['once, wall clock in a zone', { start_time: '2026-03-01T09:00:00', timezone: 'America/New_York' }, '2026-01-01T00:00:00Z', 1, ['2026-03-01T14:00:00Z']],
    [
      'hourly',
      { start_time: '2026-01-01T00:00:00Z', frequency: { type: 'hourly' } },
      '2026-01-01T03:00:00Z',
      2,
      ['2026-01-01T04:00:00Z', '2026-01-01T05:00:00Z'],
    ],
    [
      'hourly every 2',
      { start_time: '2026-01-01T00:00:00Z', frequency: { type: 'hourly', repeats_every: 2 } },
      '2026-01-01T03:00:00Z',
      3,
      ['2026-01-01T04:00:00Z', '2026-01-01T06:00:00Z', '2026-01-01T08:00:00Z'],
    ],
    [
      'daily',
      { start_time: '2026-01-01T10:00:00Z', frequency: { type: 'daily' } },
      '2026-01-05T00:00:00Z',
      2,
      ['2026-01-05T10:00:00Z', '2026-01-06T10:00:00Z'],
    ],
    [
      'daily every 3',
      { start_time: '2026-01-01T10:00:00Z', frequency: { type: 'daily', repeats_every: 3 } },
      '2026-01-05T00:00:00Z',
      2,
      ['2026-01-07T10:00:00Z', '2026-01-10T10:00:00Z'],
    ],
    [
      'weekly on Monday and Friday, from a Wednesday: start_time runs first',
      { start_time: '2026-03-04T12:00:00Z', frequency: { type: 'weekly', on_days: ['Monday', 'Friday'] } },
      '2026-03-01T00:00:00Z',
      4,
      ['2026-03-04T12:00:00Z', '2026-03-06T12:00:00Z', '2026-03-09T12:00:00Z', '2026-03-13T12:00:00Z'],
    ],
    [
      'weekly every 3 weeks on Friday and Monday',
      { start_time: '2026-03-04T12:00:00Z', frequency: { type: 'weekly', repeats_every: 3, on_days: ['Friday', 'Monday'] } },
      '2026-03-04T12:00:00Z',
      4,
      ['2026-03-06T12:00:00Z', '2026-03-23T12:00:00Z', '2026-03-27T12:00:00Z', '2026-04-13T12:00:00Z'],
    ],
    [
      "weekly without on_days: start_time's weekday",
      { start_time: '2026-03-04T12:00:00Z', frequency: { type: 'weekly' } },
      '2026-03-04T12:00:00Z',
      2,
      ['2026-03-11T12:00:00Z', '2026-03-18T12:00:00Z'],
    ],
    [
      'monthly, first Friday',
      { start_time: '2026-01-02T09:00:00Z', frequency: { type: 'monthly', on_days: ['Friday'], on_week_num: 1 } },
      '2026-01-01T00:00:00Z',
      4,
      ['2026-01-02T09:00:00Z', '2026-02-06T09:00:00Z', '2026-03-06T09:00:00Z', '2026-04-03T09:00:00Z'],
    ],
    [
      'monthly every 3 months, first Friday',
      { start_time: '2026-01-02T09:00:00Z', frequency: { type: 'monthly', repeats_every: 3, on_days: ['Friday'], on_week_num: 1 } },
      '2026-01-02T09:00:00Z',
      3,
      ['2026-04-03T09:00:00Z', '2026-07-03T09:00:00Z', '2026-10-02T09:00:00Z'],
    ],
    [
      'monthly, last Monday (-1), a fifth Monday in March',
      { start_time: '2026-01-26T09:00:00Z', frequency: { type: 'monthly', on_days: ['Monday'], on_week_num: -1 } },
      '2026-01-26T09:00:00Z',
      3,
      ['2026-02-23T09:00:00Z', '2026-03-30T09:00:00Z', '2026-04-27T09:00:00Z'],
    ],
    [
      'monthly, fourth Thursday',
      { start_time: '2026-01-22T09:00:00Z', frequency: { type: 'monthly', on_days: ['Thursday'], on_week_num: 4 } },
      '2026-01-22T09:00:00Z',
      2,
      ['2026-02-26T09:00:00Z', '2026-03-26T09:00:00Z'],
    ],
    [
      "monthly, on_week_num alone: start_time's weekday (second Tuesday)",
      { start_time: '2026-01-13T09:00:00Z', frequency: { type: 'monthly', on_week_num: 2 } },
      '2026-01-13T09:00:00Z',
      2,
      ['2026-02-10T09:00:00Z', '2026-03-10T09:00:00Z'],
    ],
    [
      'monthly every 2 months, on_days alone: every Friday of the month',
      { start_time: '2026-01-30T09:00:00Z', frequency: { type: 'monthly', repeats_every: 2, on_days: ['Friday'] } },
      '2026-01-30T09:00:00Z',
      6,
      ['2026-03-06T09:00:00Z', '2026-03-13T09:00:00Z', '2026-03-20T09:00:00Z', '2026-03-27T09:00:00Z', '2026-05-01T09:00:00Z', '2026-05-08T09:00:00Z'],
    ],
    [
      "monthly, neither: start_time's day of the month, skipping months without a 31st",
      { start_time: '2026-01-31T09:00:00Z', frequency: { type: 'monthly' } },
      '2026-01-31T09:00:00Z',
      4,
      ['2026-03-31T09:00:00Z', '2026-05-31T09:00:00Z', '2026-07-31T09:00:00Z', '2026-08-31T09:00:00Z'],
    ],
    [
      'monthly every 2 months on the 15th',
      { start_time: '2026-01-15T09:00:00Z', frequency: { type: 'monthly', repeats_every: 2 } },
      '2026-01-15T09:00:00Z',
      2,
      ['2026-03-15T09:00:00Z', '2026-05-15T09:00:00Z'],
    ],
    [
      'yearly',
      { start_time: '2026-03-01T14:00:00Z', frequency: { type: 'yearly' } },
      '2026-03-01T14:00:00Z',
      2,
      ['2027-03-01T14:00:00Z', '2028-03-01T14:00:00Z'],
    ],
    [
      'yearly every 2 years',
      { start_time: '2026-03-01T14:00:00Z', frequency: { type: 'yearly', repeats_every: 2 } },
      '2026-03-01T14:00:00Z',
      2,
      ['2028-03-01T14:00:00Z', '2030-03-01T14:00:00Z'],
    ],
    [
      'yearly from 29 February: leap years only',
      { start_time: '2028-02-29T12:00:00Z', frequency: { type: 'yearly' } },
      '2028-02-29T12:00:00Z',
      2,
      ['2032-02-29T12:00:00Z', '2036-02-29T12:00:00Z'],
    ],
    [
      'yearly from 29 February 2096: 2100 is not a leap year',
      { start_time: '2096-02-29T12:00:00Z', frequency: { type: 'yearly' } },
      '2096-02-29T12:00:00Z',
      1,
      ['2104-02-29T12:00:00Z'],
    ],
  ])('%s', (_name, input, after, count, expected) => expect(runs(input, after, count)).toEqual(expected));
});

describe('nextRuns: end_time, occurrence_count and start_time', () => {
  const daily = { start_time: '2026-01-01T10:00:00Z', frequency: { type: 'daily' } };
  it.each<Case>([
    ['end_time is inclusive', { ...daily, end_time: '2026-01-03T10:00:00Z' }, '2026-01-01T12:00:00Z', 5, ['2026-01-02T10:00:00Z', '2026-01-03T10:00:00Z']],
    ['end_time just before a run', { ...daily, end_time: '2026-01-03T09:59:00Z' }, '2026-01-01T12:00:00Z', 5, ['2026-01-02T10:00:00Z']],
    ['past end_time: none', { ...daily, end_time: '2026-01-03T10:00:00Z' }, '2026-01-03T10:00:00Z', 1, []],
    [
      'occurrence_count counts start_time',
      { ...daily, occurrence_count: 3 },
      '2025-12-31T00:00:00Z',
      5,
      ['2026-01-01T10:00:00Z', '2026-01-02T10:00:00Z', '2026-01-03T10:00:00Z'],
    ],
    ['occurrence_count exhausted: none', { ...daily, occurrence_count: 3 }, '2026-01-03T10:00:00Z', 1, []],
    [
      'occurrence_count with weekly days',
      { start_time: '2026-03-04T12:00:00Z', occurrence_count: 4, frequency: { type: 'weekly', on_days: ['Monday', 'Friday'] } },
      '2026-03-10T00:00:00Z',
      5,
      ['2026-03-13T12:00:00Z'],
    ],
    [
      'occurrence_count with every Friday of every other month',
      { start_time: '2026-01-30T09:00:00Z', occurrence_count: 6, frequency: { type: 'monthly', repeats_every: 2, on_days: ['Friday'] } },
      '2026-04-01T00:00:00Z',
      5,
      ['2026-05-01T09:00:00Z'],
    ],
    [
      'occurrence_count with 29 February',
      { start_time: '2028-02-29T12:00:00Z', occurrence_count: 3, frequency: { type: 'yearly' } },
      '2033-01-01T00:00:00Z',
      5,
      ['2036-02-29T12:00:00Z'],
    ],
    [
      'start_time in the future is the first run',
      { start_time: '2026-06-01T09:00:00Z', frequency: { type: 'daily' } },
      '2026-01-01T00:00:00Z',
      1,
      ['2026-06-01T09:00:00Z'],
    ],
    ['strictly after: a run at `after` is not next', daily, '2026-01-02T10:00:00Z', 1, ['2026-01-03T10:00:00Z']],
  ])('%s', (_name, input, after, count, expected) => expect(runs(input, after, count)).toEqual(expected));

  it('returns nothing for a count below 1', () => expect(runs(daily, '2026-01-05T00:00:00Z', 0)).toEqual([]));
});

describe('nextRuns: a schedule that started long ago', () => {
  it.each<Case>([
    ['hourly for 10 years', { start_time: '2016-01-01T00:00:00Z', frequency: { type: 'hourly' } }, '2026-01-01T00:30:00Z', 1, ['2026-01-01T01:00:00Z']],
    // Run 100,000 is start + 99,999 h = 4,166 days 15 h later: 2027-05-29 15:00.
    [
      'hourly, the last of 100,000 runs',
      { start_time: '2016-01-01T00:00:00Z', occurrence_count: 100_000, frequency: { type: 'hourly' } },
      '2027-05-29T14:30:00Z',
      3,
      ['2027-05-29T15:00:00Z'],
    ],
    [
      'daily for 10 years, in summer time',
      { start_time: '2016-01-01T09:00:00', timezone: 'Europe/London', frequency: { type: 'daily' } },
      '2026-07-01T12:00:00Z',
      1,
      ['2026-07-02T08:00:00Z'],
    ],
    // Run 4,000 is start + 3,999 days: 3,653 days to 2026-01-01, then day 347 of 2026.
    [
      'daily, the last of 4,000 runs',
      { start_time: '2016-01-01T09:00:00Z', occurrence_count: 4000, frequency: { type: 'daily' } },
      '2026-12-12T10:00:00Z',
      3,
      ['2026-12-13T09:00:00Z'],
    ],
    // Monday and Friday from Monday 2024-01-01: run 105 is week 52's Monday, 364 days on.
    [
      'weekly, the last of 105 runs',
      { start_time: '2024-01-01T09:00:00Z', occurrence_count: 105, frequency: { type: 'weekly', on_days: ['Monday', 'Friday'] } },
      '2024-12-28T00:00:00Z',
      3,
      ['2024-12-30T09:00:00Z'],
    ],
    [
      'yearly from 29 February 2000',
      { start_time: '2000-02-29T12:00:00Z', frequency: { type: 'yearly' } },
      '2026-01-01T00:00:00Z',
      2,
      ['2028-02-29T12:00:00Z', '2032-02-29T12:00:00Z'],
    ],
  ])('%s', (_name, input, after, count, expected) => expect(runs(input, after, count)).toEqual(expected));

  it('computes the next hourly run after 10 years (87,600 runs) in well under 50 ms', () => {
    const hourly = schedule({ start_time: '2016-01-01T00:00:00Z', occurrence_count: 200_000, frequency: { type: 'hourly' } });
    nextRuns(hourly, new Date('2026-01-01T00:30:00Z')); // the first call builds the zone's formatter
    const began = performance.now();
    const next = nextRuns(hourly, new Date('2026-06-15T10:30:00Z'));
    expect(performance.now() - began).toBeLessThan(50);
    expect(next).toEqual([new Date('2026-06-15T11:00:00Z')]);
  });

  it('computes the next daily run after 50 years quickly', () => {
    const daily = schedule({ start_time: '1976-01-01T09:00:00', timezone: 'America/New_York', occurrence_count: 100_000, frequency: { type: 'daily' } });
    const began = performance.now();
    expect(nextRuns(daily, new Date('2026-07-01T00:00:00Z'))).toEqual([new Date('2026-07-01T13:00:00Z')]);
    expect(performance.now() - began).toBeLessThan(50);
  });
});

describe('nextRuns: jumping ahead agrees with listing every run from the start', () => {
  // Not expected values: a check that the arithmetic jump (periods skipped, earlier runs counted) lands
  // where the plain listing of every run does, for each run in turn.
  it.each<[string, Record<string, unknown>]>([
    [
      'hourly every 5, counted',
      { start_time: '2026-03-07T22:10:00', timezone: 'America/New_York', occurrence_count: 40, frequency: { type: 'hourly', repeats_every: 5 } },
    ],
    [
      'daily every 2, counted',
      { start_time: '2026-03-20T02:30:00', timezone: 'Europe/Berlin', occurrence_count: 30, frequency: { type: 'daily', repeats_every: 2 } },
    ],
    [
      'weekly every 2, three days',
      {
        start_time: '2026-01-07T08:00:00',
        timezone: 'Australia/Sydney',
        occurrence_count: 40,
        frequency: { type: 'weekly', repeats_every: 2, on_days: ['Sunday', 'Wednesday', 'Saturday'] },
      },
    ],
    ['monthly last Friday', { start_time: '2026-01-05T18:00:00Z', occurrence_count: 20, frequency: { type: 'monthly', on_days: ['Friday'], on_week_num: -1 } }],
    [
      'monthly every Tuesday',
      { start_time: '2026-01-14T18:00:00Z', occurrence_count: 30, frequency: { type: 'monthly', repeats_every: 3, on_days: ['Tuesday'] } },
    ],
    ['monthly on the 30th', { start_time: '2026-01-30T18:00:00Z', occurrence_count: 15, frequency: { type: 'monthly' } }],
    ['yearly from 29 February', { start_time: '2024-02-29T18:00:00Z', occurrence_count: 6, frequency: { type: 'yearly', repeats_every: 3 } }],
  ])('%s', (_name, input) => {
    const s = schedule(input);
    const all = nextRuns(s, new Date(0), 1000).map((d) => d.getTime());
    expect(all).toHaveLength(input.occurrence_count as number);
    for (const [i, run] of all.entries()) {
      expect(nextRuns(s, new Date(run - 1), 3).map((d) => d.getTime())).toEqual(all.slice(i, i + 3));
      expect(nextRuns(s, new Date(run), 3).map((d) => d.getTime())).toEqual(all.slice(i + 1, i + 4));
    }
  });
});
