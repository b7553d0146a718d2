import { isObject } from '../../lib/is-object.js';
import { EVENT_TYPES, EVENT_TYPE_PREFIX } from '../../lib/trigger-rules/context-data.js';
import { findChannel, findTeam } from '../directory/index.js';
import type { EmulatorDeps, PlatformEvent } from '../deps.js';
import { findMessage } from '../messages/index.js';
import { channelType } from './message-events.js';

/**
 * The data fields an event posted through the control endpoint must carry: what says who did what where.
 * Anything else of the type's `{{data.*}}` may be given; what the emulator can tell itself (the channel's type
 * and name, a reacted-to message's link) it fills in when left out.
 */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  app_mentioned: ['channel_id', 'user_id', 'text'],
  message_posted: ['channel_id', 'user_id', 'text'],
  message_metadata_posted: ['channel_id', 'user_id', 'metadata'],
  reaction_added: ['channel_id', 'user_id', 'reaction', 'message_ts'],
  reaction_removed: ['channel_id', 'user_id', 'reaction', 'message_ts'],
  pin_added: ['channel_id', 'user_id', 'message_ts'],
  pin_removed: ['channel_id', 'user_id', 'message_ts'],
  channel_created: ['channel_id', 'channel_name', 'creator_id'],
  dnd_updated: ['user_id', 'dnd_status'],
  emoji_changed: ['subtype'],
  user_joined_team: ['user'],
};

/** The other types need who did it, when they say who. */
const defaultRequired = (fields: readonly string[]) => fields.filter((k) => k === 'user_id');

/** message_posted's `message_ts` is the one the message log gives the message it records. */
const MADE_BY_THE_EMULATOR: Readonly<Record<string, readonly string[]>> = { message_posted: ['message_ts', 'app_id'] };

export type EventRequest = { ok: true; event: PlatformEvent } | { ok: false; status: 400 | 404; error: string; message: string };

const bad = (error: string, message: string): EventRequest => ({ ok: false, status: 400, error, message });

/** Checks `{team_id?, type, data}` of POST /__emulator/events: the type, the team, and the data fields the type needs. */
export function readEventRequest(deps: EmulatorDeps, params: Record<string, unknown>): EventRequest {
  const names = Object.keys(EVENT_TYPES);
  const type = typeof params.type === 'string' ? params.type.replace(EVENT_TYPE_PREFIX, '') : '';
  if (!type) return bad('invalid_arguments', `type is needed: one of ${names.join(', ')}`);
  const info = EVENT_TYPES[type];
  if (!info) return bad('invalid_event_type', `type ${JSON.stringify(params.type)} is not an event type rosi knows: use one of ${names.join(', ')}`);

  const teamId = params.team_id === undefined ? deps.team.id : params.team_id;
  if (typeof teamId !== 'string' || !findTeam(deps.store, teamId)) {
    return { ok: false, status: 404, error: 'team_not_found', message: `team_id ${JSON.stringify(teamId)} is not a team of the emulator` };
  }
  const given = params.data ?? {};
  if (!isObject(given)) return bad('invalid_arguments', 'data must be a JSON object of the event fields, e.g. {"channel_id": "C0GENERAL", ...}');

  const takes = info.data.filter((k) => !MADE_BY_THE_EMULATOR[type]?.includes(k));
  const unknown = Object.keys(given).filter((k) => !takes.includes(k));
  if (unknown.length > 0) return bad('invalid_arguments', `data.${unknown.join(', data.')} is not a field of ${type}: it takes ${takes.join(', ')}`);
  if (given.event_type !== undefined && given.event_type !== `${EVENT_TYPE_PREFIX}${type}`) {
    return bad('invalid_arguments', `data.event_type must be "${EVENT_TYPE_PREFIX}${type}" (or left out)`);
  }
  const required = [...new Set([...(info.scope === 'channel' ? ['channel_id'] : []), ...(REQUIRED[type] ?? defaultRequired(info.data))])];
  const missing = required.filter((k) => given[k] === undefined || given[k] === null || given[k] === '');
  if (missing.length > 0) return bad('invalid_arguments', `${type} needs data.${missing.join(', data.')}`);
  const textual = [...required.filter((k) => k !== 'metadata' && k !== 'user'), ...Object.keys(given).filter((k) => /_(id|ts)$/.test(k))];
  const notText = [...new Set(textual)].filter((k) => typeof given[k] !== 'string');
  if (notText.length > 0) return bad('invalid_arguments', `data.${notText.join(', data.')} must be a string`);

  const data: Record<string, unknown> = { ...given };
  if (info.scope === 'channel') {
    const channelId = String(given.channel_id);
    const channel = findChannel(deps.store, teamId, channelId);
    if (!channel) return bad('channel_not_found', `data.channel_id ${channelId} is not a channel of team ${teamId} (GET /__emulator/channels lists them)`);
    if (takes.includes('channel_type')) data.channel_type ??= channelType(deps, teamId, channelId);
    if (takes.includes('channel_name')) data.channel_name ??= channel.name;
  }
  if (type === 'message_posted' && given.thread_ts !== undefined) {
    const parent = findMessage(deps, teamId, String(given.channel_id), String(given.thread_ts));
    if (!parent) return bad('thread_not_found', `data.thread_ts ${JSON.stringify(given.thread_ts)} names no message in ${String(given.channel_id)}`);
  }
  if (type === 'reaction_added') {
    const channelId = String(given.channel_id);
    const ts = String(given.message_ts);
    data.message_context ??= { channel_id: channelId, message_ts: ts };
    data.message_link ??= `${deps.origin()}/archives/${channelId}/p${ts.replace('.', '')}`;
  }
  return { ok: true, event: { name: type, teamId, data } };
}
