// Checks a `schedule` object as a user wrote it (trigger definition or API call) and returns it normalised,
// or every problem at once, each naming its field and how to fix it.
import { parseTimeInput, resolveTime, type TimeInput } from './iso-time.js';
import { canonicalTimeZone } from './time-zone.js';
import {
  FREQUENCY_TYPES,
  type Frequency,
  type FrequencyType,
  MAX_REPEATS_EVERY,
  type Schedule,
  WEEK_NUMS,
  WEEKDAYS,
  type Weekday,
  type WeekNum,
} from './types.js';

export interface ScheduleError {
  field: string;
  message: string;
}

export type ScheduleValidation = { schedule: Schedule } | { errors: ScheduleError[] };

const EXAMPLE_TIME = '"2026-03-01T14:00:00Z" (an instant) or "2026-03-01T09:00:00" (a time in schedule.timezone)';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositiveInteger = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** Validates and normalises a schedule; field paths start at `schedule`. */
export function validateSchedule(input: unknown): ScheduleValidation {
  const errors: ScheduleError[] = [];
  const fail = (field: string, message: string) => errors.push({ field: `schedule${field}`, message });
  if (!isRecord(input)) {
    fail('', 'must be an object with at least start_time, e.g. {"start_time": "2026-03-01T14:00:00Z"}');
    return { errors };
  }

  const timezone = readTimeZone(input.timezone, fail);
  const start = readTime(input.start_time, '.start_time', true, fail);
  const frequency = readFrequency(input.frequency, fail);
  const end = readTime(input.end_time, '.end_time', false, fail);
  const occurrenceCount = input.occurrence_count;
  if (occurrenceCount !== undefined && !isPositiveInteger(occurrenceCount))
    fail('.occurrence_count', `must be a whole number of runs, 1 or more (got ${JSON.stringify(occurrenceCount)})`);

  // A one-off schedule runs once, at start_time: a limit would mean nothing, and Slack's types forbid one.
  // (A frequency given but invalid has its own errors; it is not taken for a one-off.)
  if (frequency?.type === 'once' || input.frequency === undefined) {
    const fix = 'remove it, or give schedule.frequency a repeating type (hourly, daily, weekly, monthly or yearly)';
    if (input.end_time !== undefined) fail('.end_time', `is not allowed on a one-off schedule: ${fix}`);
    if (occurrenceCount !== undefined) fail('.occurrence_count', `is not allowed on a one-off schedule: ${fix}`);
  }
  if (start && end && timezone && resolveTime(end.time, timezone) <= resolveTime(start.time, timezone))
    fail('.end_time', `must be after start_time (${start.text}); got ${end.text}`);

  if (errors.length > 0 || !start || !timezone) return { errors };
  const schedule: Schedule = { start_time: start.text, timezone };
  if (frequency) schedule.frequency = frequency;
  if (end) schedule.end_time = end.text;
  if (occurrenceCount !== undefined) schedule.occurrence_count = occurrenceCount as number;
  return { schedule };
}

type Fail = (field: string, message: string) => void;

/** The zone's IANA name in its usual capitals; absent means UTC, as Slack defaults it. */
function readTimeZone(value: unknown, fail: Fail): string | undefined {
  if (value === undefined) return 'UTC';
  if (typeof value !== 'string') {
    fail('.timezone', `must be an IANA time zone name such as "America/New_York" (got ${JSON.stringify(value)})`);
    return undefined;
  }
  const zone = canonicalTimeZone(value);
  if (!zone) fail('.timezone', `"${value}" is not a known time zone: use an IANA name such as "America/New_York", "Europe/Berlin" or "UTC"`);
  return zone;
}

function readTime(value: unknown, field: string, required: boolean, fail: Fail): { text: string; time: TimeInput } | undefined {
  if (value === undefined) {
    if (required) fail(field, `is required: when the schedule first runs, as ISO-8601, e.g. ${EXAMPLE_TIME}`);
    return undefined;
  }
  const time = typeof value === 'string' ? parseTimeInput(value) : undefined;
  if (!time || typeof value !== 'string') {
    fail(field, `${JSON.stringify(value)} is not an ISO-8601 date-time: use e.g. ${EXAMPLE_TIME}`);
    return undefined;
  }
  return { text: value, time };
}

