import { describe, expect, it } from 'vitest';
import { isoInZone, localTimeZone, nextRunOf, shortInZone } from './next-run.js';

describe('nextRunOf', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  it('the next daily run after now', () => {
    const schedule = { start_time: '2026-03-01T09:00:00Z', frequency: { type: 'daily' } };
    expect(nextRunOf({ schedule }, now)).toEqual(new Date('2026-03-03T09:00:00Z'));
  });
  it('null once a one-off has run', () => {
    expect(nextRunOf({ schedule: { start_time: '2026-03-01T09:00:00Z' } }, now)).toBeNull();
  });
  it('unknown for a schedule rosi cannot read', () => {
    expect(nextRunOf({ schedule: { start_time: 'soon' } }, now)).toBe('unknown');
    expect(nextRunOf({}, now)).toBe('unknown');
  });
});

describe('times in a zone', () => {
  const at = new Date('2026-07-01T08:30:00Z');
  it.each([
    { zone: 'UTC', iso: '2026-07-01T08:30:00+00:00', short: '2026-07-01 08:30 +00:00' },
    { zone: 'Europe/Paris', iso: '2026-07-01T10:30:00+02:00', short: '2026-07-01 10:30 +02:00' },
    { zone: 'America/New_York', iso: '2026-07-01T04:30:00-04:00', short: '2026-07-01 04:30 -04:00' },
    { zone: 'Asia/Kolkata', iso: '2026-07-01T14:00:00+05:30', short: '2026-07-01 14:00 +05:30' },
  ])('$zone', ({ zone, iso, short }) => {
    expect(isoInZone(at, zone)).toBe(iso);
    expect(shortInZone(at, zone)).toBe(short);
  });

  it('TZ names the zone when it is one; otherwise the machine’s', () => {
    expect(localTimeZone({ TZ: 'asia/kolkata' })).toBe('Asia/Kolkata');
    const machine = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(localTimeZone({ TZ: 'Not/AZone' })).toBe(machine);
    expect(localTimeZone({})).toBe(machine);
  });
});
