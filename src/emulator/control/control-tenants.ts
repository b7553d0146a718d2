import type { ControlRoute } from './control-body.js';
import { badRequest, controlParams } from './control-body.js';
import type { EmulatorDeps } from '../deps.js';
import { newServiceToken } from '../ids.js';
import { sendJson } from '../http/index.js';
import { seedChannels } from '../directory/index.js';

const TEAM_ID = /^[TE][A-Z0-9]{2,}$/;
const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * A team and a user in it, created (or renamed) at once, with a long-lived token for the
 * user: how a test gets a second tenant without going through the approval page.
 */
export function seedTenant(deps: EmulatorDeps, t: { teamId: string; teamDomain: string; teamName: string; userId: string; userName: string }): string {
  const token = newServiceToken();
  const now = deps.now();
  deps.store.transaction(() => {
    deps.store.upsertTeam({ id: t.teamId, domain: t.teamDomain, name: t.teamName }, now);
    deps.store.upsertUser({ id: t.userId, team_id: t.teamId, name: t.userName }, now);
    // A new team starts with its own #general; the emulator's own team has its channels already.
    seedChannels(deps.store.channels, { teamId: t.teamId, creator: t.userId, now, ownTeam: false });
    deps.store.insertToken(token, { kind: 'service', team_id: t.teamId, user_id: t.userId, issued_at: now, expires_at: null });
  });
  return token;
}

export const tenantControl: Record<string, ControlRoute<EmulatorDeps>> = {
  /** `{team_id, user_id, team_domain?, team_name?, user_name?}` → `{token, team_id, user_id}`. */
  async 'POST seed'(req, res, _url, deps) {
    const p = await controlParams(req, res);
    if (!p) return;
    const teamId = text(p.team_id) ?? deps.team.id;
    const userId = text(p.user_id);
    const domain = text(p.team_domain) ?? deps.store.team(teamId)?.domain ?? teamId.toLowerCase();
    if (!TEAM_ID.test(teamId) || !userId || !USER_ID.test(userId) || !DOMAIN.test(domain)) {
      return badRequest(res, 'team_id (T…), user_id (U… or W…) and team_domain (lower-case) are needed');
    }
    const owner = deps.store.user(userId);
    if (owner && owner.team_id !== teamId) return sendJson(res, 409, { ok: false, error: 'user_in_other_team', team_id: owner.team_id });
    const token = seedTenant(deps, {
      teamId,
      teamDomain: domain,
      teamName: text(p.team_name) ?? deps.store.team(teamId)?.name ?? domain,
      userId,
      userName: text(p.user_name) ?? owner?.name ?? userId.toLowerCase(),
    });
    sendJson(res, 200, { token, team_id: teamId, user_id: userId });
  },

  /** `{app_id, user_id}`: makes a user of the app's team a collaborator of the app. */
  async 'POST apps/collaborators'(req, res, _url, deps) {
    const p = await controlParams(req, res);
    if (!p) return;
    const app = deps.store.apps.get(text(p.app_id) ?? '');
    const user = deps.store.user(text(p.user_id) ?? '');
    if (!app || !user) return sendJson(res, 404, { ok: false, error: app ? 'user_not_found' : 'app_not_found' });
    if (user.team_id !== app.team_id) return sendJson(res, 409, { ok: false, error: 'user_in_other_team' });
    deps.store.apps.addCollaborator(app.id, user.id, 'collaborator', deps.now());
    sendJson(res, 200, { ok: true, collaborators: deps.store.apps.collaborators(app.id) });
  },
};
