// Runs across the 2026 clock changes, worked out by hand: New York Mar 8 (02:00 EST → 03:00 EDT) and Nov 1
// (02:00 EDT → 01:00 EST); London Mar 29 (01:00 GMT → 02:00 BST) and Oct 25; Berlin Mar 29 (02:00 CET →
// 03:00 CEST) and Oct 25 (03:00 CEST → 02:00 CET); Sydney Apr 5 (03:00 AEDT → 02:00 AEST) and Oct 4 (02:00 AEST
// → 03:00 AEDT); Kolkata none (+05:30).
import { describe, expect, it } from 'vitest';
import { nextRuns } from './next-run.js';
import { validateSchedule } from './validate.js';

const runs = (input: Record<string, unknown>, after: string, count: number) => {
  const result = validateSchedule(input);
  if (!('schedule' in result)) throw new Error(`invalid test schedule: ${JSON.stringify(result.errors)}`);
  return nextRuns(result.schedule, new Date(after), count).map((d) => d.toISOString().replace(':00.000Z', 'Z'));
};
const daily = (start_time: string, timezone: string) => ({ start_time, timezone, frequency: { type: 'daily' } });

describe('nextRuns across clock changes: the same wall-clock time each day', () => {
  it.each<[string, Record<string, unknown>, string, string[]]>([
    ['New York, March', daily('2026-03-07T09:00:00', 'America/New_York'), '2026-03-07T00:00Z', ['2026-03-07T14:00Z', '2026-03-08T13:00Z', '2026-03-09T13:00Z']],
    [
      'New York, November',
      daily('2026-10-31T09:00:00', 'America/New_York'),
      '2026-10-31T00:00Z',
      ['2026-10-31T13:00Z', '2026-11-01T14:00Z', '2026-11-02T14:00Z'],
    ],
    ['London, March', daily('2026-03-28T09:00:00', 'Europe/London'), '2026-03-27T00:00Z', ['2026-03-28T09:00Z', '2026-03-29T08:00Z', '2026-03-30T08:00Z']],
    ['London, October', daily('2026-10-24T09:00:00', 'Europe/London'), '2026-10-24T00:00Z', ['2026-10-24T08:00Z', '2026-10-25T09:00Z', '2026-10-26T09:00Z']],
    ['Sydney, April', daily('2026-04-04T09:00:00', 'Australia/Sydney'), '2026-04-03T00:00Z', ['2026-04-03T22:00Z', '2026-04-04T23:00Z', '2026-04-05T23:00Z']],
    ['Sydney, October', daily('2026-10-03T09:00:00', 'Australia/Sydney'), '2026-10-02T00:00Z', ['2026-10-02T23:00Z', '2026-10-03T22:00Z', '2026-10-04T22:00Z']],
    [
      'Kolkata, no clock change (zone typed in lower case)',
      daily('2026-03-07T09:00:00', 'asia/kolkata'),
      '2026-03-07T00:00Z',
      ['2026-03-07T03:30Z', '2026-03-08T03:30Z', '2026-03-09T03:30Z'],
    ],
    [
      'start_time as an instant keeps its local time of day',
      daily('2026-03-07T14:00:00Z', 'America/New_York'),
      '2026-03-07T00:00Z',
      ['2026-03-07T14:00Z', '2026-03-08T13:00Z', '2026-03-09T13:00Z'],
    ],
    [
      'Berlin, weekly on Sunday over the March change',
      { start_time: '2026-03-22T10:00:00', timezone: 'Europe/Berlin', frequency: { type: 'weekly', on_days: ['Sunday'] } },
      '2026-03-22T00:00Z',
      ['2026-03-22T09:00Z', '2026-03-29T08:00Z', '2026-04-05T08:00Z'],
    ],
    [
      'New York, monthly on the second Sunday, which is the change day in March',
      { start_time: '2026-02-08T09:00:00', timezone: 'America/New_York', frequency: { type: 'monthly', on_days: ['Sunday'], on_week_num: 2 } },
      '2026-02-01T00:00Z',
      ['2026-02-08T14:00Z', '2026-03-08T13:00Z', '2026-04-12T13:00Z'],
    ],
  ])('%s', (_name, input, after, expected) => expect(runs(input, after, 3)).toEqual(expected));
});

