import { describe, expect, it } from 'vitest';
import { validateSchedule } from './validate.js';

const start = '2026-03-01T14:00:00Z';

describe('validateSchedule: accepted', () => {
  it.each([
    ['a bare start_time, UTC by default', { start_time: start }, { start_time: start, timezone: 'UTC' }],
    [
      'the time zone in its IANA spelling',
      { start_time: start, timezone: 'asia/kolkata', frequency: { type: 'once' } },
      { start_time: start, timezone: 'Asia/Kolkata', frequency: { type: 'once' } },
    ],
    [
      'a recurring schedule, unknown keys dropped',
      { start_time: start, end_time: '2026-05-01T14:00:00Z', occurrence_count: 3, frequency: { type: 'hourly', repeats_every: 2 }, extra: 1 },
      { start_time: start, timezone: 'UTC', end_time: '2026-05-01T14:00:00Z', occurrence_count: 3, frequency: { type: 'hourly', repeats_every: 2 } },
    ],
    [
      'weekly days',
      { start_time: start, frequency: { type: 'weekly', repeats_every: 3, on_days: ['Friday', 'Monday'] } },
      { start_time: start, timezone: 'UTC', frequency: { type: 'weekly', repeats_every: 3, on_days: ['Friday', 'Monday'] } },
    ],
    [
      'a monthly week number',
      { start_time: start, frequency: { type: 'monthly', on_days: ['Friday'], on_week_num: -1 } },
      { start_time: start, timezone: 'UTC', frequency: { type: 'monthly', on_days: ['Friday'], on_week_num: -1 } },
    ],
  ])('%s', (_name, input, schedule) => expect(validateSchedule(input)).toEqual({ schedule }));

  it.each([
    '2026-03-01',
    '2026-03-01T14:00',
    '2026-03-01T14:00:00',
    '2026-03-01T14:00:00.123Z',
    '2026-03-01T14:00:00+05:30',
    '2026-03-01T14:00:00-0800',
    '2026-03-01 14:00:00Z',
    'Sun, 01 Mar 2026 14:00:00 GMT',
  ])('start_time %j is ISO-8601 enough', (text) => expect(validateSchedule({ start_time: text })).toEqual({ schedule: { start_time: text, timezone: 'UTC' } }));
});

