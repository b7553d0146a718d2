import { isObject } from '../../../lib/is-object.js';
import { findChannel, findUser } from '../../directory/index.js';
import { appDmChannelId } from '../../ids.js';
import { addReaction, findMessage, messageLink, recordMessage } from '../../messages/index.js';
import { seconds, specs, type Builtin, type BuiltinOutcome, type BuiltinRun } from './builtin.js';
import { personsAnswer } from './interactive.js';

/*
 * The built-ins that post to or act on the message log (messages/): the same log chat.postMessage writes,
 * so a function's message can be reacted to or replied to by a later step, and the other way round.
 */

/** The message's text and blocks: a plain string is text; rich text is a block; interactive blocks follow it. */
function content(r: BuiltinRun): { text: string | null; blocks: unknown[] | null } {
  const message = r.inputs.message;
  const extra = Array.isArray(r.inputs.interactive_blocks) ? r.inputs.interactive_blocks : [];
  const blocks = [...(typeof message === 'string' || message === undefined || message === null ? [] : [message]), ...extra];
  return { text: typeof message === 'string' ? message : null, blocks: blocks.length === 0 ? null : blocks };
}

function post(r: BuiltinRun, channel: string, threadTs: string | null): { outputs: Record<string, unknown> } {
  const started = r.deps.now();
  const m = recordMessage(r.deps, {
    teamId: r.teamId,
    appId: r.appId,
    channelId: channel,
    threadTs,
    ...content(r),
    workflowExecutionId: r.workflowExecutionId,
    functionExecutionId: r.functionExecutionId,
  });
  return {
    outputs: {
      message_timestamp: m.ts,
      message_link: messageLink(r.deps, channel, m.ts),
      message_context: { channel_id: channel, message_ts: m.ts },
      timestamp_started: seconds(started),
      timestamp_completed: seconds(r.deps.now()),
    },
  };
}

/** What a click on one of a message's interactive blocks gives (send_message's `action` and `interactivity`). */
const CLICK_OUTPUTS = specs({ action: 'object', interactivity: 'slack#/types/interactivity' }, ['action']);

/**
 * A message with `interactive_blocks` waits for someone to click: its `action` comes from the answers (none
 * fails the step before anything is posted, so a failed step leaves no message behind).
 */
function sendMessage(r: BuiltinRun): BuiltinOutcome {
  const channel = typeof r.inputs.channel_id === 'string' ? findChannel(r.deps.store, r.teamId, r.inputs.channel_id) : undefined;
  if (!channel) return { error: 'channel_not_found' };
  const interactive = Array.isArray(r.inputs.interactive_blocks) && r.inputs.interactive_blocks.length > 0;
  const click = interactive ? personsAnswer(r, 'send_message', CLICK_OUTPUTS, '{"action": {"action_id": "approve", "value": "yes"}}') : undefined;
  if (click && 'error' in click) return click;
  const posted = post(r, channel.id, null);
  return { outputs: { ...posted.outputs, ...click?.outputs } };
}

function sendDm(r: BuiltinRun): BuiltinOutcome {
  const user = typeof r.inputs.user_id === 'string' ? findUser(r.deps.store, r.teamId, r.inputs.user_id) : undefined;
  return user ? post(r, appDmChannelId(r.appId, user.id), null) : { error: 'user_not_found' };
}

/** The message a `message_context` names, if it is in the team's log. */
function contextMessage(r: BuiltinRun) {
  const context = isObject(r.inputs.message_context) ? r.inputs.message_context : {};
  const { channel_id: channel, message_ts: ts } = context;
  if (typeof channel !== 'string' || typeof ts !== 'string') return undefined;
  return findMessage(r.deps, r.teamId, channel, ts);
}

function replyInThread(r: BuiltinRun): BuiltinOutcome {
  const parent = contextMessage(r);
  // A reply to a reply joins its parent's thread: Slack's threads have one level.
  return parent ? post(r, parent.channel_id, parent.thread_ts ?? parent.ts) : { error: 'message_not_found' };
}

/** Slack's emoji names, with or without the colons, a skin tone allowed (`thumbsup::skin-tone-2`). */
const EMOJI_NAME = /^[a-z0-9_+'-]+(?:::skin-tone-[2-6])?$/;

function addReactionStep(r: BuiltinRun): BuiltinOutcome {
  const name = String(r.inputs.emoji).replace(/^:(.*):$/, '$1');
  // The emulator knows no emoji list: any name of Slack's shape is taken, anything else is Slack's invalid_name.
  if (!EMOJI_NAME.test(name)) return { error: 'invalid_name' };
  const message = contextMessage(r);
  if (!message) return { error: 'message_not_found' };
  const outcome = addReaction(r.deps, { teamId: r.teamId, appId: r.appId, channelId: message.channel_id, ts: message.ts, name });
  return outcome === 'ok' ? { outputs: {} } : { error: outcome };
}

export const messageBuiltins: Record<string, Builtin> = {
  send_message: { title: 'Send a message to a channel', run: sendMessage },
  send_dm: { title: 'Send a message to a person', run: sendDm },
  reply_in_thread: { title: 'Reply to a message in thread', run: replyInThread },
  add_reaction: {
    title: 'Add a reaction to a message',
    inputs: specs({ message_context: 'slack#/types/message_context', emoji: 'string' }, ['message_context', 'emoji']),
    run: addReactionStep,
  },
};
