import type { SlackApi } from '../api/client.js';
import type { RequestOf, ResponseOf } from '../api/methods.js';
import { cursorPages } from '../api/paging.js';
import { PERMISSION_TYPES, type DeployedTrigger, type PermissionType, type TriggerRequest } from '../api/schemas/triggers.js';
import { ApiContractError } from '../errors/api-error.js';
import { byCodeUnit } from '../lib/compare.js';
import { explainSaveFailure } from './missing-inputs.js';

type Api = Pick<SlackApi, 'call'>;

/**
 * A trigger's body in the official CLI's key order (Go `json.Marshal` of its request
 * struct), which Slack's own tests pin byte for byte: `description` and `workflow_app_id`
 * always, the rest only when given; inputs sorted by name, with a false `customizable` left
 * out; the shortcut keeps only its button text. Unlike the CLI's Go map of strings, a `value`
 * may be any JSON value and `""` is kept, as the SDK's client sends them (definition/README.md, decision 3).
 */
export function triggerBody(t: TriggerRequest): TriggerRequest {
  // Built as one literal: key order is insertion order, so a key added later would land last.
  const inputs = orderedInputs(t.inputs);
  return {
    type: t.type,
    name: t.name,
    description: t.description,
    ...(t.shortcut && { shortcut: t.shortcut.button_text ? { button_text: t.shortcut.button_text } : {} }),
    workflow: t.workflow,
    workflow_app_id: t.workflow_app_id,
    ...(inputs && { inputs }),
    ...(t.event && { event: t.event }),
    ...(t.schedule && { schedule: t.schedule }),
    ...(t.webhook && { webhook: t.webhook }),
    ...(t.service && { service: t.service }),
  };
}

function orderedInputs(inputs: TriggerRequest['inputs']): TriggerRequest['inputs'] {
  if (!inputs) return undefined;
  const names = Object.keys(inputs).sort(byCodeUnit);
  if (names.length === 0) return undefined;
  const out: NonNullable<TriggerRequest['inputs']> = {};
  for (const name of names) {
    const input = inputs[name];
    const kept: { value?: unknown; customizable?: boolean } = {};
    if (input?.value !== undefined) kept.value = input.value;
    if (input?.customizable) kept.customizable = true;
    out[name] = kept;
  }
  return out;
}

/** Creates a trigger; a refusal for missing workflow inputs names each input. */
export async function createTrigger(api: Api, t: TriggerRequest): Promise<DeployedTrigger> {
  try {
    return (await api.call('workflows.triggers.create', triggerBody(t))).trigger;
  } catch (e) {
    throw explainSaveFailure(e);
  }
}

/** Replaces a trigger whole (Slack has no partial update); `trigger_id` goes last, as the CLI sends it. */
export async function updateTrigger(api: Api, triggerId: string, t: TriggerRequest): Promise<DeployedTrigger> {
  try {
    return (await api.call('workflows.triggers.update', { ...triggerBody(t), trigger_id: triggerId })).trigger;
  } catch (e) {
    throw explainSaveFailure(e);
  }
}

export async function deleteTrigger(api: Api, triggerId: string): Promise<void> {
  await api.call('workflows.triggers.delete', { trigger_id: triggerId });
}

/** The trigger as Slack has it, fields rosi does not know included. */
export async function triggerInfo(api: Api, triggerId: string): Promise<DeployedTrigger> {
  return (await api.call('workflows.triggers.info', { trigger_id: triggerId })).trigger;
}

/**
 * Starts the trigger's workflow now with `data` as the trip's data: `emulator.triggers.run`, the emulator's own
 * method (Slack has none; triggers/run-trigger.ts decides when to call it).
 */
export async function fireTrigger(api: Api, triggerId: string, data: Record<string, unknown>): Promise<ResponseOf<'emulator.triggers.run'>> {
  return api.call('emulator.triggers.run', { trigger_id: triggerId, data });
}

export interface ListTriggersOptions {
  appId: string;
  /** A trigger type, or `all` (the default: no filter is sent). */
  type?: string | undefined;
  /** Page size; absent or 0 sends none, and Slack answers every trigger in one page. */
  limit?: number | undefined;
  /** Resume from this cursor instead of the first page. */
  cursor?: string | undefined;
}

export interface TriggerPage {
  /** This page's triggers of the app. */
  triggers: DeployedTrigger[];
  /** Where the next page starts; undefined on the last page. */
  nextCursor: string | undefined;
}

