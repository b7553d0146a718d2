// start_time and end_time: ISO-8601 text, either an instant (with Z or an offset) or a wall-clock time
// that the schedule's time zone places.
import { daysInMonth } from './civil.js';
import { instantOf, type WallClock, wallAsUtc } from './time-zone.js';

export type TimeInput = { kind: 'instant'; instant: number } | { kind: 'wall'; wall: WallClock };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
/** `Date.prototype.toUTCString()`'s form, which Slack's own sample app sends as start_time. */
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function wallOf(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): WallClock | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { year, month, day, hour, minute, second, millisecond: ms };
}

function offsetMs(text: string): number | undefined {
  if (text === 'Z' || text === 'z') return 0;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return (text[0] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/**
 * Reads an ISO-8601 date or date-time. With `Z` or an offset it is an instant ("2026-03-01T14:00:00Z"); without,
 * a wall-clock time in the schedule's zone ("2026-03-01T09:00:00"); a bare date is midnight there. Also takes
 * the `toUTCString()` form ("Sun, 01 Mar 2026 14:00:00 GMT"), which Slack's daily-channel-topic sample sends.
 */
export function parseTimeInput(text: string): TimeInput | undefined {
  const http = HTTP_DATE.exec(text.trim());
  if (http) {
    const wall = wallOf(Number(http[3]), MONTHS.indexOf(http[2] ?? '') + 1, Number(http[1]), Number(http[4]), Number(http[5]), Number(http[6]), 0);
    return wall && { kind: 'instant', instant: wallAsUtc(wall) };
  }
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const wall = wallOf(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
  if (!wall) return undefined;
  if (!m[8]) return { kind: 'wall', wall };
  const offset = offsetMs(m[8]);
  if (offset === undefined) return undefined;
  return { kind: 'instant', instant: wallAsUtc(wall) - offset };
}

/** The instant of a parsed time, placing a wall-clock time in `zone` (gaps and overlaps as `instantOf`). */
export function resolveTime(time: TimeInput, zone: string): number {
  return time.kind === 'instant' ? time.instant : instantOf(time.wall, zone);
}
