import { createHash } from 'node:crypto';
import type { RawActivity } from './query.js';

/**
 * What the tail has printed: the newest `created` (the mark) and, for the activities at
 * the mark, how many times each was printed. Activities carry no ID, so each is known by a
 * hash of its content; two identical activities in one microsecond are two activities,
 * hence counts rather than a set. Every poll asks from the mark inclusive, so the mark only
 * moves with printed activities and nothing after it can be skipped. The price is that each
 * poll reads the activities at the mark again: few, unless a burst shares its last microsecond.
 */
export class HighWater {
  private mark: number | undefined;
  private printed = new Map<string, number>();
  /** How many activities have been new so far, over every pass. */
  accepted = 0;

  /** The lower bound for the next poll. */
  from(floor: number | undefined): number | undefined {
    if (this.mark === undefined) return floor;
    return floor === undefined ? this.mark : Math.max(this.mark, floor);
  }

  /**
   * Starts one pass over activities from the mark, oldest first; the function it returns
   * says whether an activity is new (and records it as printed).
   */
  pass(): (a: RawActivity) => boolean {
    const counts = new Map<string, number>();
    return (a) => {
      const created = a.created ?? 0;
      if (this.mark !== undefined && created < this.mark) return false;
      if (this.mark === undefined || created > this.mark) {
        this.mark = created;
        this.printed = new Map();
        counts.clear();
      }
      const key = contentKey(a);
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (n <= (this.printed.get(key) ?? 0)) return false;
      this.printed.set(key, n);
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
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
