import { describe, expect, it } from 'vitest';
import { formatCreated } from './local-time.js';

/** What Intl says, in the same layout; the reference the cached minute must agree with. */
const references = new Map<string, Intl.DateTimeFormat>();
function reference(seconds: number, timeZone: string): string {
  let f = references.get(timeZone);
  if (!f) {
    // Swedish dates are written YYYY-MM-DD HH:MM:SS.
    f = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    references.set(timeZone, f);
  }
  return f.format(new Date(seconds * 1000));
}

describe('formatCreated', () => {
  it.each([
    [1_700_000_000_000_000, 'UTC', '2023-11-14 22:13:20'],
    [1_700_000_000_999_999, 'Etc/UTC', '2023-11-14 22:13:20'],
    [0, 'UTC', '1970-01-01 00:00:00'],
    [Number.NaN, 'UTC', '1970-01-01 00:00:00'],
    [1_700_000_000_000_000, 'Asia/Kolkata', '2023-11-15 03:43:20'],
    [1_699_164_000_000_000, 'America/New_York', '2023-11-05 01:00:00'],
  ])('%d µs in %s → %s', (created, zone, want) => {
    expect(formatCreated(created, zone)).toBe(want);
  });

  it('agrees with Intl second by second across minute, hour and daylight-saving changes', () => {
    const zones = ['America/New_York', 'Europe/London', 'Australia/Eucla', 'America/St_Johns', 'Asia/Kathmandu'];
    // 2023-11-05 05:58 UTC, two minutes before New York falls back, for three hours.
    const start = 1_699_163_880;
    for (const zone of zones) {
      for (let s = start; s < start + 3 * 3600; s += 7) {
        expect(formatCreated(s * 1_000_000, zone)).toBe(reference(s, zone));
      }
    }
  });

  it('an unknown zone throws', () => {
    expect(() => formatCreated(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});
