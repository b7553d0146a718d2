import { describe, expect, it } from 'vitest';
import { parseTimeBound } from './since.js';

const now = new Date('2026-11-28T12:00:00Z');
const us = (iso: string) => Date.parse(iso) * 1000;

describe('parseTimeBound', () => {
  it.each([
    { name: 'minutes before now', text: '15m', want: us('2026-11-28T11:45:00Z') },
    { name: 'hours', text: '2h', want: us('2026-11-28T10:00:00Z') },
    { name: 'days', text: '7d', want: us('2026-11-21T12:00:00Z') },
    { name: 'combined', text: '1h30m', want: us('2026-11-28T10:30:00Z') },
    { name: 'ISO with Z', text: '2026-11-27T08:00:00Z', want: us('2026-11-27T08:00:00Z') },
    { name: 'ISO with offset', text: '2026-11-27T08:00+01:00', want: us('2026-11-27T07:00:00Z') },
    { name: 'ISO with a space', text: '2026-11-27 08:00:00Z', want: us('2026-11-27T08:00:00Z') },
  ])('$name: $text', ({ text, want }) => {
    expect(parseTimeBound(text, now)).toBe(want);
  });

  it('a date alone is local midnight', () => {
    expect(parseTimeBound('2026-11-27', now)).toBe(new Date(2026, 10, 27).getTime() * 1000);
  });

  it.each(['yesterday', '15', '15x', '', '2026-13-45', '2026-11-27T25:00Z', 'm'])('rejects %j', (text) => {
    expect(parseTimeBound(text, now)).toBeUndefined();
  });
});
