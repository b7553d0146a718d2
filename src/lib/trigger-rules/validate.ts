// Checks a trigger definition before rosi sends it, catching locally what Slack (and the emulator) would reject,
// and every problem at once, each with its field path.
import { isObject } from '../is-object.js';
import { validateSchedule } from '../schedule/index.js';
import { didYouMean, meant, suggestions } from '../suggest.js';
import { EVENT_TYPE_PREFIX, EVENT_TYPES, knownEventName } from './context-data.js';
import { checkFilter } from './filter.js';
import { checkInputs } from './inputs.js';
import type { ReferenceScope } from './references.js';
import { type ManifestWorkflow, TRIGGER_TYPES, type TriggerFieldError, type TriggerRequest, type TriggerType, type TriggerValidation } from './types.js';

type Fail = (field: string, message: string) => void;

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
  const fail: Fail = (field, message) => errors.push({ field, message });
  if (!isObject(def)) {
    fail('(definition)', `must be an object such as {"type": "shortcut", "name": "…", "workflow": "#/workflows/<callback_id>"} (got ${describe(def)})`);
    return { ok: false, errors };
  }

  const type = readType(def.type, fail);
  const name = readName(def.name, fail);
  const description = readDescription(def.description, fail);
  const workflow = readWorkflow(def.workflow, opts.workflows, fail);
  for (const key of Object.keys(def)) {
    if (KNOWN_KEYS.includes(key)) continue;
    fail(key, `is not a field of a trigger definition${didYouMean(key, KNOWN_KEYS)}: remove it`);
  }
  if (type) {
    for (const [other, key] of Object.entries(TYPE_KEYS)) {
      if (other !== type && def[key] !== undefined) fail(key, `only applies to ${other} triggers, and this one is ${type}: remove it`);
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
  if (value === undefined) fail('type', `is required: one of ${kinds}`);
  else if (value === 'link') fail('type', `"link" triggers are written "shortcut": use one of ${kinds}`);
  else fail('type', `${JSON.stringify(value)} is not a trigger type${typeof value === 'string' ? didYouMean(value, TRIGGER_TYPES) : ''}: use one of ${kinds}`);
  return undefined;
}

function readName(value: unknown, fail: Fail): string | undefined {
  if (typeof value === 'string' && value.trim()) return value;
  fail('name', value === undefined ? 'is required: the name people see for the trigger' : `must be a non-empty string (got ${describe(value)})`);
  return undefined;
}

function readDescription(value: unknown, fail: Fail): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') fail('description', `must be a string (got ${describe(value)})`);
  return typeof value === 'string' ? value : '';
}

function readWorkflow(value: unknown, workflows: readonly ManifestWorkflow[], fail: Fail): { ref?: string; known?: ManifestWorkflow } {
  const ids = workflows.map((w) => w.callbackId);
  const listed = ids.length ? `the manifest has ${ids.map((id) => `#/workflows/${id}`).join(', ')}` : 'the manifest declares no workflows: add one first';
  if (typeof value !== 'string') {
    fail(
      'workflow',
      value === undefined ? `is required: "#/workflows/<callback_id>"; ${listed}` : `must be a string "#/workflows/<callback_id>" (got ${describe(value)})`,
    );
    return {};
  }
  const match = WORKFLOW_REF.exec(value);
  if (!match) {
    const bare = ids.includes(value) ? ` (did you mean #/workflows/${value}?)` : '';
    fail('workflow', `${JSON.stringify(value)} is not a workflow reference${bare}: write "#/workflows/<callback_id>"; ${listed}`);
    return {};
  }
  const id = match[1] as string;
  const known = workflows.find((w) => w.callbackId === id);
  if (!known) {
    const close = meant(suggestions(id, ids).map((s) => `#/workflows/${s}`));
    fail('workflow', `the manifest has no workflow "${id}"${close}: ${listed}`);
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
        fail('schedule', 'is required on a scheduled trigger: at least {"start_time": "2026-03-01T14:00:00Z"}');
        return {};
      }
      const checked = validateSchedule(def.schedule);
      if ('errors' in checked) for (const e of checked.errors) fail(e.field, e.message);
      return 'schedule' in checked ? { schedule: checked.schedule } : {};
    }
    case 'event':
      return { event: readEvent(def.event, scope, fail) };
  }
}

