import type { ResponseOf } from '../../api/methods.js';
import type { StoredActivity } from './activities-store.js';

/**
 * A stored activity in the wire shape (contract §7.3); the internal id stays inside the cursor. `payload` is the
 * payload's JSON text to send, the stored one unless a reader (the console) took secrets out of it.
 */
export function wireActivity(r: StoredActivity, payload = r.payload) {
  return {
    trace_id: r.trace_id,
    level: r.level,
    event_type: r.event_type,
    source: r.source,
    component_type: r.component_type,
    component_id: r.component_id,
    payload: JSON.parse(payload) as Record<string, unknown>,
    created: r.created,
  } satisfies ResponseOf<'apps.activities.list'>['activities'][number];
}
