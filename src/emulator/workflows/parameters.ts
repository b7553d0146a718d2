import { isObject } from '../../lib/is-object.js';
import { inputParameters } from '../../lib/trigger-rules/manifest-workflows.js';
import type { WorkflowInput } from '../../lib/trigger-rules/types.js';

/** One of a function's or workflow's parameters, as the manifest declares it (read by lib/trigger-rules, as triggers read them). */
export type ParameterSpec = WorkflowInput;

/** `{properties: {<name>: {type, title, description}}, required: [<name>, …]}`, read leniently. */
export const parameterSpecs = (params: unknown): ParameterSpec[] => inputParameters(params);

/** The parameters as `function_executed` describes them (runtime contract §4.2): an array with `is_required`. */
export const wireParameters = (specs: readonly ParameterSpec[]) =>
  specs.map((p) => ({ type: p.type, name: p.name, title: p.title ?? p.name, description: p.description ?? '', is_required: p.required }));

// Slack's own types, by the JSON they carry; anything not listed (custom types, types added later) is not checked.
const STRING_TYPES = new Set([
  'string',
  'slack#/types/user_id',
  'slack#/types/channel_id',
  'slack#/types/usergroup_id',
  'slack#/types/team_id',
  'slack#/types/message_ts',
  'slack#/types/date',
  'slack#/types/file_id',
  'slack#/types/canvas_id',
  'slack#/types/canvas_template_id',
  'slack#/types/list_id',
  'slack#/types/oauth2',
]);
const OBJECT_TYPES = new Set([
  'object',
  'slack#/types/interactivity',
  'slack#/types/user_context',
  'slack#/types/message_context',
  'slack#/types/form_input_object',
]);

/** Whether `value` has the JSON shape of `type`; numbers for Slack's timestamp type (Unix seconds). */
function fits(type: string, value: unknown): boolean {
  if (STRING_TYPES.has(type)) return typeof value === 'string';
  if (OBJECT_TYPES.has(type)) return isObject(value);
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
    case 'slack#/types/timestamp':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
    case 'slack#/types/blocks':
      return Array.isArray(value);
    case 'slack#/types/rich_text':
    case 'slack#/types/expanded_rich_text':
      // Workflows pass rich text as a plain string (a template) or as Slack's rich_text block.
      return typeof value === 'string' || isObject(value) || Array.isArray(value);
    default:
      return true;
  }
}

/**
 * What is wrong with `values` for the parameters, in the words Slack's activity log uses for a missing one
 * (runtime contract §5.3); empty when nothing is. A missing or null required value, then a value of the
 * wrong JSON type; names the parameters do not declare pass, as Slack lets extra inputs through.
 */
export function parameterProblems(specs: readonly ParameterSpec[], values: Record<string, unknown>): { name: string; message: string }[] {
  const problems: { name: string; message: string }[] = [];
  for (const p of specs) {
    const v = values[p.name];
    if (v === undefined || v === null) {
      if (p.required) problems.push({ name: p.name, message: `Null value for non-nullable parameter \`${p.name}\`` });
    } else if (!fits(p.type, v)) {
      problems.push({ name: p.name, message: `Value for parameter \`${p.name}\` must be of type ${p.type}` });
    }
  }
  return problems;
}

export const parameterErrors = (specs: readonly ParameterSpec[], values: Record<string, unknown>) => parameterProblems(specs, values).map((p) => p.message);
