import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import { boolParam, stringParam, type ParsedRequest } from '../http/index.js';
import { directoryCaller, requireScopes, type DirectoryCaller } from './caller.js';
import { cursorPosition, limitParam, nextCursor } from './listing-params.js';
import { findChannel } from './lookups.js';
import { isTopLevel, messageObject, type LoggedMessage } from './message-objects.js';
import { tsMicros, tsParam } from './message-ts.js';

/*
 * conversations.history and conversations.replies over the emulator's message log: what workflows posted
 * (send_message, send_dm, reply_in_thread). Nobody else posts in the emulator, so a channel's history is
 * exactly that. The log is read whole per call and paged here; a channel in the emulator holds what tests
 * and a developer's runs post, not years of chat.
 */

/** Slack's numbers: history pages 100 by default, replies 1000; neither takes more than 1000. */
const HISTORY_LIMIT = { fallback: 100, max: 1000 };
const REPLIES_LIMIT = { fallback: 1000, max: 1000 };

interface ReadChannel {
  id: string;
  /** The read scope an app's token needs for it, by kind, as on Slack. */
  scope: 'channels:history' | 'groups:history' | 'im:history';
  messages: LoggedMessage[];
}

/**
 * The channel a caller reads: one of its team's channels, or a DM (`D…`) an app of its team posted to (the
 * emulator keeps no DM channels; a DM exists once something was sent there). Anything else, another team's
 * included, is channel_not_found.
 */
function readChannel(req: ParsedRequest, deps: EmulatorDeps, caller: DirectoryCaller): ReadChannel {
  const id = stringParam(req, 'channel');
  if (id === undefined) throw new MethodError('invalid_arguments');
  const mine = (ms: LoggedMessage[]) => ms.filter((m) => m.team_id === caller.teamId);
  const channel = findChannel(deps.store, caller.teamId, id);
  if (channel) return { id, scope: channel.is_private ? 'groups:history' : 'channels:history', messages: mine(deps.store.messages.inChannel(id)) };
  const dm = id.startsWith('D') ? mine(deps.store.messages.inChannel(id)) : [];
  if (dm.length) return { id, scope: 'im:history', messages: dm };
  throw new MethodError('channel_not_found');
}

/** Whether a ts is inside `oldest`..`latest`; the bounds count only with `inclusive`, as on Slack. */
function inRange(req: ParsedRequest): (m: LoggedMessage) => boolean {
  const oldest = tsParam(req, 'oldest');
  const latest = tsParam(req, 'latest');
  const inclusive = boolParam(req, 'inclusive');
  return (m) => {
    const t = tsMicros(m.ts) ?? 0;
    if (oldest !== undefined && (inclusive ? t < oldest : t <= oldest)) return false;
    if (latest !== undefined && (inclusive ? t > latest : t >= latest)) return false;
    return true;
  };
}

/** A page of `ordered` after the cursor's ts (exclusive), and the cursor of the next page when there is more. */
function page(req: ParsedRequest, ordered: LoggedMessage[], scope: string[], limit: number, newestFirst: boolean) {
  const at = cursorPosition(req, scope);
  const from = at === undefined ? 0 : ordered.findIndex((m) => (newestFirst ? m.ts < at : m.ts > at));
  const rest = from === -1 ? [] : ordered.slice(from);
  const items = rest.slice(0, limit);
  const last = items[items.length - 1];
  const hasMore = rest.length > limit && last !== undefined;
  return { items, hasMore, ...(hasMore ? { response_metadata: { next_cursor: nextCursor(scope, last.ts) } } : {}) };
}

/** Top-level messages and thread parents, newest first (replies are conversations.replies'), `limit` at a time. */
function conversationsHistory(req: ParsedRequest, deps: EmulatorDeps) {
  const caller = directoryCaller(req, deps);
  const channel = readChannel(req, deps, caller);
  requireScopes(caller, channel.scope);
  const limit = limitParam(req, HISTORY_LIMIT);
  const wanted = inRange(req);
  // Every ts in the log has six decimals and the same number of digits before the dot, so they order as strings.
  const newestFirst = channel.messages.filter((m) => isTopLevel(m) && wanted(m)).reverse();
  const p = page(req, newestFirst, ['history', caller.teamId, channel.id], limit, true);
  return {
    messages: p.items.map((m) => messageObject(m, channel.messages, deps)),
    has_more: p.hasMore,
    pin_count: 0,
    ...(p.response_metadata ? { response_metadata: p.response_metadata } : {}),
  };
}

/** A thread, oldest first: its parent, then the replies. `ts` may name the parent or any reply. */
function conversationsReplies(req: ParsedRequest, deps: EmulatorDeps) {
  const caller = directoryCaller(req, deps);
  const channel = readChannel(req, deps, caller);
  requireScopes(caller, channel.scope);
  const ts = stringParam(req, 'ts');
  if (ts === undefined) throw new MethodError('invalid_arguments');
  const asked = tsMicros(ts);
  const found = channel.messages.find((m) => tsMicros(m.ts) === asked);
  if (!found) throw new MethodError('thread_not_found');
  const parentTs = found.thread_ts ?? found.ts;
  const limit = limitParam(req, REPLIES_LIMIT);
  const wanted = inRange(req);
  const thread = channel.messages.filter((m) => (m.ts === parentTs || m.thread_ts === parentTs) && wanted(m));
  const p = page(req, thread, ['replies', caller.teamId, channel.id, parentTs], limit, false);
  return {
    messages: p.items.map((m) => messageObject(m, channel.messages, deps)),
    has_more: p.hasMore,
    ...(p.response_metadata ? { response_metadata: p.response_metadata } : {}),
  };
}

export const historyMethods = {
  'conversations.history': conversationsHistory,
  'conversations.replies': conversationsReplies,
};
