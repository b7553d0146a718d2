// Checks a trigger definition before rosi sends it, catching locally what Slack (and the emulator) would reject,
// and every problem at once, each with its field path.
import { isObject } from '../is-object.js';
import { validateSchedule } from '../schedule/index.js';
import { didYouMean, meant, suggestions } from '../suggest.js';
import { EVENT_TYPE_PREFIX, EVENT_TYPES, knownEventName } from './context-data.js';
import { checkFilter } from './filter.js';
import { checkInputs } from './inputs.js';
import type { ReferenceScope } from './references.js';
import {
  type Fail,
  type ManifestWorkflow,
  TRIGGER_TYPES,
  type TriggerFieldError,
  type TriggerRequest,
  type TriggerType,
  type TriggerValidation,
} from './types.js';

export interface ValidateTriggerOptions {
  /** The app manifest's workflows (see manifest-workflows.ts). */
  workflows: readonly ManifestWorkflow[];
}

/** The key each type has of its own; any other type's key is a mistake. */
const TYPE_KEYS: Record<TriggerType, 'shortcut' | 'webhook' | 'schedule' | 'event'> = {
  shortcut: 'shortcut',
  webhook: 'webhook',
  scheduled: 'schedule',
  event: 'event',
};
const COMMON_KEYS = ['type', 'name', 'description', 'workflow', 'inputs'];
// The command sets the selected app's ID, so one file serves the local and the deployed app; a stale one is ignored.
const IGNORED_KEYS = ['workflow_app_id'];
const KNOWN_KEYS = [...COMMON_KEYS, ...Object.values(TYPE_KEYS), ...IGNORED_KEYS];
const WORKFLOW_REF = /^#\/workflows\/([^/]+)$/;

/**
 * Validates a definition as the user wrote it against the manifest's workflows.
 * @returns the request body (description defaulted to "", inputs sorted, schedule normalised) or every error.
 */
export function validateTrigger(def: unknown, opts: ValidateTriggerOptions): TriggerValidation {
  const errors: TriggerFieldError[] = [];
  const fail: Fail = (field, message, code, missing) => errors.push({ field, message, code, ...(missing && { missing }) });
  if (!isObject(def)) {
    fail(
      '(definition)',
      `must be an object such as {"type": "shortcut", "name": "…", "workflow": "#/workflows/<callback_id>"} (got ${describe(def)})`,
      'invalid_arguments',
    );
    return { ok: false, errors };
  }

  const type = readType(def.type, fail);
  const name = readName(def.name, fail);
  const description = readDescription(def.description, fail);
  const workflow = readWorkflow(def.workflow, opts.workflows, fail);
  for (const key of Object.keys(def)) {
    if (KNOWN_KEYS.includes(key)) continue;
    fail(key, `is not a field of a trigger definition${didYouMean(key, KNOWN_KEYS)}: remove it`, 'invalid_arguments');
  }
  if (type) {
    for (const [other, key] of Object.entries(TYPE_KEYS)) {
      if (other !== type && def[key] !== undefined)
        fail(key, `only applies to ${other} triggers, and this one is ${type}: remove it`, 'invalid_trigger_config');
    }
  }
  if (!type) {
    // Without a type, references and the type's own key cannot be judged; the other errors still can.
    return { ok: false, errors };
  }

  const eventName = type === 'event' && isObject(def.event) ? knownEventName(def.event.event_type) : undefined;
  const scope: ReferenceScope = { type, eventName };
  const inputs = checkInputs(def.inputs, workflow.known, scope, fail);
  const own = readTypeKey(type, def, scope, fail);

  if (errors.length > 0 || name === undefined || workflow.ref === undefined) return { ok: false, errors };
  // Keys in the order the official CLI sends them, so the two send the same body.
  const request: TriggerRequest = {
    type,
    name,
    description,
    ...(own.shortcut && { shortcut: own.shortcut }),
    workflow: workflow.ref,
    ...(Object.keys(inputs).length > 0 && { inputs }),
    ...(own.event && { event: own.event }),
    ...(own.schedule && { schedule: own.schedule }),
    ...(own.webhook && { webhook: own.webhook }),
  };
  return { ok: true, request };
}

