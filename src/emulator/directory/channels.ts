import { newChannelId } from '../ids.js';
import type { ChannelsStore } from './channels-store.js';

/** Slack's rule for channel names: lower case letters, digits, hyphens and underscores, at most 80. */
const CHANNEL_NAME = /^[a-z0-9_-]{1,80}$/;

/** Why a channel name is refused, said as a fix; undefined when it is a good one. */
export function channelNameProblem(name: string): string | undefined {
  if (name.startsWith('#')) return 'leave out the #';
  if (name.length > 80) return 'it is longer than 80 characters';
  if (!CHANNEL_NAME.test(name)) return 'use lower case letters, digits, - and _ only';
  return undefined;
}

/**
 * The emulator's own team starts with #general and #random under these IDs, so tests and
 * trigger definitions can name them; every other team gets a #general of its own.
 */
export const SEEDED_CHANNELS = [
  { id: 'C0GENERAL', name: 'general' },
  { id: 'C0RANDOM', name: 'random' },
] as const;

/**
 * Makes sure a team has its starting channels. Runs at every start and every tenant seed, so
 * it adds only what is missing; a stable ID another team already holds (a data folder used
 * with another --team-id) is replaced by a fresh one.
 */
export function seedChannels(channels: ChannelsStore, t: { teamId: string; creator: string; now: number; ownTeam: boolean }): void {
  const wanted = t.ownTeam ? SEEDED_CHANNELS : [{ id: undefined, name: 'general' }];
  for (const { id, name } of wanted) {
    const row = { team_id: t.teamId, name, is_private: false, creator: t.creator, created_at: t.now };
    if (channels.byName(t.teamId, name)) continue;
    if (id && channels.createIfFree({ ...row, id })) continue;
    channels.createIfFree({ ...row, id: newChannelId() });
  }
}
