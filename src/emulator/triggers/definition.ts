import { nextRuns } from '../../lib/schedule/index.js';
import { manifestWorkflows } from '../../lib/trigger-rules/manifest-workflows.js';
import type { TriggerFieldError, TriggerRequest } from '../../lib/trigger-rules/types.js';
import { validateTrigger } from '../../lib/trigger-rules/validate.js';
import type { AppRow } from '../apps/index.js';
import { MethodError } from '../errors.js';
import { jsonParam, type ParsedRequest } from '../http/index.js';

// The keys of a trigger definition on the wire. Anything else a client sends (token, trigger_id,
// workflow_app_id, the CLI's `service`) is not part of the definition and is not judged as one.
const TEXT_KEYS = ['type', 'name', 'description', 'workflow'] as const;
// Objects: as they are in a JSON body; JSON strings in the SDK's form body.
const OBJECT_KEYS = ['shortcut', 'inputs', 'event', 'schedule', 'webhook'] as const;

/** The definition a create or update carries, in either encoding. */
function definitionOf(req: ParsedRequest): Record<string, unknown> {
  const def: Record<string, unknown> = {};
  for (const key of TEXT_KEYS) if (req.params[key] !== undefined) def[key] = req.params[key];
  for (const key of OBJECT_KEYS) {
    const value = jsonParam(req, key);
    if (value !== undefined) def[key] = value;
  }
  return def;
}

/** One `errors` entry: Slack's code and a message; a missing input also names the parameter, which the CLI reads. */
function detail(e: TriggerFieldError): Record<string, string> {
  if (e.missing) {
    return {
      code: e.code,
      message: `Missing value for parameter \`${e.missing.name}\``,
      missing_parameter_name: e.missing.name,
      missing_parameter_type: e.missing.type,
    };
  }
  return { code: e.code, message: `${e.field}: ${e.message}` };
}

/**
 * The request's definition checked against the app's installed manifest with the rules rosi checks a file
 * with (lib/trigger-rules). Refused: the first problem's code, every problem in `errors`.
 * `previousStart` is the start_time the trigger had before an update: a past start_time is refused only
 * when it is new, so a trigger that has started can still be renamed.
 */
export function checkedDefinition(req: ParsedRequest, app: AppRow, now: number, previousStart?: string): TriggerRequest {
  const result = validateTrigger(definitionOf(req), { workflows: manifestWorkflows(app.manifest) });
  if (!result.ok) throw new MethodError((result.errors[0] as TriggerFieldError).code, { errors: result.errors.map(detail) });
  const schedule = result.request.schedule;
  if (schedule && schedule.start_time !== previousStart) {
    // start_time is always a schedule's first run.
    const first = nextRuns(schedule, new Date(-8.64e15))[0];
    if (first && first.getTime() < now) {
      throw new MethodError('invalid_start_before_now', {
        errors: [
          {
            code: 'invalid_start_before_now',
            message: `schedule.start_time ${schedule.start_time} is in the past (now is ${new Date(now).toISOString()}): give a time to come`,
          },
        ],
      });
    }
  }
  return result.request;
}
