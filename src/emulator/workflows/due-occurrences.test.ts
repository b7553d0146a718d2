import { describe, expect, it } from 'vitest';
import { validateSchedule, type Schedule } from '../../lib/schedule/index.js';
import { dueOccurrences, nextOccurrence } from './due-occurrences.js';

const HOUR = 3_600_000;
const schedule = (s: unknown): Schedule => {
  const checked = validateSchedule(s);
  if (!('schedule' in checked)) throw new Error(JSON.stringify(checked.errors));
  return checked.schedule;
};
const hourly = schedule({ start_time: '2026-01-01T00:00:00Z', frequency: { type: 'hourly' } });
const t0 = Date.parse('2026-01-01T00:00:00Z');

describe('dueOccurrences', () => {
  it('the occurrences strictly after `after` and up to `until`, earliest first', () => {
    expect(dueOccurrences(hourly, t0, t0 + 3 * HOUR, 10)).toEqual([t0 + HOUR, t0 + 2 * HOUR, t0 + 3 * HOUR]);
    expect(dueOccurrences(hourly, t0 - 1, t0, 10)).toEqual([t0]);
  });

  it('keeps only the latest `keep`, across more than one chunk of nextRuns', () => {
    expect(dueOccurrences(hourly, t0, t0 + 2000 * HOUR, 2)).toEqual([t0 + 1999 * HOUR, t0 + 2000 * HOUR]);
  });

  it('nothing when none is due, or the schedule has ended', () => {
    expect(dueOccurrences(hourly, t0, t0 + HOUR - 1, 5)).toEqual([]);
    const twice = schedule({ start_time: '2026-01-01T00:00:00Z', frequency: { type: 'hourly' }, occurrence_count: 2 });
    expect(dueOccurrences(twice, t0 - 1, t0 + 10 * HOUR, 5)).toEqual([t0, t0 + HOUR]);
    expect(nextOccurrence(twice, t0 + HOUR)).toBeUndefined();
  });
});
