import type { Store, Team, User } from '../store.js';
import type { ChannelRow } from './channels-store.js';

/*
 * Who and what a team can see. Another team's user or channel is not found, exactly as one
 * that does not exist: a token must not learn what lives in other tenants.
 */

export function findUser(store: Pick<Store, 'user'>, teamId: string, id: string): User | undefined {
  const user = store.user(id);
  return user?.team_id === teamId ? user : undefined;
}

export function findChannel(store: Pick<Store, 'channels'>, teamId: string, id: string): ChannelRow | undefined {
  const channel = store.channels.get(id);
  return channel?.team_id === teamId ? channel : undefined;
}

/** Any team by ID; whether a caller may see it is the caller's question (team.info answers only one's own). */
export function findTeam(store: Pick<Store, 'team'>, id: string): Team | undefined {
  return store.team(id);
}
