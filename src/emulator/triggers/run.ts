import type { ResponseOf } from '../../api/methods.js';
import { isObject } from '../../lib/is-object.js';
import type { EmulatorDeps, FireOutcome } from '../deps.js';
import { MethodError } from '../errors.js';
import { jsonParam, type Family, type ParsedRequest } from '../http/index.js';
import { manageableTrigger } from './access.js';
import { triggerCaller } from './caller.js';
import { triggerIdParam } from './params.js';
import { tripData } from './trip-data.js';
import type { TriggerRow } from './triggers-store.js';

/*
 * emulator.triggers.run: the emulator's own method, not Slack's. On Slack a link trigger starts when a person clicks
 * it, a scheduled one at its time, an event one on its event; offline there is no one to click and no event, so a
 * developer fires any trigger of an app they manage with it (`rosi trigger run`). The trip goes through the same
 * engine as every other (a webhook's filter is not judged: the filter is the webhook call's, and `rosi trigger run`
 * posts webhooks to their URL). Both encodings; Bearer or a `token` field; `data` an object, or a JSON string in a form.
 */
async function run(req: ParsedRequest, deps: EmulatorDeps): Promise<ResponseOf<'emulator.triggers.run'>> {
  const caller = triggerCaller(req, deps);
  // A person's method: an app's function has no one to stand in for.
  if (caller.ownApp) throw new MethodError('not_allowed_token_type');
  const triggerId = triggerIdParam(req);
  const data = req.params.data === undefined || req.params.data === '' ? {} : jsonParam(req, 'data');
  if (!isObject(data)) throw new MethodError('invalid_arguments');
  // Another team's trigger, or one of an app the caller cannot manage, is trigger_not_found, as in every triggers method.
  const { trigger } = manageableTrigger(caller, triggerId, deps);
  const outcome = await fireTrigger(deps, trigger, data);
  if (!outcome.ok) {
    const errors = outcome.errors.map((message) => ({ code: outcome.error, message }));
    throw new MethodError(outcome.error, errors.length > 0 ? { errors } : {});
  }
  return { workflow_execution_id: outcome.workflow_execution_id, trace_id: outcome.trace_id };
}

/**
 * Starts the trigger's workflow now, with `data` as a person, the scheduler or the webhook's caller would have
 * given it (`tripData`): what `emulator.triggers.run` and the console's fire button both do.
 */
export function fireTrigger(deps: EmulatorDeps, trigger: TriggerRow, data: Record<string, unknown>): Promise<FireOutcome> {
  return deps.workflows.fire(trigger.id, tripData(deps, trigger, data));
}

export const runFamily: Family = { 'emulator.triggers.run': run };
