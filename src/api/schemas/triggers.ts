import * as z from 'zod/mini';
import { ResponseMetadata } from './envelope.js';

/*
 * `workflows.triggers.*` (runtime contract §1.1): JSON POST with a Bearer token.
 * `workflows.triggers.permissions.*`: form POST with the token as a `token` field; entity
 * lists travel as one comma-joined string each.
 */
const Id = z.string().check(z.minLength(1));
const text = z.optional(z.string());
const JsonObject = z.record(z.string(), z.unknown());

export const TRIGGER_TYPES = ['shortcut', 'event', 'scheduled', 'webhook'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

/**
 * One input. The official CLI's Go struct allows only a string `value`; Slack's SDK client
 * sends any JSON value, and so does rosi.
 */
export const TriggerInputRequest = z.strictObject({ value: z.optional(z.unknown()), customizable: z.optional(z.boolean()) });

/**
 * Create's body. Key order on the wire is the CLI's (Go field order), which a schema
 * cannot keep: the body is built in that order by whoever sends it (src/triggers/).
 * `event`, `schedule`, `webhook` and `service` are passed through as the definition has them.
 */
export const WorkflowsTriggersCreateRequest = z.strictObject({
  type: z.enum(TRIGGER_TYPES),
  name: z.string(),
  description: z.string(),
  shortcut: z.optional(z.strictObject({ button_text: text })),
  workflow: z.string(),
  workflow_app_id: z.string(),
  inputs: z.optional(z.record(z.string(), TriggerInputRequest)),
  event: z.optional(JsonObject),
  schedule: z.optional(JsonObject),
  webhook: z.optional(JsonObject),
  service: z.optional(JsonObject),
});
export type TriggerRequest = z.infer<typeof WorkflowsTriggersCreateRequest>;

/** Update is a full replacement: create's keys, then `trigger_id` last. */
export const WorkflowsTriggersUpdateRequest = z.strictObject({ ...WorkflowsTriggersCreateRequest.shape, trigger_id: Id });

export const WorkflowsTriggersDeleteRequest = z.strictObject({ trigger_id: Id });
export const WorkflowsTriggersInfoRequest = z.strictObject({ trigger_id: Id });

/** Every key is left out when unset; `type` is left out for "all". */
export const WorkflowsTriggersListRequest = z.strictObject({
  app_id: z.optional(Id),
  limit: z.optional(z.number().check(z.int(), z.positive())),
  cursor: text,
  type: text,
});

/** The workflow a trigger starts, as the trigger object carries it (§1.3). */
export const TriggerWorkflow = z.looseObject({
  id: text,
  workflow_id: text,
  callback_id: text,
  title: text,
  description: text,
  type: text,
  input_parameters: z.optional(z.array(z.looseObject({ name: text, type: text, title: text, description: text, is_required: z.optional(z.boolean()) }))),
  output_parameters: z.optional(z.array(z.looseObject({}))),
  app_id: text,
  app: z.optional(z.looseObject({ id: text, name: text, icons: z.optional(z.record(z.string(), z.string())), is_workflow_app: z.optional(z.boolean()) })),
  date_created: z.optional(z.number()),
  date_updated: z.optional(z.number()),
  date_deleted: z.optional(z.number()),
});

/**
 * A trigger as Slack answers it (§1.3). Loose at every level and mostly optional: the
 * official CLI's own fixtures carry only some fields, and `info --json` prints the trigger
 * exactly as it came, fields rosi does not know included.
 */
export const DeployedTrigger = z.looseObject({
  id: Id,
  type: z.string(),
  name: text,
  description: text,
  workflow: z.optional(TriggerWorkflow),
  inputs: z.optional(z.record(z.string(), z.looseObject({ value: z.optional(z.unknown()), locked: z.optional(z.boolean()), hidden: z.optional(z.boolean()) }))),
  outputs: z.optional(JsonObject),
  available_data: z.optional(JsonObject),
  /** Unix seconds. */
  date_created: z.optional(z.number()),
  date_updated: z.optional(z.number()),
  shortcut_url: text,
  webhook_url: text,
  schedule: z.optional(JsonObject),
  event_type: text,
  filter: z.optional(JsonObject),
  usage: text,
});
export type DeployedTrigger = z.infer<typeof DeployedTrigger>;

export const WorkflowsTriggersSaveResponse = z.looseObject({ trigger: DeployedTrigger });
export const WorkflowsTriggersDeleteResponse = z.looseObject({});
export const WorkflowsTriggersListResponse = z.looseObject({ triggers: z.array(DeployedTrigger), response_metadata: z.optional(ResponseMetadata) });

/**
 * A create or update failure's `errors[]` entry: Slack's usual detail, plus the workflow
 * input the trigger left without a value, when that is what went wrong.
 */
export const TriggerSaveErrorDetail = z.looseObject({
  code: text,
  message: text,
  missing_parameter_name: text,
  missing_parameter_type: text,
});

// Trigger access (§1.2).
export const PERMISSION_TYPES = ['everyone', 'app_collaborators', 'named_entities'] as const;
export type PermissionType = (typeof PERMISSION_TYPES)[number];

/** Entity lists on the wire: comma-joined IDs. */
const EntityList = z.optional(z.string().check(z.minLength(1)));
const entityLists = { user_ids: EntityList, channel_ids: EntityList, team_ids: EntityList, org_ids: EntityList };

export const WorkflowsTriggersPermissionsListRequest = z.strictObject({ trigger_id: Id });
export const WorkflowsTriggersPermissionsSetRequest = z.strictObject({ trigger_id: Id, permission_type: z.enum(PERMISSION_TYPES), ...entityLists });
export const WorkflowsTriggersPermissionsAddRequest = z.strictObject({ trigger_id: Id, ...entityLists });
export const WorkflowsTriggersPermissionsRemoveRequest = WorkflowsTriggersPermissionsAddRequest;

const ids = z.optional(z.array(z.string()));
/** `permission_type` as Slack spells it (the official CLI lower-cases it before checking). */
export const WorkflowsTriggersPermissionsListResponse = z.looseObject({
  permission_type: z.string(),
  user_ids: ids,
  channel_ids: ids,
  team_ids: ids,
  org_ids: ids,
});
/** Set answers like list; `permission_type` is optional here so a change already made never reads as a failure. */
export const WorkflowsTriggersPermissionsSetResponse = z.looseObject({
  permission_type: text,
  user_ids: ids,
  channel_ids: ids,
  team_ids: ids,
  org_ids: ids,
});
export const WorkflowsTriggersPermissionsEditResponse = z.looseObject({});

/**
 * `emulator.triggers.run`: the emulator's own method, not Slack's (Slack has no way to fire a link, scheduled or event
 * trigger on request). `data` is the trip's data, as the trigger's `{{data.…}}` templates read it.
 */
export const EmulatorTriggersRunRequest = z.strictObject({ trigger_id: Id, data: z.optional(JsonObject) });
export const EmulatorTriggersRunResponse = z.looseObject({ workflow_execution_id: Id, trace_id: Id });
