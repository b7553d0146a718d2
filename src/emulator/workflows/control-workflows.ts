import { isObject } from '../../lib/is-object.js';
import { badRequest, controlParams, intParam, type ControlRoute } from '../control/index.js';
import type { EmulatorDeps, InteractiveAnswers } from '../deps.js';
import { sendJson } from '../http/index.js';
import { findTrigger, tripData } from '../triggers/index.js';
import { answersProblem } from './answers.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

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

  /**
   * The answers interactive built-ins give in place of a person, as `--answers` takes them (answers.ts):
   * the body replaces them whole (`{}` clears them). 400 saying what is wrong with a body that will not do.
   */
  async 'POST answers'(req, res, _url, deps) {
    const params = await controlParams(req, res);
    if (!params) return;
    const problem = answersProblem(params);
    if (problem) return badRequest(res, `answers: ${problem}`);
    deps.answers = params as InteractiveAnswers;
    sendJson(res, 200, { ok: true, answers: deps.answers });
  },

  /** The answers interactive built-ins give now. */
  'GET answers'(_req, res, _url, deps) {
    sendJson(res, 200, { ok: true, answers: deps.answers });
  },

  /**
   * `{trigger_id, data?}`: starts the trigger's workflow now, as a trip of that trigger with `data` (link and
   * event triggers have no other way to fire offline; scheduled ones also fire by the clock). A link trigger's data gets a user, a
   * channel and an interactivity pointer unless given, a scheduled one's its creator (triggers/trip-data.ts). 200 with the execution and trace; 404 for an unknown
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
    const outcome = await deps.workflows.fire(trigger.id, tripData(deps, trigger, data));
    sendJson(res, outcome.ok ? 200 : 400, outcome);
  },
};
