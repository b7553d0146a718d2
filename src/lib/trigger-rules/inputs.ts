// A trigger's `inputs`: one entry per workflow input it fills, `{value: …}` or (link triggers) `{customizable: true}`.
import { isObject } from '../is-object.js';
import { didYouMean } from '../suggest.js';
import { checkReferences, type ReferenceScope } from './references.js';
import type { Fail, ManifestWorkflow, TriggerInput } from './types.js';

/** The input types a person can fill in on a link trigger (Slack's `customizable_input_unsupported_type`). */
const CUSTOMIZABLE_TYPES = ['slack#/types/user_id', 'slack#/types/channel_id', 'string'];
const INTERACTIVITY = 'slack#/types/interactivity';

/**
 * Checks `inputs` against the workflow's input parameters (when the workflow is known) and returns them with
 * their keys sorted, as the official CLI sends them. Values are kept whatever their JSON type, as the SDK's
 * client sends them: rosi does not copy the official CLI's string-only parsing.
 */
export function checkInputs(value: unknown, workflow: ManifestWorkflow | undefined, scope: ReferenceScope, fail: Fail): Record<string, TriggerInput> {
  const inputs: Record<string, TriggerInput> = {};
  if (value !== undefined && !isObject(value)) {
    fail(
      'inputs',
      `must be an object of workflow inputs, e.g. {"channel": {"value": "{{data.channel_id}}"}} (got ${JSON.stringify(value)})`,
      'invalid_trigger_inputs',
    );
    return inputs;
  }
  const given = value ?? {};
  const ref = workflow && `#/workflows/${workflow.callbackId}`;
  for (const name of Object.keys(given).sort()) {
    const field = `inputs.${name}`;
    const entry = given[name];
    const declared = workflow?.inputs.find((i) => i.name === name);
    if (workflow && !declared) {
      const names = workflow.inputs.map((i) => i.name);
      const customizable = isObject(entry) && Object.hasOwn(entry, 'customizable');
      fail(
        field,
        `is not an input of ${ref}${didYouMean(name, names)}: ${names.length ? `it takes ${names.join(', ')}` : 'it takes no inputs'}`,
        customizable ? 'customizable_input_missing_matching_workflow_input' : 'invalid_trigger_inputs',
      );
      continue;
    }
    const input = checkEntry(entry, field, scope, fail);
    if (!input) continue;
    if ('customizable' in input && declared) {
      if (!declared.required)
        fail(
          `${field}.customizable`,
          `is only allowed on required inputs, and ${ref} does not require ${name}: give it a "value" instead`,
          'customizable_inputs_not_allowed_on_optional_inputs',
        );
      else if (!CUSTOMIZABLE_TYPES.includes(declared.type))
        fail(
          `${field}.customizable`,
          `is not possible for an input of type ${declared.type}: only ${CUSTOMIZABLE_TYPES.join(', ')} inputs can be filled in by a person`,
          'customizable_input_unsupported_type',
        );
    }
    inputs[name] = input;
  }
  for (const param of workflow?.inputs ?? []) {
    if (!param.required || Object.hasOwn(given, param.name)) continue;
    const example = param.type === INTERACTIVITY && scope.type === 'shortcut' ? '{"value": "{{data.interactivity}}"}' : '{"value": …}';
    const onlyLink = param.type === INTERACTIVITY && scope.type !== 'shortcut' ? ' (only a link trigger can provide interactivity)' : '';
    fail(`inputs.${param.name}`, `is required by ${ref} (type ${param.type}): give it ${example}${onlyLink}`, 'invalid_trigger_inputs', {
      name: param.name,
      type: param.type,
    });
  }
  return inputs;
}

function checkEntry(entry: unknown, field: string, scope: ReferenceScope, fail: Fail): TriggerInput | undefined {
  if (!isObject(entry)) {
    fail(
      field,
      `must be an object, {"value": …}${scope.type === 'shortcut' ? ' or {"customizable": true}' : ''} (got ${JSON.stringify(entry)})`,
      'invalid_trigger_inputs',
    );
    return undefined;
  }
  let ok = true;
  for (const key of Object.keys(entry)) {
    if (key === 'value' || key === 'customizable') continue;
    fail(
      `${field}.${key}`,
      `is not a field of a trigger input${didYouMean(key, ['value', 'customizable'])}: an input has "value" or "customizable"`,
      'invalid_trigger_inputs',
    );
    ok = false;
  }
  const hasValue = Object.hasOwn(entry, 'value');
  const hasCustomizable = Object.hasOwn(entry, 'customizable');
  if (hasValue && hasCustomizable) {
    fail(
      field,
      'has both "value" and "customizable": a customizable input is filled in by the person who runs the trigger, so it takes no value',
      'invalid_arguments_customizable_inputs',
    );
    return undefined;
  }
  if (hasCustomizable) {
    if (entry.customizable !== true) {
      fail(
        `${field}.customizable`,
        `can only be true (got ${JSON.stringify(entry.customizable)}): leave it out and give a "value" instead`,
        'invalid_arguments_customizable_inputs',
      );
      return undefined;
    }
    if (scope.type !== 'shortcut') {
      fail(
        `${field}.customizable`,
        `is only allowed on link (shortcut) triggers, not ${scope.type}: give the input a "value"`,
        'customizable_inputs_only_allowed_on_link_triggers',
      );
      return undefined;
    }
    return ok ? { customizable: true } : undefined;
  }
  if (!hasValue) {
    fail(field, `needs a "value"${scope.type === 'shortcut' ? ' (or "customizable": true)' : ''}`, 'invalid_trigger_inputs');
    return undefined;
  }
  checkReferences(entry.value, `${field}.value`, scope, (f, m) => {
    ok = false;
    fail(f, m, 'invalid_trigger_inputs');
  });
  return ok ? { value: entry.value } : undefined;
}
