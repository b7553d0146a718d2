import { nextRuns, type Schedule } from '../../lib/schedule/index.js';

/** Occurrences asked of nextRuns at a time: a long gap is walked in pieces, never all at once. */
const CHUNK = 500;

/**
 * The last `keep` occurrences of a schedule strictly after `after` and at or before `until`, earliest first.
 * Walks every occurrence in between (cheap: a ten-year gap of an hourly schedule is 87,600 dates) and keeps
 * only the latest, so what fires after a long gap is what is nearest the clock's new time.
 */
export function dueOccurrences(schedule: Schedule, after: number, until: number, keep: number): number[] {
  const kept: number[] = [];
  if (keep < 1 || until <= after) return kept;
  let cursor = after;
  for (;;) {
    const runs = nextRuns(schedule, new Date(cursor), CHUNK);
    for (const run of runs) {
      const at = run.getTime();
      if (at > until) return kept;
      kept.push(at);
      if (kept.length > keep) kept.shift();
    }
    const last = runs.at(-1);
    if (runs.length < CHUNK || last === undefined) return kept;
    cursor = last.getTime();
  }
}

/** The first occurrence strictly after `after`, if the schedule has one. */
export function nextOccurrence(schedule: Schedule, after: number): number | undefined {
  return nextRuns(schedule, new Date(after))[0]?.getTime();
}