function readType(value: unknown, fail: Fail): TriggerType | undefined {
  if ((TRIGGER_TYPES as readonly unknown[]).includes(value)) return value as TriggerType;
  const kinds = TRIGGER_TYPES.join(', ');
  if (value === undefined) fail('type', `is required: one of ${kinds}`, 'invalid_trigger_type');
  else if (value === 'link') fail('type', `"link" triggers are written "shortcut": use one of ${kinds}`, 'invalid_trigger_type');
  else
    fail(
      'type',
      `${JSON.stringify(value)} is not a trigger type${typeof value === 'string' ? didYouMean(value, TRIGGER_TYPES) : ''}: use one of ${kinds}`,
      'invalid_trigger_type',
    );
  return undefined;
}

function readName(value: unknown, fail: Fail): string | undefined {
  if (typeof value === 'string' && value.trim()) return value;
  fail(
    'name',
    value === undefined ? 'is required: the name people see for the trigger' : `must be a non-empty string (got ${describe(value)})`,
    'invalid_arguments',
  );
  return undefined;
}

function readDescription(value: unknown, fail: Fail): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') fail('description', `must be a string (got ${describe(value)})`, 'invalid_arguments');
  return typeof value === 'string' ? value : '';
}

function readWorkflow(value: unknown, workflows: readonly ManifestWorkflow[], fail: Fail): { ref?: string; known?: ManifestWorkflow } {
  const ids = workflows.map((w) => w.callbackId);
  const listed = ids.length ? `the manifest has ${ids.map((id) => `#/workflows/${id}`).join(', ')}` : 'the manifest declares no workflows: add one first';
  if (typeof value !== 'string') {
    fail(
      'workflow',
      value === undefined ? `is required: "#/workflows/<callback_id>"; ${listed}` : `must be a string "#/workflows/<callback_id>" (got ${describe(value)})`,
      'workflow_not_found',
    );
    return {};
  }
  const match = WORKFLOW_REF.exec(value);
  if (!match) {
    const bare = ids.includes(value) ? ` (did you mean #/workflows/${value}?)` : '';
    fail('workflow', `${JSON.stringify(value)} is not a workflow reference${bare}: write "#/workflows/<callback_id>"; ${listed}`, 'workflow_not_found');
    return {};
  }
  const id = match[1] as string;
  const known = workflows.find((w) => w.callbackId === id);
  if (!known) {
    const close = meant(suggestions(id, ids).map((s) => `#/workflows/${s}`));
    fail('workflow', `the manifest has no workflow "${id}"${close}: ${listed}`, 'workflow_not_found');
    return { ref: value };
  }
  return { ref: value, known };
}

interface OwnKey {
  shortcut?: { button_text?: string } | undefined;
  event?: TriggerRequest['event'] | undefined;
  schedule?: TriggerRequest['schedule'] | undefined;
  webhook?: Record<string, unknown> | undefined;
}

function readTypeKey(type: TriggerType, def: Record<string, unknown>, scope: ReferenceScope, fail: Fail): OwnKey {
  switch (type) {
    case 'shortcut':
      return { shortcut: readShortcut(def.shortcut, fail) };
    case 'webhook':
      return { webhook: readWebhook(def.webhook, scope, fail) };
    case 'scheduled': {
      if (def.schedule === undefined) {
        fail('schedule', 'is required on a scheduled trigger: at least {"start_time": "2026-03-01T14:00:00Z"}', 'invalid_trigger_config');
        return {};
      }
      const checked = validateSchedule(def.schedule);
      if ('errors' in checked) for (const e of checked.errors) fail(e.field, e.message, 'invalid_trigger_config');
      return 'schedule' in checked ? { schedule: checked.schedule } : {};
    }
    case 'event':
      return { event: readEvent(def.event, scope, fail) };
  }
}

function readShortcut(value: unknown, fail: Fail): { button_text?: string } | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    fail('shortcut', `must be an object such as {"button_text": "Run"} (got ${describe(value)})`, 'invalid_trigger_config');
    return undefined;
  }
  if (value.button_text !== undefined && typeof value.button_text !== 'string')
    fail('shortcut.button_text', `must be a string, the text of the trigger's button (got ${describe(value.button_text)})`, 'invalid_trigger_config');
  return value as { button_text?: string };
}

function readWebhook(value: unknown, scope: ReferenceScope, fail: Fail): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    fail(
      'webhook',
      `must be an object, e.g. {"filter": {"version": 1, "root": {"statement": "{{data.kind}} == deploy"}}} (got ${describe(value)})`,
      'invalid_trigger_config',
    );
    return undefined;
  }
  if (value.filter !== undefined) checkFilter(value.filter, 'webhook.filter', scope, configError(fail));
  if (value.schema !== undefined && value.schema_ref !== undefined)
    fail('webhook', 'has both "schema" and "schema_ref": give only one', 'invalid_webhook_config');
  return value;
}

