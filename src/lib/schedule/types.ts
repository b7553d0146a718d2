// The `schedule` object of a scheduled trigger, as Slack's trigger definitions spell it.

export const FREQUENCY_TYPES = ['once', 'hourly', 'daily', 'weekly', 'monthly', 'yearly'] as const;
export type FrequencyType = (typeof FREQUENCY_TYPES)[number];

/** In week order, Monday first (the ISO week, and RFC 5545's default week start). */
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The nth week of the month a monthly schedule runs in; -1 is the last. */
export const WEEK_NUMS = [1, 2, 3, 4, -1] as const;
export type WeekNum = (typeof WEEK_NUMS)[number];

/**
 * The largest `repeats_every`: far beyond any real cadence (1,000 hours is six weeks, 1,000 days almost three years),
 * and it keeps the arithmetic well inside the range a Date can hold.
 */
export const MAX_REPEATS_EVERY = 1000;

export interface Frequency {
  type: FrequencyType;
  repeats_every?: number;
  on_days?: Weekday[];
  on_week_num?: WeekNum;
}

/** A schedule that passed `validateSchedule`: known keys only, `timezone` always set, in its canonical spelling. */
export interface Schedule {
  start_time: string;
  timezone: string;
  frequency?: Frequency;
  end_time?: string;
  occurrence_count?: number;
}