function readFrequency(value: unknown, fail: Fail): Frequency | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    fail('.frequency', `must be an object such as {"type": "daily"} (got ${JSON.stringify(value)})`);
    return undefined;
  }
  let problems = 0;
  const count: Fail = (field, message) => {
    problems++;
    fail(field, message);
  };
  const type = value.type;
  const known = typeof type === 'string' && (FREQUENCY_TYPES as readonly string[]).includes(type);
  if (type === undefined) count('.frequency.type', `is required: one of ${FREQUENCY_TYPES.join(', ')}`);
  else if (!known) count('.frequency.type', `${JSON.stringify(type)} is not a frequency: use one of ${FREQUENCY_TYPES.join(', ')}`);

  const repeatsEvery = value.repeats_every;
  if (repeatsEvery !== undefined && !(isPositiveInteger(repeatsEvery) && repeatsEvery <= MAX_REPEATS_EVERY))
    count(
      '.frequency.repeats_every',
      `must be a whole number from 1 to ${MAX_REPEATS_EVERY} (every how many ${known ? unitOf(type as FrequencyType) : 'periods'}); got ${JSON.stringify(repeatsEvery)}`,
    );

  const onDays = readDays(value.on_days, known ? (type as FrequencyType) : undefined, count);
  const weekNum = value.on_week_num;
  if (weekNum !== undefined) {
    if (!(WEEK_NUMS as readonly unknown[]).includes(weekNum))
      count('.frequency.on_week_num', `must be 1, 2, 3, 4 or -1 (the last week of the month); got ${JSON.stringify(weekNum)}`);
    else if (known && type !== 'monthly')
      count('.frequency.on_week_num', `only applies to a monthly schedule (this one is ${type}): remove it, or set frequency.type to "monthly"`);
  }

  if (!known || problems > 0) return undefined;
  const frequency: Frequency = { type: type as FrequencyType };
  if (repeatsEvery !== undefined) frequency.repeats_every = repeatsEvery as number;
  if (onDays) frequency.on_days = onDays;
  if (weekNum !== undefined) frequency.on_week_num = weekNum as WeekNum;
  return frequency;
}

function unitOf(type: FrequencyType): string {
  return { once: 'runs', hourly: 'hours', daily: 'days', weekly: 'weeks', monthly: 'months', yearly: 'years' }[type];
}

function readDays(value: unknown, type: FrequencyType | undefined, fail: Fail): Weekday[] | undefined {
  if (value === undefined) return undefined;
  const names = WEEKDAYS.join(', ');
  if (type !== undefined && type !== 'weekly' && type !== 'monthly') {
    fail('.frequency.on_days', `only applies to weekly and monthly schedules (this one is ${type}): remove it`);
    return undefined;
  }
  if (!Array.isArray(value)) {
    fail('.frequency.on_days', `must be a list of day names such as ["Monday", "Friday"] (got ${JSON.stringify(value)})`);
    return undefined;
  }
  let ok = true;
  value.forEach((day, i) => {
    if (!(WEEKDAYS as readonly unknown[]).includes(day)) {
      fail(`.frequency.on_days[${i}]`, `${JSON.stringify(day)} is not a day: use one of ${names} (capitalised, in English)`);
      ok = false;
    } else if (value.indexOf(day) !== i) {
      fail(`.frequency.on_days[${i}]`, `"${day}" is listed twice: list each day once`);
      ok = false;
    }
  });
  if (type === 'weekly' && value.length === 0) {
    fail('.frequency.on_days', `must list at least one day (${names}), or be left out to run on start_time's weekday`);
    ok = false;
  }
  if (type === 'monthly' && value.length !== 1) {
    fail(
      '.frequency.on_days',
      `must list exactly one day for a monthly schedule, e.g. ["Friday"] with on_week_num 1 for the first Friday (got ${value.length})`,
    );
    ok = false;
  }
  return ok ? (value as Weekday[]) : undefined;
}
