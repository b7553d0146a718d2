import type { AppRow } from '../apps/index.js';
import type { EmulatorDeps } from '../deps.js';
import { findChannel, findUser } from '../directory/index.js';
import { MethodError } from '../errors.js';
import { stringParam, type Family, type ParsedRequest } from '../http/index.js';
import { manageableTrigger } from './access.js';
import { triggerCaller } from './caller.js';
import { idsParam, triggerIdParam } from './params.js';
import { ENTITY_LISTS, noEntities, type AccessLists, type PermissionType, type TriggerRow } from './triggers-store.js';

/*
 * workflows.triggers.permissions.* (runtime contract §1.2, §6.1 item 6). The emulator records who may
 * use a trigger and answers it; it does not stop anyone tripping one (nothing in it has a person to stop).
 */

const PERMISSION_TYPES: readonly PermissionType[] = ['everyone', 'app_collaborators', 'named_entities'];
/** The official CLI's catalogue: "Trigger access can not be configured for more than 10 users". */
export const MAX_NAMED_USERS = 10;

/** The access a trigger answers: app_collaborators lists the app's collaborators as they are now. Empty lists are left out. */
function accessAnswer(t: Pick<TriggerRow, 'permission_type' | 'access'>, app: AppRow, deps: EmulatorDeps): Record<string, unknown> {
  const lists: AccessLists =
    t.permission_type === 'app_collaborators'
      ? { ...noEntities(), user_ids: deps.store.apps.collaborators(app.id).map((c) => c.user_id) }
      : t.permission_type === 'named_entities'
        ? t.access
        : noEntities();
  const answer: Record<string, unknown> = { permission_type: t.permission_type };
  for (const key of ENTITY_LISTS) if (lists[key].length > 0) answer[key] = lists[key];
  return answer;
}

/** The four entity lists a call carries (comma-joined or JSON arrays); each absent list is empty. */
function entitiesParam(req: ParsedRequest): AccessLists {
  const lists = noEntities();
  for (const key of ENTITY_LISTS) lists[key] = idsParam(req, key) ?? [];
  return lists;
}

const isEmpty = (lists: AccessLists) => ENTITY_LISTS.every((k) => lists[k].length === 0);

/**
 * Every ID names something the trigger can be shared with: a user or channel of the app's team, a known
 * workspace or organisation. The first that does not is
 * the answer: user_not_found, channel_not_found, team_not_found or org_not_found.
 */
function checkEntities(lists: AccessLists, app: AppRow, deps: EmulatorDeps): void {
  for (const id of lists.user_ids) if (!findUser(deps.store, app.team_id, id)) throw new MethodError('user_not_found');
  for (const id of lists.channel_ids) if (!findChannel(deps.store, app.team_id, id)) throw new MethodError('channel_not_found');
  for (const id of lists.team_ids) if (!id.startsWith('T') || !deps.store.team(id)) throw new MethodError('team_not_found');
  for (const id of lists.org_ids) if (!id.startsWith('E') || !deps.store.team(id)) throw new MethodError('org_not_found');
}

function limitUsers(lists: AccessLists): void {
  if (lists.user_ids.length > MAX_NAMED_USERS) throw new MethodError('too_many_named_entities');
}

const unique = (ids: readonly string[]) => [...new Set(ids)];

function target(req: ParsedRequest, deps: EmulatorDeps) {
  return manageableTrigger(triggerCaller(req, deps), triggerIdParam(req), deps);
}

function list(req: ParsedRequest, deps: EmulatorDeps): Record<string, unknown> {
  const { trigger, app } = target(req, deps);
  return accessAnswer(trigger, app, deps);
}

function set(req: ParsedRequest, deps: EmulatorDeps): Record<string, unknown> {
  const { trigger, app } = target(req, deps);
  const type = stringParam(req, 'permission_type');
  if (!PERMISSION_TYPES.includes(type as PermissionType)) throw new MethodError('invalid_arguments');
  const permissionType = type as PermissionType;
  // Lists sent with everyone or app_collaborators mean nothing, and are not kept.
  let access = noEntities();
  if (permissionType === 'named_entities') {
    access = entitiesParam(req);
    for (const key of ENTITY_LISTS) access[key] = unique(access[key]);
    if (isEmpty(access)) throw new MethodError('named_entities_cannot_be_empty');
    limitUsers(access);
    checkEntities(access, app, deps);
  }
  deps.store.triggers.setAccess(trigger.id, permissionType, access);
  return accessAnswer({ permission_type: permissionType, access }, app, deps);
}

function add(req: ParsedRequest, deps: EmulatorDeps): Record<string, unknown> {
  const { trigger, app } = target(req, deps);
  if (trigger.permission_type !== 'named_entities') throw new MethodError('invalid_permission_type');
  const given = entitiesParam(req);
  if (isEmpty(given)) throw new MethodError('invalid_arguments');
  checkEntities(given, app, deps);
  const access = noEntities();
  for (const key of ENTITY_LISTS) access[key] = unique([...trigger.access[key], ...given[key]]);
  limitUsers(access);
  deps.store.triggers.setAccess(trigger.id, 'named_entities', access);
  return accessAnswer({ permission_type: 'named_entities', access }, app, deps);
}

/** IDs the trigger is not shared with are skipped; the lists may end up empty (the CLI then shows "nobody"). */
function remove(req: ParsedRequest, deps: EmulatorDeps): Record<string, unknown> {
  const { trigger, app } = target(req, deps);
  if (trigger.permission_type !== 'named_entities') throw new MethodError('invalid_permission_type');
  const given = entitiesParam(req);
  if (isEmpty(given)) throw new MethodError('invalid_arguments');
  const access = noEntities();
  for (const key of ENTITY_LISTS) access[key] = trigger.access[key].filter((id) => !given[key].includes(id));
  deps.store.triggers.setAccess(trigger.id, 'named_entities', access);
  return accessAnswer({ permission_type: 'named_entities', access }, app, deps);
}

export const permissionsFamily: Family = {
  'workflows.triggers.permissions.list': list,
  'workflows.triggers.permissions.set': set,
  'workflows.triggers.permissions.add': add,
  'workflows.triggers.permissions.remove': remove,
};
