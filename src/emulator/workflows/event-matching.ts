import { EVENT_TYPES, EVENT_TYPE_PREFIX, knownEventName } from '../../lib/trigger-rules/context-data.js';
import { filterPasses } from '../../lib/trigger-rules/evaluate-filter.js';
import { isObject } from '../../lib/is-object.js';
import type { EmulatorDeps, PlatformEvent } from '../deps.js';
import { eventTriggers, type TriggerRow } from '../triggers/index.js';

export { EVENT_TYPE_PREFIX };

/**
 * The team's event triggers that an event starts, oldest first: same team (another team's trigger never
 * fires), same event type, listening where it happened, and passing the trigger's filter.
 *  - A channel event happens in `data.channel_id`: the trigger lists it in `channel_ids`, or has
 *    `all_resources: true`, which the emulator takes as every channel of the team but direct messages.
 *  - A workspace event happens in the team: `team_ids`, when given (Enterprise Grid), must name it.
 *  - message_metadata_posted also needs the trigger's `metadata_event_type` to be the metadata's `event_type`.
 */
export function matchingTriggers(deps: Pick<EmulatorDeps, 'store'>, event: PlatformEvent, at: number): TriggerRow[] {
  const info = EVENT_TYPES[event.name];
  if (!info) return [];
  const trip = { data: event.data, event_timestamp: Math.floor(at / 1000) };
  return eventTriggers(deps).filter((trigger) => {
    const def = trigger.definition.event;
    if (trigger.team_id !== event.teamId || !def || knownEventName(def.event_type) !== event.name) return false;
    if (info.scope === 'channel' && !listensIn(def, event.data)) return false;
    if (info.scope === 'workspace' && Array.isArray(def.team_ids) && !def.team_ids.includes(event.teamId)) return false;
    if (event.name === 'message_metadata_posted' && !metadataMatches(def.metadata_event_type, event.data.metadata)) return false;
    return def.filter === undefined || filterPasses(def.filter, trip);
  });
}

function listensIn(def: Record<string, unknown>, data: Record<string, unknown>): boolean {
  if (def.all_resources === true) return typeof data.channel_id === 'string' && data.channel_type !== 'im';
  return Array.isArray(def.channel_ids) && def.channel_ids.includes(data.channel_id);
}

function metadataMatches(wanted: unknown, metadata: unknown): boolean {
  return typeof wanted !== 'string' || (isObject(metadata) && metadata.event_type === wanted);
}