function readShortcut(value: unknown, fail: Fail): { button_text?: string } | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    fail('shortcut', `must be an object such as {"button_text": "Run"} (got ${describe(value)})`);
    return undefined;
  }
  if (value.button_text !== undefined && typeof value.button_text !== 'string')
    fail('shortcut.button_text', `must be a string, the text of the trigger's button (got ${describe(value.button_text)})`);
  return value as { button_text?: string };
}

function readWebhook(value: unknown, scope: ReferenceScope, fail: Fail): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    fail('webhook', `must be an object, e.g. {"filter": {"version": 1, "root": {"statement": "{{data.kind}} == deploy"}}} (got ${describe(value)})`);
    return undefined;
  }
  if (value.filter !== undefined) checkFilter(value.filter, 'webhook.filter', scope, fail);
  if (value.schema !== undefined && value.schema_ref !== undefined) fail('webhook', 'has both "schema" and "schema_ref": give only one');
  return value;
}

function readEvent(value: unknown, scope: ReferenceScope, fail: Fail): TriggerRequest['event'] | undefined {
  if (!isObject(value)) {
    const example = '{"event_type": "slack#/events/reaction_added", "channel_ids": ["C0123ABCDEF"]}';
    fail('event', value === undefined ? `is required on an event trigger, e.g. ${example}` : `must be an object such as ${example} (got ${describe(value)})`);
    return undefined;
  }
  const name = scope.eventName;
  const eventType = value.event_type;
  const names = Object.keys(EVENT_TYPES);
  if (eventType === undefined) fail('event.event_type', `is required: "slack#/events/<name>", e.g. "slack#/events/reaction_added"`);
  else if (!name) {
    const bare = typeof eventType === 'string' ? eventType.replace(EVENT_TYPE_PREFIX, '') : '';
    const spelled = Object.hasOwn(EVENT_TYPES, bare) ? ` (write it "${EVENT_TYPE_PREFIX}${bare}")` : didYouMean(bare, names);
    fail(
      'event.event_type',
      `${JSON.stringify(eventType)} is not an event type rosi knows${spelled}: use "${EVENT_TYPE_PREFIX}<name>" with one of ${names.join(', ')}`,
    );
  }
  if (value.filter !== undefined) checkFilter(value.filter, 'event.filter', scope, fail);
  if (!name) return undefined;

  const info = EVENT_TYPES[name] as (typeof EVENT_TYPES)[string];
  const channelIds = value.channel_ids;
  const allResources = value.all_resources;
  if (info.scope === 'channel') {
    const hasChannels = channelIds !== undefined;
    if (hasChannels && !(Array.isArray(channelIds) && channelIds.length > 0 && channelIds.every((c) => typeof c === 'string' && c.trim())))
      fail('event.channel_ids', `must be a non-empty list of channel IDs such as ["C0123ABCDEF"] (got ${describe(channelIds)})`);
    if (allResources !== undefined && typeof allResources !== 'boolean') fail('event.all_resources', `must be true or false (got ${describe(allResources)})`);
    if (hasChannels && allResources === true)
      fail('event', 'has both channel_ids and all_resources: true: give one, the channels to listen in or every channel');
    else if (!hasChannels && allResources !== true)
      fail(
        'event.channel_ids',
        `is required for ${name} (a channel event): list the channels to listen in, e.g. ["C0123ABCDEF"], or set "all_resources": true`,
      );
  } else {
    if (channelIds !== undefined) fail('event.channel_ids', `does not apply to ${name}, which happens across the workspace: remove it`);
    if (allResources !== undefined) fail('event.all_resources', `does not apply to ${name}, which happens across the workspace: remove it`);
    const teamIds = value.team_ids;
    if (teamIds !== undefined && !(Array.isArray(teamIds) && teamIds.length > 0 && teamIds.every((t) => typeof t === 'string' && t.trim())))
      fail('event.team_ids', `must be a non-empty list of workspace IDs such as ["T0123ABCDEF"] (got ${describe(teamIds)})`);
  }
  if (name === 'message_posted' && value.filter === undefined)
    fail(
      'event.filter',
      'is required for message_posted (Slack will not send every message): e.g. {"version": 1, "root": {"statement": "{{data.user_id}} == U0123ABCDEF"}}',
    );
  if (name === 'message_metadata_posted' && (typeof value.metadata_event_type !== 'string' || !value.metadata_event_type.trim()))
    fail(
      'event.metadata_event_type',
      `is required for message_metadata_posted: the metadata event type to listen for (got ${describe(value.metadata_event_type)})`,
    );
  return value as TriggerRequest['event'];
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
