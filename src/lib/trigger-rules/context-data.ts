// What each trigger type can hand its workflow as `{{…}}` references, from the Deno SDK's trigger context data
// (deno-slack-api `TriggerContextData` and `event-data/*.ts`). Only the first key after `data.` is checked:
// deeper paths (`{{data.interactivity.interactor.id}}`, `{{data.invite.inviting_user.name}}`) go into objects
// whose insides Slack owns.
import type { TriggerType } from './types.js';

/** Every trigger provides the time it was tripped. */
export const EVENT_TIMESTAMP = 'event_timestamp';

export const SHORTCUT_DATA = ['user_id', 'channel_id', 'message_ts', 'location', 'bookmark_id', 'action_id', 'block_id', 'interactivity'] as const;
export const SCHEDULED_DATA = ['user_id'] as const;

/**
 * Channel events listen in `channel_ids` (or every channel, `all_resources: true`); workspace events in the
 * whole workspace (`team_ids` on Enterprise Grid). Each lists the `data` keys its payload has.
 */
export const EVENT_TYPES: Readonly<Record<string, { scope: 'channel' | 'workspace'; data: readonly string[] }>> = {
  app_mentioned: { scope: 'channel', data: ['app_id', 'channel_id', 'channel_name', 'channel_type', 'event_type', 'message_ts', 'text', 'user_id'] },
  channel_shared: { scope: 'channel', data: ['channel_id', 'channel_name', 'channel_type', 'connected_team_id', 'event_type'] },
  channel_unshared: {
    scope: 'channel',
    data: ['channel_id', 'channel_name', 'channel_type', 'disconnected_team_id', 'event_type', 'is_ext_shared'],
  },
  message_metadata_posted: { scope: 'channel', data: ['app_id', 'channel_id', 'event_type', 'message_ts', 'metadata', 'user_id'] },
  message_posted: { scope: 'channel', data: ['app_id', 'channel_id', 'channel_type', 'event_type', 'message_ts', 'text', 'thread_ts', 'user_id'] },
  pin_added: { scope: 'channel', data: ['channel_id', 'channel_name', 'channel_type', 'event_type', 'message_ts', 'user_id'] },
  pin_removed: { scope: 'channel', data: ['channel_id', 'channel_name', 'channel_type', 'event_type', 'message_ts', 'user_id'] },
  reaction_added: {
    scope: 'channel',
    data: ['channel_id', 'event_type', 'item_user', 'message_context', 'message_link', 'message_ts', 'parent_message_link', 'reaction', 'user_id'],
  },
  reaction_removed: { scope: 'channel', data: ['channel_id', 'event_type', 'message_ts', 'reaction', 'user_id'] },
  user_joined_channel: { scope: 'channel', data: ['channel_id', 'channel_type', 'event_type', 'user_id'] },
  user_left_channel: { scope: 'channel', data: ['channel_id', 'channel_type', 'event_type', 'user_id'] },
  channel_archived: { scope: 'workspace', data: ['channel_id', 'channel_name', 'channel_type', 'event_type', 'user_id'] },
  channel_created: { scope: 'workspace', data: ['channel_id', 'channel_name', 'channel_type', 'created', 'creator_id', 'event_type'] },
  channel_deleted: { scope: 'workspace', data: ['channel_id', 'channel_name', 'channel_type', 'event_type', 'user_id'] },
  channel_renamed: { scope: 'workspace', data: ['channel_id', 'channel_name', 'channel_type', 'event_type', 'user_id'] },
  channel_unarchived: { scope: 'workspace', data: ['channel_id', 'channel_name', 'channel_type', 'event_type', 'user_id'] },
  dnd_updated: { scope: 'workspace', data: ['dnd_status', 'event_type', 'user_id'] },
  emoji_changed: { scope: 'workspace', data: ['event_type', 'name', 'names', 'new_name', 'old_name', 'subtype', 'value'] },
  shared_channel_invite_accepted: {
    scope: 'workspace',
    data: ['accepting_user', 'approval_required', 'channel_id', 'channel_name', 'channel_type', 'event_type', 'invite', 'teams_in_channel'],
  },
  shared_channel_invite_approved: {
    scope: 'workspace',
    data: ['approving_team_id', 'approving_user', 'channel_id', 'channel_name', 'channel_type', 'event_type', 'invite', 'teams_in_channel'],
  },
  shared_channel_invite_declined: {
    scope: 'workspace',
    data: ['channel_id', 'channel_name', 'channel_type', 'declining_team_id', 'declining_user', 'event_type', 'invite', 'teams_in_channel'],
  },
  shared_channel_invite_received: { scope: 'workspace', data: ['channel_id', 'channel_name', 'channel_type', 'event_type', 'invite'] },
  user_joined_team: { scope: 'workspace', data: ['event_type', 'user'] },
};

export const EVENT_TYPE_PREFIX = 'slack#/events/';

/** The event's name without `slack#/events/`, when it is one rosi knows. */
export function knownEventName(eventType: unknown): string | undefined {
  if (typeof eventType !== 'string' || !eventType.startsWith(EVENT_TYPE_PREFIX)) return undefined;
  const name = eventType.slice(EVENT_TYPE_PREFIX.length);
  return Object.hasOwn(EVENT_TYPES, name) ? name : undefined;
}

/**
 * The `data` keys a trigger can provide: a list, or `'any'` for a webhook, whose data is the JSON body it is sent.
 * Undefined for an event trigger whose event type is not known (that has its own error).
 */
export function providedData(type: TriggerType, eventName: string | undefined): readonly string[] | 'any' | undefined {
  switch (type) {
    case 'shortcut':
      return SHORTCUT_DATA;
    case 'scheduled':
      return SCHEDULED_DATA;
    case 'webhook':
      return 'any';
    case 'event':
      return eventName === undefined ? undefined : EVENT_TYPES[eventName]?.data;
  }
}
