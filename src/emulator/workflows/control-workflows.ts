import { randomInt } from 'node:crypto';
import { isObject } from '../../lib/is-object.js';
import { badRequest, controlParams, intParam, type ControlRoute } from '../control/index.js';
import type { EmulatorDeps } from '../deps.js';
import { sendJson } from '../http/index.js';
import { findTrigger } from '../triggers/index.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
const hex = (n: number) => Array.from({ length: n }, () => randomInt(16).toString(16)).join('');

/**
 * What a link trigger's trip carries when someone clicks it in Slack (runtime contract §6.2 item 2): who, where,
 * and an `interactivity` object with a fresh pointer. The emulator has no one to click: the defaults are the
 * emulator's developer and the team's first channel, and anything in the request's `data` overrides them.
 */
function linkTripData(deps: EmulatorDeps, teamId: string, given: Record<string, unknown>): Record<string, unknown> {
  const userId = typeof given.user_id === 'string' ? given.user_id : deps.user.id;
  const channelId = deps.store.channels.ofTeam(teamId)[0]?.id ?? '';
  return {
    user_id: userId,
    channel_id: channelId,
    interactivity: {
      interactivity_pointer: `${digits(13)}.${digits(13)}.${hex(32)}`,
      interactor: { id: userId, secret: hex(32) },
    },
    ...given,
  };
}

export const workflowsControl: Record<string, ControlRoute<EmulatorDeps>> = {
  /**
   * `?app_id=[&limit=]`: the app's workflow executions, newest first (50 unless `limit` says otherwise, at most
   * 1000), each with its status, inputs and steps (each step's function execution with its inputs, outputs,
   * error and status). Only with --control.
   */
  'GET executions'(_req, res, url, deps) {
    const appId = url.searchParams.get('app_id') ?? '';
    if (!appId) return badRequest(res, 'app_id is needed');
    if (!deps.store.apps.get(appId)) return sendJson(res, 404, { ok: false, error: 'app_not_found' });
    const limit = intParam(Object.fromEntries(url.searchParams), 'limit', 1, 1000, 50);
    if (limit === undefined) return badRequest(res, 'limit is a whole number from 1 to 1000');
    const executions = deps.store.workflows.workflowsOf(appId, limit).map((w) => ({
      id: w.id,
      trace_id: w.trace_id,
      trigger_id: w.trigger_id,
      workflow: w.callback_id,
      status: w.status,
      ...(w.error === null ? {} : { error: w.error }),
      inputs: w.inputs,
      started_at: iso(w.started_at),
      ended_at: iso(w.ended_at),
      steps: deps.store.workflows.functionsOf(w.id).map((f) => ({
        index: f.step_index,
        function_id: f.function_ref,
        function_execution_id: f.id,
        status: f.status,
        inputs: f.inputs,
        ...(f.outputs === null ? {} : { outputs: f.outputs }),
        ...(f.error === null ? {} : { error: f.error }),
        started_at: iso(f.started_at),
        ended_at: iso(f.ended_at),
      })),
    }));
    sendJson(res, 200, { ok: true, app_id: appId, executions });
  },

  /** `?channel=`: the messages posted there (by workflows' send_message, send_dm, reply_in_thread, or a person through POST /__emulator/events), oldest first. */
  'GET messages'(_req, res, url, deps) {
    const channel = url.searchParams.get('channel') ?? '';
    if (!channel) return badRequest(res, 'channel is needed');
    const messages = deps.store.workflows.messages(channel).map((m) => ({
      ts: m.ts,
      ...(m.thread_ts === null ? {} : { thread_ts: m.thread_ts }),
      ...(m.text === null ? {} : { text: m.text }),
      ...(m.blocks === null ? {} : { blocks: m.blocks }),
      ...(m.app_id === null ? {} : { app_id: m.app_id }),
      ...(m.user_id ? { user_id: m.user_id } : {}),
      ...(m.workflow_execution_id === null ? {} : { workflow_execution_id: m.workflow_execution_id }),
      ...(m.function_execution_id === null ? {} : { function_execution_id: m.function_execution_id }),
      posted_at: iso(m.posted_at),
    }));
    sendJson(res, 200, { ok: true, channel, messages });
  },

  /**
   * `{trigger_id, data?}`: starts the trigger's workflow now, as a trip of that trigger with `data` (link and
   * event triggers have no other way to fire offline; scheduled ones also fire by the clock). A link trigger's data gets a user, a
   * channel and an interactivity pointer unless given. 200 with the execution and trace; 404 for an unknown
   * trigger; 400 when the workflow cannot start (the trigger_executed error is in the app's log).
   */
  async 'POST triggers/fire'(req, res, _url, deps) {
    const params = await controlParams(req, res);
    if (!params) return;
    const triggerId = typeof params.trigger_id === 'string' ? params.trigger_id : '';
    if (!triggerId) return badRequest(res, 'trigger_id is needed');
    const data = params.data ?? {};
    if (!isObject(data)) return badRequest(res, 'data must be a JSON object');
    const trigger = findTrigger(deps, triggerId);
    if (!trigger) return sendJson(res, 404, { ok: false, error: 'trigger_not_found' });
    const outcome = await deps.workflows.fire(trigger.id, trigger.type === 'shortcut' ? linkTripData(deps, trigger.team_id, data) : data);
    sendJson(res, outcome.ok ? 200 : 400, outcome);
  },
};
