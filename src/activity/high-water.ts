import { createHash } from 'node:crypto';
import type { RawActivity } from './query.js';

/**
 * What the tail has printed: the newest `created` seen (the mark) and, for every activity
 * created within `windowUs` behind it, how many times it was printed. Activities carry no
 * ID, so each is known by a hash of its content (which includes `created`); two identical
 * activities in one microsecond are two activities, hence counts rather than a set.
 *
 * Every poll reads again from `mark - windowUs`, inclusive: an activity that reaches the log
 * late, with a `created` older than what was already printed, is still printed if it falls
 * inside the window, and the counts keep everything else from printing twice. The price is
 * that each poll re-reads the window; an activity that arrives later than the window is lost.
 */
export class HighWater {
  private mark: number | undefined;
  private printed = new Map<string, { created: number; n: number }>();
  /** How many activities have been new so far, over every pass. */
  accepted = 0;

  constructor(private readonly windowUs: number) {}

  /** The lower bound for the next poll. */
  from(floor: number | undefined): number | undefined {
    if (this.mark === undefined) return floor;
    const low = this.mark - this.windowUs;
    return floor === undefined ? low : Math.max(low, floor);
  }

  /**
   * Starts one pass over every activity from `from()` onwards, oldest first; the function
   * it returns says whether an activity is new (and records it as printed). Counts start
   * from zero in each pass, as each pass reads the whole window again.
   */
  pass(): (a: RawActivity) => boolean {
    const low = this.mark === undefined ? undefined : this.mark - this.windowUs;
    // What fell out of the window is never read again: forget it.
    if (low !== undefined) for (const [key, p] of this.printed) if (p.created < low) this.printed.delete(key);
    const counts = new Map<string, number>();
    return (a) => {
      const created = a.created ?? 0;
      if (low !== undefined && created < low) return false;
      if (this.mark === undefined || created > this.mark) this.mark = created;
      const key = contentKey(a);
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (n <= (this.printed.get(key)?.n ?? 0)) return false;
      this.printed.set(key, { created, n });
      this.accepted++;
      return true;
    };
  }
}

/** A hash of the activity's content, independent of the order its keys arrive in. */
export function contentKey(a: RawActivity): string {
  return createHash('sha1').update(canonical(a)).digest('base64');
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