describe('nextRuns: a time the clock skips or repeats', () => {
  it.each<[string, Record<string, unknown>, string, string[]]>([
    // 02:30 does not exist on Mar 8 in New York: that day's run moves forward by the gap, to 03:30 EDT.
    [
      'New York 02:30, spring forward',
      daily('2026-03-07T02:30:00', 'America/New_York'),
      '2026-03-07T00:00Z',
      ['2026-03-07T07:30Z', '2026-03-08T07:30Z', '2026-03-09T06:30Z'],
    ],
    // Written as 02:30 on the day itself: first run at 03:30 EDT, then 02:30 as written.
    [
      'New York, start_time in the gap',
      daily('2026-03-08T02:30:00', 'America/New_York'),
      '2026-03-08T00:00Z',
      ['2026-03-08T07:30Z', '2026-03-09T06:30Z', '2026-03-10T06:30Z'],
    ],
    // 01:30 happens twice on Nov 1 in New York: the run is at the first, 01:30 EDT.
    [
      'New York 01:30, fall back',
      daily('2026-10-31T01:30:00', 'America/New_York'),
      '2026-10-31T00:00Z',
      ['2026-10-31T05:30Z', '2026-11-01T05:30Z', '2026-11-02T06:30Z'],
    ],
    [
      'Berlin 02:30, spring forward',
      daily('2026-03-28T02:30:00', 'Europe/Berlin'),
      '2026-03-28T00:00Z',
      ['2026-03-28T01:30Z', '2026-03-29T01:30Z', '2026-03-30T00:30Z'],
    ],
    [
      'Berlin 02:30, fall back',
      daily('2026-10-24T02:30:00', 'Europe/Berlin'),
      '2026-10-24T00:00Z',
      ['2026-10-24T00:30Z', '2026-10-25T00:30Z', '2026-10-26T01:30Z'],
    ],
    [
      'Sydney 02:30, spring forward',
      daily('2026-10-03T02:30:00', 'Australia/Sydney'),
      '2026-10-02T00:00Z',
      ['2026-10-02T16:30Z', '2026-10-03T16:30Z', '2026-10-04T15:30Z'],
    ],
  ])('%s', (_name, input, after, expected) => expect(runs(input, after, 3)).toEqual(expected));
});

describe('nextRuns: hourly is every N real hours through a clock change', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    // 00:30 EDT, 01:30 EDT, 01:30 EST, 02:30 EST.
    [
      'New York, fall back',
      { start_time: '2026-11-01T00:30:00', timezone: 'America/New_York', frequency: { type: 'hourly' } },
      ['2026-11-01T04:30Z', '2026-11-01T05:30Z', '2026-11-01T06:30Z', '2026-11-01T07:30Z'],
    ],
    // 01:30 EST, 03:30 EDT, 04:30 EDT.
    [
      'New York, spring forward',
      { start_time: '2026-03-08T01:30:00', timezone: 'America/New_York', frequency: { type: 'hourly' } },
      ['2026-03-08T06:30Z', '2026-03-08T07:30Z', '2026-03-08T08:30Z', '2026-03-08T09:30Z'],
    ],
    // Every 2 hours from 00:00 CET: 00:00 CET, 03:00 CEST (02:00 never shows), 05:00 and 07:00 CEST.
    [
      'Berlin every 2 hours, spring forward',
      { start_time: '2026-03-29T00:00:00', timezone: 'Europe/Berlin', frequency: { type: 'hourly', repeats_every: 2 } },
      ['2026-03-28T23:00Z', '2026-03-29T01:00Z', '2026-03-29T03:00Z', '2026-03-29T05:00Z'],
    ],
  ])('%s', (_name, input, expected) => expect(runs(input, '2026-01-01T00:00Z', 4)).toEqual(expected));
});
