import * as z from 'zod/mini';
import { parseTimeBound } from '../../activity/since.js';
import { LEVELS } from '../../activity/types.js';
import { parsedFlag } from '../../kit/parse-options.js';

/** A flag value that must be a number in a range: `--interval 0.5`, `--limit 0`. */
export function numberFlag(o: { whole: boolean; min: number; exclusive?: boolean; what: string }) {
  return parsedFlag(
    (s) => {
      const n = Number(s);
      const ok = s.trim() !== '' && Number.isFinite(n) && (!o.whole || Number.isInteger(n)) && (o.exclusive ? n > o.min : n >= o.min);
      return ok ? n : undefined;
    },
    (s) => `"${s}" is not ${o.what}`,
  );
}

export const Level = z.enum(LEVELS, `use one of ${LEVELS.join(', ')}`);

/** `--since`/`--until`: checked here, turned into microseconds against the clock when the command runs. */
export const TimeBound = z.string().check(
  z.refine((s) => parseTimeBound(s, new Date(0)) !== undefined, {
    message: 'use a duration such as 15m, 2h or 7d, or an ISO-8601 time such as 2026-11-28T09:00:00Z',
  }),
);

export const Text = z.string().check(z.minLength(1, 'give a value'));
