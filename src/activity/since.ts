import { parseDuration } from '../lib/duration.js';

// A date, optionally with a time and a zone: 2026-11-28, 2026-11-28T09:30, 2026-11-28 09:30:00Z, …+01:00.
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * `--since`/`--until`: a duration before now (`15m`, `2h`, `7d`) or an ISO-8601 time,
 * as epoch microseconds (the unit of `min_date_created`); undefined when it is neither.
 * A date or time without a zone is local time, as the printed lines are.
 */
export function parseTimeBound(text: string, now: Date): number | undefined {
  const t = text.trim();
  if (ISO.test(t)) {
    const ms = Date.parse(t.replace(' ', 'T').replace(/^(\d{4}-\d{2}-\d{2})$/, '$1T00:00'));
    return Number.isNaN(ms) ? undefined : ms * 1000;
  }
  // A bare number would be ambiguous (seconds? an epoch?): a duration needs its unit here.
  if (/^\d+(\.\d+)?$/.test(t)) return undefined;
  const ms = parseDuration(t);
  return ms === undefined ? undefined : (now.getTime() - ms) * 1000;
}
