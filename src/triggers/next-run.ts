// When a scheduled trigger runs next, in the user's time zone: what `rosi trigger list` shows beside it.
import type { DeployedTrigger } from '../api/schemas/triggers.js';
import { canonicalTimeZone, nextRuns, validateSchedule, wallClockAt } from '../lib/schedule/index.js';

/** The next run of a scheduled trigger: a time, `null` once the schedule has ended, or `unknown` for a schedule rosi cannot read. */
export type NextRun = Date | null | 'unknown';

/** The next run strictly after `now`, computed from the trigger's `schedule` as lib/schedule reads it. */
export function nextRunOf(trigger: Pick<DeployedTrigger, 'schedule'>, now: Date): NextRun {
  const checked = validateSchedule(trigger.schedule);
  if (!('schedule' in checked)) return 'unknown';
  return nextRuns(checked.schedule, now)[0] ?? null;
}

/**
 * The user's time zone: `TZ` when it names one (Node reads it at start-up too, but a child of a test or a
 * wrapper may set it later), else the one Intl reports for this machine.
 */
export function localTimeZone(env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env.TZ ? canonicalTimeZone(env.TZ.replace(/^:/, '')) : undefined;
  return fromEnv ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

/** An instant as ISO-8601 with the zone's offset: `2026-03-02T09:00:00+01:00`. */
export function isoInZone(at: Date, zone: string): string {
  const p = parts(at, zone);
  return `${p.date}T${p.time}:${p.second}${p.offset}`;
}

/** An instant as a person reads it in the zone, with the offset: `2026-03-02 09:00 +01:00`. */
export function shortInZone(at: Date, zone: string): string {
  const p = parts(at, zone);
  return `${p.date} ${p.time} ${p.offset}`;
}

const two = (n: number) => String(n).padStart(2, '0');

function parts(at: Date, zone: string): { date: string; time: string; second: string; offset: string } {
  const ms = at.getTime();
  const w = wallClockAt(ms, zone);
  const wallMs = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const minutes = Math.round((wallMs - (ms - w.millisecond)) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return {
    date: `${String(w.year).padStart(4, '0')}-${two(w.month)}-${two(w.day)}`,
    time: `${two(w.hour)}:${two(w.minute)}`,
    second: two(w.second),
    offset: `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`,
  };
}
