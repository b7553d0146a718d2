import { newChannelId } from '../ids.js';
import type { ChannelRow, ChannelsStore } from './channels-store.js';

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
 * Why Slack's conversations.create refuses a name, in its codes (`invalid_name_required`, `_maxlength`,
 * `_punctuation` for a name of only `-` and `_`, `_specials` for anything but lower-case letters, digits,
 * `-` and `_`); undefined when it is a good one.
 */
export function channelNameError(name: string): string | undefined {
  if (name === '') return 'invalid_name_required';
  if (name.length > 80) return 'invalid_name_maxlength';
  if (/^[-_]+$/.test(name)) return 'invalid_name_punctuation';
  if (!CHANNEL_NAME.test(name)) return 'invalid_name_specials';
  return undefined;
}

/** Makes a channel for a team as conversations.create does: Slack's name rules, and name_taken for a name the team has. */
export function createChannel(
  channels: ChannelsStore,
  c: { teamId: string; name: string; isPrivate: boolean; creator: string; now: number },
): { channel: ChannelRow } | { error: string } {
  const error = channelNameError(c.name);
  if (error) return { error };
  const channel = { id: newChannelId(), team_id: c.teamId, name: c.name, is_private: c.isPrivate, creator: c.creator, created_at: c.now };
  return channels.createIfFree(channel) ? { channel } : { error: 'name_taken' };
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
