import { findChannel } from '../directory/index.js';
import type { EmulatorDeps } from '../deps.js';
import { appBotUserId } from '../ids.js';
import { recordMessage, type MessageRow } from '../messages/index.js';

/** Slack's channel type as message_posted names it: `public`, `private` or `im` (the emulator makes no group DMs). */
export function channelType(deps: Pick<EmulatorDeps, 'store'>, teamId: string, channelId: string): 'public' | 'private' | 'im' {
  if (channelId.startsWith('D')) return 'im';
  return findChannel(deps.store, teamId, channelId)?.is_private ? 'private' : 'public';
}

/**
 * A recorded message as message_posted's `{{data.*}}` (deno-slack-api event-data/message_posted.ts). As the SDK
 * describes it, a thread reply's `message_ts` is its parent's and `thread_ts` the reply's own. An app's message
 * was posted by its bot user: the emulator keeps none, so `user_id` is the app's stable bot user, the one a
 * function's payload names in `authorizations`, and `app_id` says which app posted it.
 */
export function messagePostedData(deps: Pick<EmulatorDeps, 'store'>, m: MessageRow): Record<string, unknown> {
  const user = m.user_id ?? (m.app_id === null ? undefined : appBotUserId(m.app_id));
  return {
    channel_id: m.channel_id,
    channel_type: channelType(deps, m.team_id, m.channel_id),
    message_ts: m.thread_ts ?? m.ts,
    ...(m.thread_ts === null ? {} : { thread_ts: m.ts }),
    text: m.text ?? '',
    ...(user === undefined ? {} : { user_id: user }),
    ...(m.app_id === null ? {} : { app_id: m.app_id }),
  };
}

/** Records a person's message (a message_posted event posted through the control endpoint) in the message log. */
export function recordPersonMessage(deps: EmulatorDeps, teamId: string, data: Record<string, unknown>): MessageRow {
  return recordMessage(deps, {
    teamId,
    appId: null,
    userId: String(data.user_id),
    channelId: String(data.channel_id),
    threadTs: typeof data.thread_ts === 'string' ? data.thread_ts : null,
    text: String(data.text),
    blocks: null,
    workflowExecutionId: null,
    functionExecutionId: null,
  });
}
