import { badRequest, controlParams, type ControlRoute } from '../control/index.js';
import type { EmulatorDeps } from '../deps.js';
import { sendJson } from '../http/index.js';
import { newChannelId } from '../ids.js';
import { channelNameProblem } from './channels.js';
import { findTeam, findUser } from './lookups.js';
import { channelObject } from './wire-objects.js';

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export const directoryControl: Record<string, ControlRoute<EmulatorDeps>> = {
  /**
   * `{name, team_id?, is_private?, creator?}` → `{channel}`: a channel beyond the seeded ones.
   * The team defaults to the emulator's own, the creator to whoever made the team's #general.
   */
  async 'POST channels'(req, res, _url, deps) {
    const p = await controlParams(req, res);
    if (!p) return;
    const teamId = text(p.team_id) ?? deps.team.id;
    const name = text(p.name);
    if (!name) return badRequest(res, 'name is needed (without the #)');
    const problem = channelNameProblem(name);
    if (problem) return badRequest(res, `name ${JSON.stringify(name)} is refused: ${problem}`);
    if (p.is_private !== undefined && typeof p.is_private !== 'boolean') return badRequest(res, 'is_private must be true or false');
    if (!findTeam(deps.store, teamId)) return sendJson(res, 404, { ok: false, error: 'team_not_found' });
    const creator = text(p.creator) ?? deps.store.channels.byName(teamId, 'general')?.creator;
    if (!creator) return badRequest(res, 'creator (a user of the team) is needed: the team has no #general to take it from');
    if (!findUser(deps.store, teamId, creator)) return sendJson(res, 404, { ok: false, error: 'user_not_found' });
    if (deps.store.channels.byName(teamId, name)) return sendJson(res, 409, { ok: false, error: 'name_taken' });
    const channel = { id: newChannelId(), team_id: teamId, name, is_private: p.is_private === true, creator, created_at: deps.now() };
    if (!deps.store.channels.createIfFree(channel)) return sendJson(res, 409, { ok: false, error: 'name_taken' });
    sendJson(res, 200, { ok: true, channel: channelObject(channel) });
  },

  /** `?team_id=` (the emulator's own team when left out): the team's channels, oldest first. */
  'GET channels'(_req, res, url, deps) {
    const teamId = url.searchParams.get('team_id') || deps.team.id;
    if (!findTeam(deps.store, teamId)) return sendJson(res, 404, { ok: false, error: 'team_not_found' });
    sendJson(res, 200, { ok: true, channels: deps.store.channels.ofTeam(teamId).map(channelObject) });
  },
};
