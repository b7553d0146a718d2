// How a `rosi trigger access` request becomes calls, given who may run the trigger now (runtime contract §1.7):
// the official CLI's order of set, add and remove, and its client-side refusals.
import type { SlackApi } from '../api/client.js';
import type { PermissionType } from '../api/schemas/triggers.js';
import { ApiError } from '../errors/api-error.js';
import { UsageError } from '../errors/cli-error.js';
import { grantTriggerAccess, revokeTriggerAccess, setTriggerAccess, triggerAccess, type NamedEntities, type TriggerAccess } from './requests.js';

type Api = Pick<SlackApi, 'call'>;

export type AccessRequest =
  | { kind: 'set'; type: Exclude<PermissionType, 'named_entities'> }
  | { kind: 'grant'; entities: NamedEntities }
  | { kind: 'revoke'; entities: NamedEntities };

/** The call a request makes against the current access. */
export type AccessStep =
  | { call: 'set'; type: PermissionType; entities?: NamedEntities | undefined }
  | { call: 'add'; entities: NamedEntities }
  | { call: 'remove'; entities: NamedEntities };

const KINDS = [
  ['users', 'user'],
  ['channels', 'channel'],
  ['teams', 'workspace'],
  ['orgs', 'organization'],
] as const;

export function entityCount(e: NamedEntities): number {
  return KINDS.reduce((n, [k]) => n + (e[k]?.length ?? 0), 0);
}

/**
 * The one call a request needs. Granting to a trigger not yet limited to named entities replaces its access
 * (`set` to `named_entities`: its current holders lose it unless listed); later grants `add`. Revoking is only
 * possible from a named list that holds the entities.
 *
 * @throws UsageError (exit 2, nothing sent) for a revoke the current access cannot take.
 */
export function planAccessChange(current: TriggerAccess, r: AccessRequest): AccessStep {
  if (r.kind === 'set') return { call: 'set', type: r.type };
  if (r.kind === 'grant')
    return current.type === 'named_entities' ? { call: 'add', entities: r.entities } : { call: 'set', type: 'named_entities', entities: r.entities };
  if (current.type !== 'named_entities') {
    throw new UsageError(`The trigger can be run by ${describeType(current.type)}, not by a list of entities, so there is nobody to revoke`, {
      code: 'invalid_access_change',
      hint:
        current.type === 'everyone'
          ? 'Limit who can run it with --app-collaborators, or grant entities access (--grant): the list then replaces everyone.'
          : 'Grant entities access first (--grant): the list then replaces the app’s collaborators.',
    });
  }
  if (entityCount(current) === 0) {
    throw new UsageError('The trigger’s access list is empty: there is nobody to revoke', { code: 'invalid_access_change' });
  }
  const missing = KINDS.flatMap(([k, what]) => (r.entities[k] ?? []).filter((id) => !current[k].includes(id)).map((id) => `${what} ${id}`));
  if (missing.length > 0) {
    throw new UsageError(`Not on the trigger’s access list: ${missing.join(', ')}`, {
      code: 'invalid_access_change',
      hint: 'Revoke only entities that were granted access; --info lists them.',
    });
  }
  return { call: 'remove', entities: r.entities };
}

/** Makes the call and returns the access it left (add and remove answer only `ok`, so it is read back). */
export async function applyAccessStep(api: Api, triggerId: string, step: AccessStep): Promise<TriggerAccess> {
  try {
    switch (step.call) {
      case 'set':
        // Set answers with the access it left, as permissions.list would.
        return await setTriggerAccess(api, triggerId, { type: step.type, entities: step.entities });
      case 'add':
        await grantTriggerAccess(api, triggerId, step.entities);
        break;
      case 'remove':
        await revokeTriggerAccess(api, triggerId, step.entities);
        break;
    }
  } catch (e) {
    throw explainUnknownEntity(e, step.entities ?? {});
  }
  return triggerAccess(api, triggerId);
}

/** Each `*_not_found` answer, the list it is about, and where the user finds a right ID. */
const NOT_FOUND: Record<string, { key: keyof NamedEntities; what: string; where: string }> = {
  user_not_found: { key: 'users', what: 'user', where: 'a member ID is under ⋮ in their Slack profile (Copy member ID)' },
  channel_not_found: { key: 'channels', what: 'channel', where: 'a channel ID is at the bottom of its About tab' },
  team_not_found: { key: 'teams', what: 'workspace', where: 'a workspace ID starts with T' },
  org_not_found: { key: 'orgs', what: 'organization', where: 'an organization ID starts with E' },
};

/** Slack names the kind of entity it does not know, not the ID: the refusal names the IDs that were sent. */
function explainUnknownEntity(e: unknown, entities: NamedEntities): unknown {
  const kind = e instanceof ApiError ? NOT_FOUND[e.slackError] : undefined;
  const ids = kind ? (entities[kind.key] ?? []) : [];
  if (!(e instanceof ApiError) || !kind || ids.length === 0) return e;
  const description =
    ids.length === 1
      ? `The ${kind.what} ${ids[0]} is not one the trigger can be shared with`
      : `One of the ${kind.what}s ${ids.join(', ')} is not one the trigger can be shared with`;
  return new ApiError({
    method: e.method,
    error: e.slackError,
    status: e.status,
    body: e.body,
    cause: e,
    description,
    hint: `Check the ${kind.what} IDs: each must be of the app’s workspace (${kind.where}).`,
  });
}

/** Who a permission type lets run a trigger, in words. */
export function describeType(type: PermissionType): string {
  switch (type) {
    case 'everyone':
      return 'everyone in the workspace';
    case 'app_collaborators':
      return 'the app’s collaborators';
    case 'named_entities':
      return 'the users, channels, workspaces and organizations listed';
  }
}

/** Entity lists merged, each ID once, in order. */
export function mergeEntities(a: NamedEntities, b: NamedEntities): NamedEntities {
  const out: NamedEntities = {};
  for (const [k] of KINDS) {
    const ids = [...new Set([...(a[k] ?? []), ...(b[k] ?? [])])];
    if (ids.length) out[k] = ids;
  }
  return out;
}
