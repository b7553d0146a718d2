// The dates a daily, weekly, monthly or yearly schedule runs on, found by arithmetic rather than by walking
// every run since start_time. Dates are epoch days (civil.ts); the time of day is start_time's, added later.
import { civilFromDays, daysFromCivil, daysInMonth, weekdayOf } from './civil.js';
import { type Frequency, WEEKDAYS } from './types.js';

/** The last year runs are computed for (ISO-8601's four-digit years); a schedule past it has no next run. */
export const LAST_YEAR = 9999;

/**
 * A schedule cut into periods: period k is the k-th repetition (every `repeats_every` days, weeks, months or
 * years) counted from the one holding start_time, so period 0 holds the start date. Only dates after the start
 * date count: start_time itself is always the first run (next-run.ts adds it).
 */
export interface DateRule {
  /** The period holding `day`, or the last one that began before it (negative before the start). */
  periodOf(day: number): number;
  /** The run dates of period k, ascending; undefined once the period lies past LAST_YEAR. */
  datesIn(k: number): number[] | undefined;
  /** How many run dates periods 0 … k-1 hold. */
  countBefore(k: number): number;
}

const yearOf = (day: number) => civilFromDays(day).year;
const dayIndex = (name: string) => WEEKDAYS.indexOf(name as (typeof WEEKDAYS)[number]);

/** Adds up period by period: for rules whose periods hold a varying number of dates (months, years), ≤ 12 a year. */
const summing = (datesIn: (k: number) => number[] | undefined) => (k: number) => {
  let total = 0;
  for (let j = 0; j < k; j++) total += datesIn(j)?.length ?? 0;
  return total;
};

export function dateRule(frequency: Frequency, startDay: number): DateRule {
  const every = frequency.repeats_every ?? 1;
  switch (frequency.type) {
    case 'daily':
      return daily(startDay, every);
    case 'weekly':
      return weekly(startDay, every, frequency.on_days?.map(dayIndex));
    case 'monthly':
      return monthly(startDay, every, frequency);
    case 'yearly':
      return yearly(startDay, every);
    default:
      throw new TypeError(`dateRule: "${frequency.type}" is not a date-based frequency`);
  }
}

/** Every N calendar days: one date a period. */
function daily(start: number, every: number): DateRule {
  return {
    periodOf: (day) => Math.floor((day - start) / every),
    datesIn: (k) => {
      const day = start + k * every;
      if (yearOf(day) > LAST_YEAR) return undefined;
      return k >= 1 ? [day] : [];
    },
    countBefore: (k) => Math.max(0, k - 1),
  };
}

/**
 * Every N weeks (Monday to Sunday, RFC 5545's default week start), on the listed days; without on_days, on
 * start_time's weekday (RFC 5545 takes the missing BYDAY from DTSTART).
 */
function weekly(start: number, every: number, days: number[] = [weekdayOf(start)]): DateRule {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const firstMonday = start - weekdayOf(start);
  const inFirstWeek = sorted.filter((w) => firstMonday + w > start).length;
  return {
    periodOf: (day) => Math.floor((day - firstMonday) / (7 * every)),
    datesIn: (k) => {
      const monday = firstMonday + 7 * every * k;
      if (yearOf(monday) > LAST_YEAR) return undefined;
      return sorted.map((w) => monday + w).filter((day) => day > start);
    },
    countBefore: (k) => (k <= 0 ? 0 : inFirstWeek + (k - 1) * sorted.length),
  };
}

/** The nth (1–4) or last (-1) given weekday of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n === -1) {
    const last = daysFromCivil(year, month, daysInMonth(year, month));
    return last - ((weekdayOf(last) - weekday + 7) % 7);
  }
  const first = daysFromCivil(year, month, 1);
  return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
}

/**
 * Every N months, on one of three kinds of date:
 * - on_days + on_week_num: the nth (or last, -1) such weekday, as Slack documents monthly schedules;
 * - on_days alone: every such weekday of the month (RFC 5545's FREQ=MONTHLY;BYDAY=FR);
 * - on_week_num alone: the nth (or last) of start_time's weekday;
 * - neither: start_time's day of the month, skipping months too short for it (the 31st runs in 31-day months
 *   only), as RFC 5545 and cron do.
 */
function monthly(start: number, every: number, frequency: Frequency): DateRule {
  const s = civilFromDays(start);
  const firstMonth = s.year * 12 + (s.month - 1);
  const weekday = frequency.on_days?.[0] ? dayIndex(frequency.on_days[0]) : weekdayOf(start);
  const weekNum = frequency.on_week_num;
  const byWeekday = frequency.on_days !== undefined || weekNum !== undefined;

  const candidates = (year: number, month: number): number[] => {
    if (weekNum !== undefined) return [nthWeekday(year, month, weekday, weekNum)];
    if (byWeekday) return [1, 2, 3, 4, 5].map((n) => nthWeekday(year, month, weekday, n)).filter((d) => civilFromDays(d).month === month);
    return s.day <= daysInMonth(year, month) ? [daysFromCivil(year, month, s.day)] : [];
  };
  const datesIn = (k: number): number[] | undefined => {
    const index = firstMonth + k * every;
    const year = Math.floor(index / 12);
    if (year > LAST_YEAR) return undefined;
    return candidates(year, (index % 12) + 1).filter((day) => day > start);
  };
  const inFirstMonth = datesIn(0)?.length ?? 0;
  return {
    periodOf: (day) => {
      const c = civilFromDays(day);
      return Math.floor((c.year * 12 + c.month - 1 - firstMonth) / every);
    },
    datesIn,
    // One date every month when on_week_num picks it: counted by arithmetic; otherwise month by month.
    countBefore: weekNum !== undefined ? (k) => (k <= 0 ? 0 : inFirstMonth + (k - 1)) : summing(datesIn),
  };
}

/** Every N years on start_time's month and day; a 29 February start runs in leap years only (RFC 5545, cron). */
function yearly(start: number, every: number): DateRule {
  const s = civilFromDays(start);
  const datesIn = (k: number): number[] | undefined => {
    const year = s.year + k * every;
    if (year > LAST_YEAR) return undefined;
    if (k < 1 || s.day > daysInMonth(year, s.month)) return [];
    return [daysFromCivil(year, s.month, s.day)];
  };
  return {
    periodOf: (day) => Math.floor((yearOf(day) - s.year) / every),
    datesIn,
    countBefore: s.month === 2 && s.day === 29 ? summing(datesIn) : (k) => Math.max(0, k - 1),
  };
}
