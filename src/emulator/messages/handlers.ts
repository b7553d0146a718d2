import { authenticate, authenticateAppToken, type AppCaller } from '../auth/index.js';
import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import { stringParam, type Family, type ParsedRequest } from '../http/index.js';
import { appBotUserId, stableId } from '../ids.js';
import { findMessage, postTarget, recordMessage } from './messages.js';
import type { MessageRow } from './messages-store.js';

/*
 * chat.postMessage, as an app posts: with its bot token, or a function's execution token while its execution
 * runs (the message then carries that execution). A person's token is refused with not_allowed_token_type:
 * the emulator's message log holds what apps post, and rosi posts nothing as a person. Both encodings; a
 * form's `blocks` is a JSON string.
 */

/** Slack cuts no message: a longer `text` is refused, counted in characters (code points), not bytes. */
export const MAX_TEXT_CHARACTERS = 40_000;

/** The app the token speaks for, with the chat:write scope its install must have. */
function poster(req: ParsedRequest, deps: EmulatorDeps): AppCaller {
  if (req.token === undefined) throw new MethodError('not_authed');
  const caller = authenticateAppToken(req.token, deps);
  if (!caller) {
    authenticate(req, deps);
    throw new MethodError('not_allowed_token_type');
  }
  const scopes = deps.store.apps.installation(caller.app_id, caller.team_id)?.bot_scopes ?? [];
  if (!scopes.includes('chat:write')) throw new MethodError('missing_scope', { needed: 'chat:write', provided: scopes.join(',') });
  return caller;
}

/** `blocks` as given: absent, or an array (a form sends it as a JSON string); anything else is invalid_blocks. */
function blocksParam(req: ParsedRequest): unknown[] | undefined {
  let blocks = req.params.blocks;
  if (blocks === undefined || blocks === '') return undefined;
  if (typeof blocks === 'string') {
    try {
      blocks = JSON.parse(blocks) as unknown;
    } catch {
      throw new MethodError('invalid_blocks');
    }
  }
  if (!Array.isArray(blocks)) throw new MethodError('invalid_blocks');
  return blocks;
}

/** The message as Slack's answers carry it: from the app's bot, with its thread when it is a reply. */
function wireMessage(m: MessageRow, appId: string) {
  return {
    type: 'message',
    text: m.text ?? '',
    user: appBotUserId(appId),
    bot_id: stableId('B', appId, 'bot'),
    app_id: appId,
    team: m.team_id,
    ts: m.ts,
    ...(m.thread_ts === null ? {} : { thread_ts: m.thread_ts }),
    ...(m.blocks === null ? {} : { blocks: m.blocks }),
  };
}

function postMessage(req: ParsedRequest, deps: EmulatorDeps) {
  const caller = poster(req, deps);
  const asked = stringParam(req, 'channel');
  const channel = asked === undefined ? undefined : postTarget(deps, caller.team_id, caller.app_id, asked);
  if (!channel) throw new MethodError('channel_not_found');
  const text = stringParam(req, 'text');
  const blocks = blocksParam(req);
  if (text === undefined && (blocks === undefined || blocks.length === 0)) throw new MethodError('no_text');
  if (text !== undefined && [...text].length > MAX_TEXT_CHARACTERS) throw new MethodError('msg_too_long');
  const threadTs = stringParam(req, 'thread_ts');
  let thread: string | null = null;
  if (threadTs !== undefined) {
    const parent = findMessage(deps, caller.team_id, channel, threadTs);
    if (!parent) throw new MethodError('thread_not_found');
    // A reply to a reply joins the thread of its parent, as Slack's threads have one level.
    thread = parent.thread_ts ?? parent.ts;
  }
  const fxId = caller.function_execution_id ?? null;
  const m = recordMessage(deps, {
    teamId: caller.team_id,
    appId: caller.app_id,
    channelId: channel,
    threadTs: thread,
    text: text ?? null,
    blocks: blocks ?? null,
    workflowExecutionId: fxId === null ? null : (deps.store.workflows.function(fxId)?.workflow_execution_id ?? null),
    functionExecutionId: fxId,
  });
  return { channel, ts: m.ts, message: wireMessage(m, caller.app_id) };
}

export const messagesFamily: Family = {
  'chat.postMessage': postMessage,
};
