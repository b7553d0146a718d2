import { formatActivity, matchesSearch } from '../../activity/format.js';
import { toActivity, type RawActivity } from '../../activity/query.js';
import type { Context } from '../../context/context.js';

export interface Printer {
  /** Writes activities, oldest first, and resolves once stdout can take more. */
  print(list: readonly RawActivity[]): Promise<void>;
  /** The --search filter, when there is one. */
  keep: ((a: RawActivity) => boolean) | undefined;
  /** How many were printed so far. */
  readonly count: number;
}

// Bounded chunks: one write per page keeps system calls few without building one huge string.
const CHUNK = 1000;

/** Human lines (local time, level colours on a terminal) or, with --json, one activity per line as the API returned it. */
export function createPrinter(ctx: Context, search: string | undefined): Printer {
  const timeZone = zoneOf(ctx.env.TZ);
  const paint = ctx.io.colors;
  const line = (a: RawActivity) => formatActivity(toActivity(a), { paint, timeZone });
  let count = 0;
  return {
    keep: search === undefined ? undefined : (a) => matchesSearch(toActivity(a), search, { timeZone }),
    async print(list) {
      for (let i = 0; i < list.length; i += CHUNK) {
        const part = list.slice(i, i + CHUNK);
        if (ctx.io.json) await ctx.io.jsonLines(part);
        else await ctx.io.outData(`${part.map(line).join('\n')}\n`);
        count += part.length;
      }
    },
    get count() {
      return count;
    },
  };
}

/**
 * The zone named by TZ when it is an IANA name the formatter can use; otherwise none, and
 * times are in the process's zone (which Node has already taken from TZ where it could).
 */
export function zoneOf(tz: string | undefined): string | undefined {
  if (!tz) return undefined;
  if (tz === 'UTC' || tz === 'Etc/UTC') return tz;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}
