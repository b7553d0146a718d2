// Trigger definitions as users write them (a .json file, a .ts/.js default export, or a get-trigger hook's answer),
// and the request body rosi sends for `workflows.triggers.create` / `update` once one is valid.
import type { Schedule } from '../schedule/index.js';

export const TRIGGER_TYPES = ['shortcut', 'webhook', 'scheduled', 'event'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

/** A workflow of the app's manifest, as far as a trigger needs it. */
export interface ManifestWorkflow {
  callbackId: string;
  inputs: readonly WorkflowInput[];
  title?: string;
  description?: string;
}

/** One of a workflow's `input_parameters`. */
export interface WorkflowInput {
  name: string;
  /** As the manifest spells it: `string`, `slack#/types/user_id`, `slack#/types/interactivity`, … */
  type: string;
  required: boolean;
  title?: string;
  description?: string;
}

/** What a trigger gives one workflow input: a value (templates allowed), or a field the user fills in (link triggers). */
export type TriggerInput = { value: unknown } | { customizable: true };

/** `{version, root}` of webhook and event triggers. */
export interface TriggerFilter {
  version: number;
  root: unknown;
}

/**
 * A valid definition as the wire takes it, keys in the order the official CLI sends them.
 * `workflow_app_id` (and `trigger_id` for an update) are the command's to add.
 */
export interface TriggerRequest {
  type: TriggerType;
  name: string;
  description: string;
  shortcut?: { button_text?: string };
  workflow: string;
  inputs?: Record<string, TriggerInput>;
  event?: Record<string, unknown> & { event_type: string };
  schedule?: Schedule;
  webhook?: Record<string, unknown>;
}

/**
 * The error code Slack answers for each kind of problem (runtime contract §1.4): rosi's CLI prints `field: message`,
 * the emulator answers the code.
 */
export type TriggerErrorCode =
  | 'invalid_arguments'
  | 'invalid_trigger_type'
  | 'workflow_not_found'
  | 'invalid_trigger_inputs'
  | 'invalid_arguments_customizable_inputs'
  | 'customizable_inputs_only_allowed_on_link_triggers'
  | 'customizable_inputs_not_allowed_on_optional_inputs'
  | 'customizable_input_missing_matching_workflow_input'
  | 'customizable_input_unsupported_type'
  | 'invalid_trigger_config'
  | 'invalid_trigger_event_type'
  | 'invalid_webhook_config';

/** A required workflow input the trigger gives nothing: Slack names it in `missing_parameter_name`/`_type`. */
export interface MissingParameter {
  name: string;
  type: string;
}

/** One problem with a definition: where (`inputs.channel.value`), what to do about it, and Slack's code for it. */
export interface TriggerFieldError {
  field: string;
  message: string;
  code: TriggerErrorCode;
  missing?: MissingParameter;
}

/** How each check reports a problem. */
export type Fail = (field: string, message: string, code: TriggerErrorCode, missing?: MissingParameter) => void;

export type TriggerValidation = { ok: true; request: TriggerRequest } | { ok: false; errors: TriggerFieldError[] };
