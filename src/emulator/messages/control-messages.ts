import { badRequest, type ControlRoute } from '../control/index.js';
import type { EmulatorDeps } from '../deps.js';
import { sendJson } from '../http/index.js';

const iso = (ms: number) => new Date(ms).toISOString();

export const messagesControl: Record<string, ControlRoute<EmulatorDeps>> = {
  /**
   * `?channel=`: what apps posted there (built-ins and chat.postMessage) and people through POST /__emulator/events, oldest first, each with its thread,
   * its reactions, and the execution it came from (none for a bot token's post). Only with --control.
   */
  'GET messages'(_req, res, url, deps) {
    const channel = url.searchParams.get('channel') ?? '';
    if (!channel) return badRequest(res, 'channel is needed');
    const messages = deps.store.messages.inChannel(channel).map((m) => {
      const reactions = deps.store.messages.reactions(channel, m.ts);
      return {
        ts: m.ts,
        ...(m.thread_ts === null ? {} : { thread_ts: m.thread_ts }),
        ...(m.text === null ? {} : { text: m.text }),
        ...(m.blocks === null ? {} : { blocks: m.blocks }),
        ...(reactions.length === 0 ? {} : { reactions }),
        ...(m.app_id === null ? {} : { app_id: m.app_id }),
        ...(m.user_id === null ? {} : { user_id: m.user_id }),
        ...(m.workflow_execution_id === null ? {} : { workflow_execution_id: m.workflow_execution_id }),
        ...(m.function_execution_id === null ? {} : { function_execution_id: m.function_execution_id }),
        posted_at: iso(m.posted_at),
      };
    });
    sendJson(res, 200, { ok: true, channel, messages });
  },
};
