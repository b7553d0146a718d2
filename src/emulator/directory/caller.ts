import { authenticate, authenticateAppToken } from '../auth/index.js';
import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import type { ParsedRequest } from '../http/index.js';

/**
 * The team whose directory a call reads. A developer's token reads its own team's. An app's bot
 * token or a function's execution token reads the team it is installed in, and needs the read
 * scope of what it asks for, as on Slack: missing_scope says which one.
 */
export function callerTeam(req: ParsedRequest, deps: EmulatorDeps, scope: string): string {
  const caller = authenticateAppToken(req.token, deps);
  return caller ? appTeam(caller, deps, scope) : authenticate(req, deps).team.id;
}

/** The team an app's token reads, if the app was given the scope. */
function appTeam(install: { app_id: string; team_id: string }, deps: EmulatorDeps, scope: string): string {
  const scopes = deps.store.apps.installation(install.app_id, install.team_id)?.bot_scopes ?? [];
  if (!scopes.includes(scope)) throw new MethodError('missing_scope', { needed: scope, provided: scopes.join(',') });
  return install.team_id;
}
