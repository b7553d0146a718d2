import * as z from 'zod/mini';
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
