import type { ResponseOf } from '../../api/methods.js';
import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import { originOf, stringParam, type Family, type ParsedRequest } from '../http/index.js';
import { newTriggerId, newTriggerSecret } from '../ids.js';
import { manageableTrigger } from './access.js';
import { triggerCaller, workflowApp } from './caller.js';
import { checkedDefinition } from './definition.js';
import { decodeTriggersCursor, encodeTriggersCursor } from './list-cursor.js';
import { idsParam, limitParam, triggerIdParam } from './params.js';
import { permissionsFamily } from './permissions.js';
import { runFamily } from './run.js';
import { triggerObject } from './trigger-object.js';
import { noEntities } from './triggers-store.js';

/*
 * workflows.triggers.* (runtime contract §1.1, §6.1). Slack publishes no reference for these methods;
 * what the emulator chooses where the contract leaves it open is in its README ("Triggers: what the
 * emulator chooses"). Definitions are checked with lib/trigger-rules, the rules rosi checks a file with.
 */

function create(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'workflows.triggers.create'> {
  const caller = triggerCaller(req, deps);
  const app = workflowApp(caller, req, deps);
  const now = deps.now();
  const definition = checkedDefinition(req, app, now);
  const trigger = {
    id: newTriggerId(),
    app_id: app.id,
    team_id: app.team_id,
    type: definition.type,
    definition,
    secret: newTriggerSecret(),
    created_by: caller.userId,
    created_at: now,
    updated_at: now,
    // Slack's docs: a new trigger is usable by others only once its creator grants access.
    permission_type: 'app_collaborators' as const,
    access: noEntities(),
  };
  deps.store.triggers.insert(trigger);
  deps.workflows.schedulesChanged?.();
  return { trigger: triggerObject(trigger, app, originOf(req, deps)) };
}

function update(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'workflows.triggers.update'> {
  const caller = triggerCaller(req, deps);
  const { trigger, app } = manageableTrigger(caller, triggerIdParam(req), deps);
  // A trigger stays with its app: the workflow_app_id of an update must name it.
  if (workflowApp(caller, req, deps).id !== app.id) throw new MethodError('invalid_workflow_app_id');
  const now = deps.now();
  const definition = checkedDefinition(req, app, now, trigger.definition.schedule?.start_time);
  deps.store.triggers.replace(trigger.id, definition, now);
  deps.workflows.schedulesChanged?.();
  return { trigger: triggerObject({ ...trigger, type: definition.type, definition, updated_at: now }, app, originOf(req, deps)) };
}

function remove(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'workflows.triggers.delete'> {
  const { trigger } = manageableTrigger(triggerCaller(req, deps), triggerIdParam(req), deps);
  deps.store.triggers.delete(trigger.id);
  deps.workflows.schedulesChanged?.();
  return {};
}

function info(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'workflows.triggers.info'> {
  const { trigger, app } = manageableTrigger(triggerCaller(req, deps), triggerIdParam(req), deps);
  return { trigger: triggerObject(trigger, app, originOf(req, deps)) };
}

// `external` is a type the official CLI filters by; the emulator makes none, so it lists nothing.
const LIST_TYPES = ['shortcut', 'event', 'scheduled', 'webhook', 'external'];

function list(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'workflows.triggers.list'> {
  const caller = triggerCaller(req, deps);
  const typeParam = stringParam(req, 'type');
  if (typeParam !== undefined && typeParam !== 'all' && !LIST_TYPES.includes(typeParam)) throw new MethodError('invalid_arguments');
  const limit = limitParam(req);
  const cursor = stringParam(req, 'cursor');
  const after = cursor === undefined ? undefined : decodeTriggersCursor(caller.userId, cursor);
  if (cursor !== undefined && !after) throw new MethodError('invalid_cursor');
  // Only apps the caller may manage; a named app they may not is filtered out like one without triggers.
  const named = [...(idsParam(req, 'app_id') ?? []), ...(idsParam(req, 'app_ids') ?? [])];
  const manageable = caller.manageableApps();
  const appIds = named.length > 0 ? manageable.filter((id) => named.includes(id)) : manageable;
  const rows = deps.store.triggers.list({
    appIds,
    type: typeParam === 'all' ? undefined : typeParam,
    after,
    limit: limit === undefined ? undefined : limit + 1,
  });
  const page = limit === undefined ? rows : rows.slice(0, limit);
  const last = page.at(-1);
  const more = limit !== undefined && rows.length > limit && last;
  const origin = originOf(req, deps);
  const apps = new Map(appIds.map((id) => [id, deps.store.apps.get(id)]));
  return {
    triggers: page.flatMap((t) => {
      const app = apps.get(t.app_id);
      return app ? [triggerObject(t, app, origin)] : [];
    }),
    response_metadata: { next_cursor: more ? encodeTriggersCursor(caller.userId, last) : '' },
  };
}

export const triggersFamily: Family = {
  'workflows.triggers.create': create,
  'workflows.triggers.update': update,
  'workflows.triggers.delete': remove,
  'workflows.triggers.info': info,
  'workflows.triggers.list': list,
  ...permissionsFamily,
  ...runFamily,
};
