import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import { stringParam, type ParsedRequest } from '../http/index.js';
import { directoryCaller, requireScopes } from './caller.js';
import { cursorPosition, limitParam, nextCursor } from './listing-params.js';
import { channelObject } from './wire-objects.js';

/** Slack's conversation types and the read scope an app's token needs for each. */
const TYPE_SCOPES = { public_channel: 'channels:read', private_channel: 'groups:read', mpim: 'mpim:read', im: 'im:read' } as const;
type ConversationType = keyof typeof TYPE_SCOPES;

const isType = (t: string): t is ConversationType => Object.hasOwn(TYPE_SCOPES, t);

/** `types`, comma-joined: public_channel when absent, as on Slack; an unknown one is invalid_types. */
function typesParam(req: ParsedRequest): ConversationType[] {
  const raw = stringParam(req, 'types') ?? 'public_channel';
  const types = raw.split(',').map((t) => t.trim());
  if (!types.every(isType)) throw new MethodError('invalid_types');
  return types;
}

/**
 * The caller's team's channels of the asked types, oldest first, `limit` at a time (default 100, at most 1000).
 * `response_metadata.next_cursor` is always there, empty on the last page, as Slack sends it. The emulator keeps no
 * DM or group DM channels, so `im` and `mpim` add nothing; nothing is archived, so `exclude_archived` changes
 * nothing; there is no membership, so every channel of the team is listed, private ones included.
 */
function conversationsList(req: ParsedRequest, deps: EmulatorDeps) {
  const caller = directoryCaller(req, deps);
  const types = typesParam(req);
  requireScopes(caller, ...types.map((t) => TYPE_SCOPES[t]));
  const limit = limitParam(req, { fallback: 100, max: 1000 });
  const channels = deps.store.channels
    .ofTeam(caller.teamId)
    .filter((c) => (c.is_private ? types.includes('private_channel') : types.includes('public_channel')));
  const scope = ['list', caller.teamId, types.join(',')];
  const at = cursorPosition(req, scope);
  const from = at === undefined ? 0 : Number(at);
  const items = channels.slice(from, from + limit);
  const more = from + limit < channels.length;
  return { channels: items.map(channelObject), response_metadata: { next_cursor: more ? nextCursor(scope, String(from + limit)) : '' } };
}

export const listMethods = { 'conversations.list': conversationsList };
