// When a scheduled trigger runs next: the occurrences of its schedule after a given instant, computed
// without walking the runs already past (a trigger started years ago costs what a new one does).
import { civilFromDays, daysFromCivil } from './civil.js';
import { parseTimeInput, resolveTime } from './iso-time.js';
import { dateRule, LAST_YEAR } from './rules.js';
import { instantOf, wallAsUtc, wallClockAt } from './time-zone.js';
import type { Schedule } from './types.js';

const HOUR_MS = 3_600_000;
/** The end of LAST_YEAR: no run is computed past it. */
const LAST_INSTANT = wallAsUtc({ year: LAST_YEAR, month: 12, day: 31, hour: 23, minute: 59, second: 59, millisecond: 999 });

/**
 * The next `count` runs of a schedule strictly after `after`, earliest first. Fewer, or none, once the schedule
 * is exhausted: past end_time, or occurrence_count runs done. What a run is:
 * - start_time is always the first run, whether or not it falls on an on_days day (Slack documents start_time as
 *   "when this scheduled trigger should first occur"; RFC 5545 counts DTSTART as the first instance too), and it
 *   counts towards occurrence_count;
 * - later runs are at start_time's wall-clock time of day in the schedule's time zone, on the dates the frequency
 *   names (rules.ts): a daily 09:00 schedule in Europe/London runs at 09:00 local both sides of a clock change.
 *   A time that does not exist that day moves forward by the gap; one that happens twice runs at the first
 *   (time-zone.ts `instantOf`);
 * - hourly runs are every N real hours from start_time (3,600 s each), so clock changes neither skip nor double
 *   a run: a 01:30 run is followed by 02:30 local on most days, by 03:30 on a spring-forward night and by the
 *   second 01:30 on a fall-back night;
 * - end_time is inclusive: a run exactly at end_time happens ("will not run past" it, Slack's docs say).
 * `schedule` must come from `validateSchedule`.
 */
export function nextRuns(schedule: Schedule, after: Date, count = 1): Date[] {
  const zone = schedule.timezone;
  const startInput = parseTimeInput(schedule.start_time);
  if (!startInput) throw new TypeError(`nextRuns: start_time ${JSON.stringify(schedule.start_time)} was not validated`);
  const endInput = schedule.end_time === undefined ? undefined : parseTimeInput(schedule.end_time);
  const start = resolveTime(startInput, zone);
  const end = endInput ? Math.min(resolveTime(endInput, zone), LAST_INSTANT) : LAST_INSTANT;
  const lastRun = schedule.occurrence_count ?? Number.POSITIVE_INFINITY;
  const afterMs = after.getTime();
  const runs: number[] = [];
  if (!(count >= 1) || Number.isNaN(afterMs)) return [];

  /** Considers the `run`-th run (1-based) at `instant`; false once no later run can be wanted. */
  const offer = (instant: number, run: number): boolean => {
    if (run > lastRun || instant > end) return false;
    // A date a zone skipped outright (Pacific/Apia lost 30 December 2011) lands on the next day's run: once only.
    if (instant > afterMs && instant > (runs.at(-1) ?? Number.NEGATIVE_INFINITY)) runs.push(instant);
    return runs.length < count;
  };
  const done = () => runs.map((t) => new Date(t));

  if (!offer(start, 1)) return done();
  const frequency = schedule.frequency;
  if (!frequency || frequency.type === 'once') return done();

  if (frequency.type === 'hourly') {
    const step = (frequency.repeats_every ?? 1) * HOUR_MS;
    // Jump straight to the first step after `after`: run k + 1 is start_time + k steps.
    for (let k = Math.max(1, Math.floor((afterMs - start) / step) + 1); offer(start + k * step, k + 1); k++);
    return done();
  }

  // The wall clock start_time was written in; for an instant, what the zone's clocks showed then. (A written
  // 02:30 on a spring-forward day first runs at 03:30, and at 02:30 on the days after.)
  const anchor = startInput.kind === 'wall' ? startInput.wall : wallClockAt(start, zone);
  const rule = dateRule(frequency, daysFromCivil(anchor.year, anchor.month, anchor.day));
  const afterWall = wallClockAt(Math.max(afterMs, start), zone);
  // From the day before `after`'s local date: a clock change moves a run off its date by hours at most, and
  // looking at one period more costs nothing.
  let k = Math.max(0, rule.periodOf(daysFromCivil(afterWall.year, afterWall.month, afterWall.day) - 1));
  let run = 2 + rule.countBefore(k);
  for (let dates = rule.datesIn(k); dates; dates = rule.datesIn(++k)) {
    for (const day of dates) {
      const instant = instantOf({ ...anchor, ...civilFromDays(day) }, zone);
      if (!offer(instant, run++)) return done();
    }
  }
  return done();
}
