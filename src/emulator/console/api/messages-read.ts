import type { EmulatorDeps } from '../../deps.js';
import { findChannel, isTopLevel, messageObject, type LoggedMessage } from '../../directory/index.js';
import { ConsoleError } from '../reply.js';
import { appName } from './app-view.js';

/** A message as the messages page shows it: conversations.history's object, with when it was posted and where its trace is. */
export type ShownMessage = Record<string, unknown> & { posted_at: number; trace_id: string | null; app_name: string | null };

export interface MessagesPage {
  channel: { id: string; name: string | null };
  /** Top-level messages and thread parents, newest first, each with its replies oldest first. */
  messages: (ShownMessage & { replies: ShownMessage[] })[];
  /** The `before` of the next page (older messages), null on the last. */
  next_before: string | null;
}

/** A message's ts, as the log makes them: seconds, a dot, six digits. */
const TS = /^\d{1,12}\.\d{6}$/;

/** Rows read from the log at a time while looking for top-level messages (replies between them are passed over). */
const CHUNK = 200;

/**
 * A page of a channel's messages, newest first, `limit` top-level ones strictly before `before`: read from the
 * message log a chunk at a time over its index, never the whole channel, and shown as conversations.history
 * shows them (`messageObject`; only the team's own messages, threads under their parent as `isTopLevel` says).
 */
export function messagesPage(deps: EmulatorDeps, teamId: string, channelId: string, before: string | undefined, limit: number): MessagesPage {
  if (before !== undefined && !TS.test(before)) {
    throw new ConsoleError(400, 'invalid_before', `before=${before} is not a message ts.`, {
      hint: 'Pass the next_before of the previous page, e.g. before=1767225600.000100.',
    });
  }
  const channel = findChannel(deps.store, teamId, channelId);
  if (!channel && !channelId.startsWith('D')) {
    throw new ConsoleError(404, 'channel_not_found', `The team ${teamId} has no channel ${channelId}.`, {
      hint: 'GET /__console/api/messages/channels lists the team’s channels.',
    });
  }
  const found: LoggedMessage[] = [];
  let cursor = before;
  for (;;) {
    const rows = deps.store.messages.newestBefore(channelId, cursor, CHUNK);
    for (const m of rows) if (m.team_id === teamId && isTopLevel(m)) found.push(m);
    if (found.length > limit || rows.length < CHUNK) break;
    cursor = rows.at(-1)?.ts;
  }
  const shown = found.slice(0, limit);
  const replies = deps.store.messages.repliesTo(
    channelId,
    shown.map((m) => m.ts),
  );
  return {
    channel: { id: channelId, name: channel?.name ?? null },
    messages: shown.map((m) => {
      const thread = [m, ...replies.filter((r) => r.thread_ts === m.ts && r.team_id === teamId)];
      return { ...shownMessage(m, thread, deps), replies: thread.slice(1).map((r) => shownMessage(r, thread, deps)) };
    }),
    next_before: found.length > limit ? (shown.at(-1)?.ts ?? null) : null,
  };
}

function shownMessage(m: LoggedMessage, thread: LoggedMessage[], deps: EmulatorDeps): ShownMessage {
  const execution = m.workflow_execution_id === null ? undefined : deps.store.workflows.workflow(m.workflow_execution_id);
  const app = m.app_id === null ? undefined : deps.store.apps.get(m.app_id);
  return { ...messageObject(m, thread, deps), posted_at: m.posted_at, trace_id: execution?.trace_id ?? null, app_name: app ? appName(app) : null };
}