describe('validateSchedule: each error names its field', () => {
  const recurring = { start_time: start, frequency: { type: 'daily' } };
  it.each<[string, unknown, string, RegExp]>([
    ['not an object', 'daily', 'schedule', /must be an object/],
    ['start_time missing', {}, 'schedule.start_time', /is required.*ISO-8601/],
    ['start_time not ISO-8601', { start_time: 'next Tuesday' }, 'schedule.start_time', /"next Tuesday" is not an ISO-8601 date-time/],
    ['start_time not a date', { start_time: '2026-02-30T10:00:00Z' }, 'schedule.start_time', /not an ISO-8601/],
    ['start_time not a string', { start_time: 1772373600 }, 'schedule.start_time', /1772373600 is not an ISO-8601/],
    ['timezone unknown', { start_time: start, timezone: 'Mars/Olympus' }, 'schedule.timezone', /"Mars\/Olympus" is not a known time zone.*America\/New_York/],
    ['timezone not a string', { start_time: start, timezone: 5 }, 'schedule.timezone', /IANA time zone name/],
    ['frequency not an object', { start_time: start, frequency: 'daily' }, 'schedule.frequency', /must be an object such as \{"type": "daily"\}/],
    ['frequency.type missing', { start_time: start, frequency: {} }, 'schedule.frequency.type', /is required: one of once, hourly/],
    ['frequency.type unknown', { start_time: start, frequency: { type: 'fortnightly' } }, 'schedule.frequency.type', /"fortnightly" is not a frequency/],
    [
      'repeats_every zero',
      { ...recurring, frequency: { type: 'daily', repeats_every: 0 } },
      'schedule.frequency.repeats_every',
      /whole number from 1 to 1000 \(every how many days\)/,
    ],
    [
      'repeats_every fractional',
      { ...recurring, frequency: { type: 'hourly', repeats_every: 1.5 } },
      'schedule.frequency.repeats_every',
      /every how many hours/,
    ],
    ['repeats_every too large', { ...recurring, frequency: { type: 'weekly', repeats_every: 1001 } }, 'schedule.frequency.repeats_every', /1 to 1000/],
    ['repeats_every a string', { ...recurring, frequency: { type: 'daily', repeats_every: '2' } }, 'schedule.frequency.repeats_every', /got "2"/],
    ['on_days not a list', { start_time: start, frequency: { type: 'weekly', on_days: 'Monday' } }, 'schedule.frequency.on_days', /list of day names/],
    ['on_days empty on weekly', { start_time: start, frequency: { type: 'weekly', on_days: [] } }, 'schedule.frequency.on_days', /at least one day/],
    [
      'on_days with a bad name',
      { start_time: start, frequency: { type: 'weekly', on_days: ['Monday', 'monday'] } },
      'schedule.frequency.on_days[1]',
      /"monday" is not a day.*capitalised/,
    ],
    [
      'on_days twice the same',
      { start_time: start, frequency: { type: 'weekly', on_days: ['Friday', 'Friday'] } },
      'schedule.frequency.on_days[1]',
      /listed twice/,
    ],
    [
      'on_days two on monthly',
      { start_time: start, frequency: { type: 'monthly', on_days: ['Monday', 'Friday'] } },
      'schedule.frequency.on_days',
      /exactly one day/,
    ],
    [
      'on_days on daily',
      { start_time: start, frequency: { type: 'daily', on_days: ['Monday'] } },
      'schedule.frequency.on_days',
      /only applies to weekly and monthly/,
    ],
    [
      'on_week_num out of the set',
      { start_time: start, frequency: { type: 'monthly', on_days: ['Monday'], on_week_num: 5 } },
      'schedule.frequency.on_week_num',
      /1, 2, 3, 4 or -1/,
    ],
    [
      'on_week_num on weekly',
      { start_time: start, frequency: { type: 'weekly', on_week_num: 1 } },
      'schedule.frequency.on_week_num',
      /only applies to a monthly schedule \(this one is weekly\)/,
    ],
    ['end_time not ISO-8601', { ...recurring, end_time: 'never' }, 'schedule.end_time', /not an ISO-8601/],
    ['end_time before start_time', { ...recurring, end_time: '2026-02-01T00:00:00Z' }, 'schedule.end_time', /must be after start_time/],
    ['end_time equal to start_time', { ...recurring, end_time: start }, 'schedule.end_time', /must be after start_time/],
    ['end_time on a one-off', { start_time: start, end_time: '2026-05-01T00:00:00Z' }, 'schedule.end_time', /not allowed on a one-off schedule/],
    ['end_time on once', { start_time: start, end_time: '2026-05-01T00:00:00Z', frequency: { type: 'once' } }, 'schedule.end_time', /not allowed on a one-off/],
    ['occurrence_count zero', { ...recurring, occurrence_count: 0 }, 'schedule.occurrence_count', /whole number of runs, 1 or more/],
    ['occurrence_count fractional', { ...recurring, occurrence_count: 2.5 }, 'schedule.occurrence_count', /whole number/],
    ['occurrence_count on a one-off', { start_time: start, occurrence_count: 3 }, 'schedule.occurrence_count', /not allowed on a one-off schedule/],
  ])('%s', (_name, input, field, message) => {
    const result = validateSchedule(input);
    expect(result).toHaveProperty('errors');
    const errors = 'errors' in result ? result.errors : [];
    expect(errors).toContainEqual({ field, message: expect.stringMatching(message) });
  });

  it('reports every problem at once', () => {
    const result = validateSchedule({ start_time: 'soon', timezone: 'Nowhere', frequency: { type: 'monthly', on_week_num: 7 }, occurrence_count: -1 });
    expect('errors' in result && result.errors.map((e) => e.field)).toEqual([
      'schedule.timezone',
      'schedule.start_time',
      'schedule.frequency.on_week_num',
      'schedule.occurrence_count',
    ]);
  });

  it('compares end_time with start_time in the schedule time zone', () => {
    // 10:00 in New York is 15:00 UTC, so an end_time of 14:00 UTC is before it.
    const result = validateSchedule({
      start_time: '2026-03-01T10:00:00',
      timezone: 'America/New_York',
      end_time: '2026-03-01T14:00:00Z',
      frequency: { type: 'daily' },
    });
    expect(result).toEqual({ errors: [{ field: 'schedule.end_time', message: expect.stringMatching(/must be after start_time/) }] });
  });
});
