import type { Team, User } from '../store.js';
import type { ChannelRow } from './channels-store.js';

/*
 * Users, channels and teams as Slack's methods answer them. The emulator keeps only a name for
 * each, so the rest is what a plain member of a plain workspace shows: no roles, no emails (it
 * has none, and never makes one up), no avatars, UTC for everyone.
 */

const seconds = (ms: number) => Math.floor(ms / 1000);

export function userObject(u: User): Record<string, unknown> {
  return {
    id: u.id,
    team_id: u.team_id,
    name: u.name,
    deleted: false,
    real_name: u.name,
    tz: 'UTC',
    tz_label: 'Coordinated Universal Time',
    tz_offset: 0,
    profile: {
      real_name: u.name,
      real_name_normalized: u.name,
      display_name: u.name,
      display_name_normalized: u.name,
      team: u.team_id,
    },
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: false,
    is_app_user: false,
  };
}

export function channelObject(c: ChannelRow): Record<string, unknown> {
  const empty = { value: '', creator: '', last_set: 0 };
  return {
    id: c.id,
    name: c.name,
    name_normalized: c.name,
    // Private channels made since 2021 are channels too (C IDs), told apart by is_private.
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: c.is_private,
    is_archived: false,
    is_general: c.name === 'general',
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    context_team_id: c.team_id,
    created: seconds(c.created_at),
    creator: c.creator,
    unlinked: 0,
    topic: empty,
    purpose: empty,
  };
}

export function teamObject(t: Team): Record<string, unknown> {
  return { id: t.id, name: t.name, domain: t.domain, email_domain: '', is_verified: false };
}
