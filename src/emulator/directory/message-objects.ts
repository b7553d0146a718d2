import type { EmulatorDeps } from '../deps.js';
import { stableId } from '../ids.js';

/** One entry of the message log the emulator keeps (what built-ins and chat.postMessage posted). */
export type LoggedMessage = ReturnType<EmulatorDeps['store']['messages']['inChannel']>[number];

/** Only a thread's parent (or a message with no thread) is listed by conversations.history, as on Slack. */
export const isTopLevel = (m: LoggedMessage) => m.thread_ts === null || m.thread_ts === m.ts;

/**
 * A logged message as conversations.history and conversations.replies answer it, in Slack's shape for a message
 * an app posted: `type`, `ts`, `text`, `blocks`, `team`, `bot_id`, `app_id`, and the thread fields (`thread_ts`,
 * `reply_count`, `latest_reply` on a parent; `thread_ts` on a reply). The emulator keeps no bot users, so
 * `bot_id` is a stable `B…` per app and there is no `user`, `bot_profile` or `reply_users`.
 *
 * `emulator` is the emulator's own field, never Slack's: the workflow execution (`Wx…`), its workflow's
 * callback ID and the function execution (`Fx…`) that posted the message, for `rosi emulator messages`.
 */
export function messageObject(m: LoggedMessage, thread: readonly LoggedMessage[], deps: EmulatorDeps): Record<string, unknown> {
  const replies = thread.filter((r) => r.thread_ts === m.ts && r.ts !== m.ts);
  const latest = replies[replies.length - 1];
  const workflow = m.workflow_execution_id === null ? undefined : deps.store.workflows.workflow(m.workflow_execution_id)?.callback_id;
  return {
    type: 'message',
    ts: m.ts,
    text: m.text ?? '',
    ...(m.blocks === null ? {} : { blocks: m.blocks }),
    team: m.team_id,
    // A person's message (posted through the control endpoint) is theirs; an app's is its bot's.
    ...(m.app_id === null ? { user: m.user_id ?? '' } : { bot_id: stableId('B', m.app_id, 'bot'), app_id: m.app_id }),
    ...(m.thread_ts !== null ? { thread_ts: m.thread_ts } : latest ? { thread_ts: m.ts } : {}),
    ...(latest ? { reply_count: replies.length, latest_reply: latest.ts } : {}),
    emulator: {
      workflow_execution_id: m.workflow_execution_id,
      ...(workflow === undefined ? {} : { workflow }),
      function_execution_id: m.function_execution_id,
    },
  };
}
