import * as z from 'zod/mini';
import { isObject } from '../../lib/is-object.js';
import { ResponseMetadata } from './envelope.js';

const text = z.optional(z.string());
// A query string carries every value as text, so whoever reads one (the emulator, the tests) parses the numbers back.
const integer = z.optional(z.coerce.number().check(z.int()));

/**
 * `apps.activities.list` (contract §7.2, §12.4). Every filter is optional and left out
 * when unset; `min_date_created`/`max_date_created` are epoch microseconds, inclusive.
 * `cursor` and `sort_direction` are documented server parameters the official CLI never sends.
 */
export const AppsActivitiesListRequest = z.strictObject({
  app_id: z.string().check(z.minLength(1)),
  limit: integer,
  min_log_level: text,
  log_event_type: text,
  min_date_created: integer,
  max_date_created: integer,
  component_type: text,
  component_id: text,
  source: text,
  trace_id: text,
  team_id: text,
  sort_direction: z.optional(z.enum(['asc', 'desc'])),
  cursor: text,
});

/**
 * One activity (contract §7.3). Loose, and every field optional: the official CLI's own
 * fixtures carry only some of them, and --json prints each activity exactly as it came.
 */
export const ActivityRecord = z.looseObject({
  trace_id: text,
  level: text,
  event_type: text,
  source: text,
  component_type: text,
  component_id: text,
  payload: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  created: z.optional(z.number()),
});

export const AppsActivitiesListResponse = z.looseObject({ activities: z.array(ActivityRecord), response_metadata: z.optional(ResponseMetadata) });

const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

/**
 * Whether a body is a valid AppsActivitiesListResponse, checked without the copy that the schema's
 * parse makes of every activity: a page holds up to 1,000, and the copies cost a `--limit 0 --json`
 * listing 9 % of its time and a good part of its garbage. It holds exactly when the schema does
 * (activities.test.ts); when it does not, the schema is asked, for the error.
 */
export function isActivitiesPage(body: unknown): boolean {
  if (!isObject(body) || !Array.isArray(body.activities)) return false;
  if (body.response_metadata !== undefined && !ResponseMetadata.safeParse(body.response_metadata).success) return false;
  for (const a of body.activities) {
    if (!isObject(a)) return false;
    const { trace_id, level, event_type, source, component_type, component_id, payload, created } = a;
    if (!optionalString(trace_id) || !optionalString(level) || !optionalString(event_type) || !optionalString(source)) return false;
    if (!optionalString(component_type) || !optionalString(component_id)) return false;
    if (payload !== undefined && payload !== null && !isObject(payload)) return false;
    if (created !== undefined && typeof created !== 'number') return false;
  }
  return true;
}
