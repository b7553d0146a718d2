import type { Store } from '../store.js';
import { findUser } from './lookups.js';
import type { UsergroupRow } from './usergroups-store.js';

/*
 * User groups. The emulator makes none by itself (a workspace's groups are its admins' doing): a test makes
 * them with POST /__emulator/usergroups, and a built-in naming any other ID fails as Slack's does, no_such_subteam.
 */

/** Slack's handles: lower-case letters, digits, `.`, `-` and `_`. */
export const USERGROUP_HANDLE = /^[a-z0-9._-]{1,80}$/;

/** The team's group with that ID; another team's is not found, as one that does not exist. */
export function findUsergroup(store: Pick<Store, 'usergroups'>, teamId: string, id: string): UsergroupRow | undefined {
  const group = store.usergroups.get(id);
  return group?.team_id === teamId ? group : undefined;
}

/** Adds a person of the team to the team's group; already a member is fine (the group is as asked). */
export function addToUsergroup(
  store: Pick<Store, 'usergroups' | 'user'>,
  a: { teamId: string; usergroupId: string; userId: string; now: number },
): 'ok' | 'no_such_subteam' | 'user_not_found' {
  if (!findUsergroup(store, a.teamId, a.usergroupId)) return 'no_such_subteam';
  if (!findUser(store, a.teamId, a.userId)) return 'user_not_found';
  store.usergroups.addMember(a.usergroupId, a.userId, a.now);
  return 'ok';
}