/**
 * The app's triggers, a page at a time as the caller asks for the next. Slack also answers
 * triggers of other apps the user can see (the official CLI lists those too); rosi keeps
 * only those whose workflow belongs to the app, so a page may hold fewer than `limit`.
 */
export async function* listTriggers(api: Api, o: ListTriggersOptions): AsyncGenerator<TriggerPage> {
  const request = (cursor: string | undefined): RequestOf<'workflows.triggers.list'> => {
    const body: RequestOf<'workflows.triggers.list'> = { app_id: o.appId };
    if (o.limit) body.limit = o.limit;
    if (cursor) body.cursor = cursor;
    if (o.type && o.type !== 'all') body.type = o.type;
    return body;
  };
  for await (const { page, nextCursor } of cursorPages(({ cursor }) => api.call('workflows.triggers.list', request(cursor)), { cursor: o.cursor })) {
    yield { triggers: page.triggers.filter((t) => workflowAppId(t) === o.appId), nextCursor };
  }
}

function workflowAppId(t: DeployedTrigger): string | undefined {
  return t.workflow?.app_id ?? t.workflow?.app?.id;
}

/** Who may run a trigger (§1.2). */
export interface NamedEntities {
  users?: readonly string[] | undefined;
  channels?: readonly string[] | undefined;
  teams?: readonly string[] | undefined;
  orgs?: readonly string[] | undefined;
}

export interface TriggerAccess {
  type: PermissionType;
  users: string[];
  channels: string[];
  teams: string[];
  orgs: string[];
}

export interface TriggerAccessChange {
  type: PermissionType;
  /** Only with `named_entities`. */
  entities?: NamedEntities | undefined;
}

type EntityFields = { user_ids?: string; channel_ids?: string; team_ids?: string; org_ids?: string };

/** Each non-empty list as one comma-joined field, the way Slack takes them. */
function entityFields(e: NamedEntities | undefined): EntityFields {
  const out: EntityFields = {};
  if (e?.users?.length) out.user_ids = e.users.join(',');
  if (e?.channels?.length) out.channel_ids = e.channels.join(',');
  if (e?.teams?.length) out.team_ids = e.teams.join(',');
  if (e?.orgs?.length) out.org_ids = e.orgs.join(',');
  return out;
}

interface AccessAnswer {
  permission_type?: string | undefined;
  user_ids?: string[] | undefined;
  channel_ids?: string[] | undefined;
  team_ids?: string[] | undefined;
  org_ids?: string[] | undefined;
}

function access(method: string, r: AccessAnswer, fallback?: PermissionType): TriggerAccess {
  const raw = r.permission_type?.toLowerCase() ?? fallback;
  const type = PERMISSION_TYPES.find((p) => p === raw);
  if (!type) throw new ApiContractError(method, `unrecognized access type "${r.permission_type ?? ''}"`);
  return { type, users: r.user_ids ?? [], channels: r.channel_ids ?? [], teams: r.team_ids ?? [], orgs: r.org_ids ?? [] };
}

export async function triggerAccess(api: Api, triggerId: string): Promise<TriggerAccess> {
  return access('workflows.triggers.permissions.list', await api.call('workflows.triggers.permissions.list', { trigger_id: triggerId }));
}

/** Replaces who may run the trigger; entity lists are sent only with `named_entities`. */
export async function setTriggerAccess(api: Api, triggerId: string, change: TriggerAccessChange): Promise<TriggerAccess> {
  const lists = change.type === 'named_entities' ? entityFields(change.entities) : {};
  const r = await api.call('workflows.triggers.permissions.set', { trigger_id: triggerId, permission_type: change.type, ...lists });
  return access('workflows.triggers.permissions.set', r, change.type);
}

/** Adds entities to a `named_entities` trigger's list. */
export async function grantTriggerAccess(api: Api, triggerId: string, entities: NamedEntities): Promise<void> {
  await api.call('workflows.triggers.permissions.add', { trigger_id: triggerId, ...entityFields(entities) });
}

/** Removes entities from a `named_entities` trigger's list. */
export async function revokeTriggerAccess(api: Api, triggerId: string, entities: NamedEntities): Promise<void> {
  await api.call('workflows.triggers.permissions.remove', { trigger_id: triggerId, ...entityFields(entities) });
}
