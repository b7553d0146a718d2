import { badRequest, controlParams, type ControlRoute } from '../control/index.js';
import type { EmulatorDeps } from '../deps.js';
import { sendJson } from '../http/index.js';
import { newUsergroupId } from '../ids.js';
import { findTeam, findUser } from './lookups.js';
import { USERGROUP_HANDLE } from './usergroups.js';
import type { UsergroupRow } from './usergroups-store.js';

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

const usergroupObject = (deps: EmulatorDeps, g: UsergroupRow) => ({
  id: g.id,
  team_id: g.team_id,
  handle: g.handle,
  name: g.name,
  users: deps.store.usergroups.members(g.id),
});

export const usergroupsControl: Record<string, ControlRoute<EmulatorDeps>> = {
  /**
   * `{handle, name?, team_id?, users?}` → `{usergroup}`: a user group (`S…`) for built-ins to add people to.
   * The team defaults to the emulator's own, the name to the handle; `users` are its first members, people of
   * the team. A handle taken in the team is 409 handle_taken.
   */
  async 'POST usergroups'(req, res, _url, deps) {
    const p = await controlParams(req, res);
    if (!p) return;
    const teamId = text(p.team_id) ?? deps.team.id;
    const handle = text(p.handle);
    if (!handle || !USERGROUP_HANDLE.test(handle)) return badRequest(res, 'handle is needed: lower-case letters, digits, ., - and _ (without the @)');
    if (p.name !== undefined && !text(p.name)) return badRequest(res, 'name must be a non-empty string');
    const users = p.users ?? [];
    if (!Array.isArray(users) || !users.every((u) => typeof u === 'string')) return badRequest(res, 'users must be an array of user IDs');
    if (!findTeam(deps.store, teamId)) return sendJson(res, 404, { ok: false, error: 'team_not_found' });
    const stranger = (users as string[]).find((u) => !findUser(deps.store, teamId, u));
    if (stranger) return sendJson(res, 404, { ok: false, error: 'user_not_found', user: stranger });
    const group = { id: newUsergroupId(), team_id: teamId, handle, name: text(p.name) ?? handle, created_at: deps.now() };
    if (!deps.store.usergroups.create(group, users as string[])) return sendJson(res, 409, { ok: false, error: 'handle_taken' });
    sendJson(res, 200, { ok: true, usergroup: usergroupObject(deps, group) });
  },

  /** `?team_id=` (the emulator's own team when left out): the team's user groups with their members, oldest first. */
  'GET usergroups'(_req, res, url, deps) {
    const teamId = url.searchParams.get('team_id') || deps.team.id;
    if (!findTeam(deps.store, teamId)) return sendJson(res, 404, { ok: false, error: 'team_not_found' });
    sendJson(res, 200, { ok: true, usergroups: deps.store.usergroups.ofTeam(teamId).map((g) => usergroupObject(deps, g)) });
  },
};