function readEvent(value: unknown, scope: ReferenceScope, fail: Fail): TriggerRequest['event'] | undefined {
  if (!isObject(value)) {
    const example = '{"event_type": "slack#/events/reaction_added", "channel_ids": ["C0123ABCDEF"]}';
    fail(
      'event',
      value === undefined ? `is required on an event trigger, e.g. ${example}` : `must be an object such as ${example} (got ${describe(value)})`,
      'invalid_trigger_config',
    );
    return undefined;
  }
  const name = scope.eventName;
  const eventType = value.event_type;
  const names = Object.keys(EVENT_TYPES);
  if (eventType === undefined)
    fail('event.event_type', `is required: "slack#/events/<name>", e.g. "slack#/events/reaction_added"`, 'invalid_trigger_event_type');
  else if (!name) {
    const bare = typeof eventType === 'string' ? eventType.replace(EVENT_TYPE_PREFIX, '') : '';
    const spelled = Object.hasOwn(EVENT_TYPES, bare) ? ` (write it "${EVENT_TYPE_PREFIX}${bare}")` : didYouMean(bare, names);
    fail(
      'event.event_type',
      `${JSON.stringify(eventType)} is not an event type rosi knows${spelled}: use "${EVENT_TYPE_PREFIX}<name>" with one of ${names.join(', ')}`,
      'invalid_trigger_event_type',
    );
  }
  if (value.filter !== undefined) checkFilter(value.filter, 'event.filter', scope, configError(fail));
  if (!name) return undefined;

  const info = EVENT_TYPES[name] as (typeof EVENT_TYPES)[string];
  const channelIds = value.channel_ids;
  const allResources = value.all_resources;
  if (info.scope === 'channel') {
    const hasChannels = channelIds !== undefined;
    if (hasChannels && !(Array.isArray(channelIds) && channelIds.length > 0 && channelIds.every((c) => typeof c === 'string' && c.trim())))
      fail('event.channel_ids', `must be a non-empty list of channel IDs such as ["C0123ABCDEF"] (got ${describe(channelIds)})`, 'invalid_trigger_config');
    if (allResources !== undefined && typeof allResources !== 'boolean')
      fail('event.all_resources', `must be true or false (got ${describe(allResources)})`, 'invalid_trigger_config');
    if (hasChannels && allResources === true)
      fail('event', 'has both channel_ids and all_resources: true: give one, the channels to listen in or every channel', 'invalid_trigger_config');
    else if (!hasChannels && allResources !== true)
      fail(
        'event.channel_ids',
        `is required for ${name} (a channel event): list the channels to listen in, e.g. ["C0123ABCDEF"], or set "all_resources": true`,
        'invalid_trigger_config',
      );
  } else {
    if (channelIds !== undefined)
      fail('event.channel_ids', `does not apply to ${name}, which happens across the workspace: remove it`, 'invalid_trigger_config');
    if (allResources !== undefined)
      fail('event.all_resources', `does not apply to ${name}, which happens across the workspace: remove it`, 'invalid_trigger_config');
    const teamIds = value.team_ids;
    if (teamIds !== undefined && !(Array.isArray(teamIds) && teamIds.length > 0 && teamIds.every((t) => typeof t === 'string' && t.trim())))
      fail('event.team_ids', `must be a non-empty list of workspace IDs such as ["T0123ABCDEF"] (got ${describe(teamIds)})`, 'invalid_trigger_config');
  }
  if (name === 'message_posted' && value.filter === undefined)
    fail(
      'event.filter',
      'is required for message_posted (Slack will not send every message): e.g. {"version": 1, "root": {"statement": "{{data.user_id}} == U0123ABCDEF"}}',
      'invalid_trigger_config',
    );
  if (name === 'message_metadata_posted' && (typeof value.metadata_event_type !== 'string' || !value.metadata_event_type.trim()))
    fail(
      'event.metadata_event_type',
      `is required for message_metadata_posted: the metadata event type to listen for (got ${describe(value.metadata_event_type)})`,
      'invalid_trigger_config',
    );
  return value as TriggerRequest['event'];
}

/** Filters are part of the trigger's configuration: every problem in one is invalid_trigger_config. */
const configError =
  (fail: Fail) =>
  (field: string, message: string): void =>
    fail(field, message, 'invalid_trigger_config');

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
