import { authenticate, authenticateAppToken } from '../auth/index.js';
import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import type { ParsedRequest } from '../http/index.js';

/** Who reads the directory: the team read, and the scopes the token holds (undefined for a person's token, which is not checked). */
export interface DirectoryCaller {
  teamId: string;
  scopes: readonly string[] | undefined;
}

/**
 * Who is calling. A developer's token reads its own team. An app's bot token or a function's
 * execution token reads the team the app is installed in, with the install's bot scopes.
 */
export function directoryCaller(req: ParsedRequest, deps: EmulatorDeps): DirectoryCaller {
  const app = authenticateAppToken(req.token, deps);
  if (!app) return { teamId: authenticate(req, deps).team.id, scopes: undefined };
  return { teamId: app.team_id, scopes: deps.store.apps.installation(app.app_id, app.team_id)?.bot_scopes ?? [] };
}

/** An app's token needs every scope named, as on Slack: missing_scope says which (comma-joined) and what it has. */
export function requireScopes(caller: DirectoryCaller, ...needed: string[]): void {
  const { scopes } = caller;
  if (scopes === undefined) return;
  const missing = needed.filter((s) => !scopes.includes(s));
  if (missing.length) throw new MethodError('missing_scope', { needed: missing.join(','), provided: scopes.join(',') });
}

/** The team whose directory a call reads, once the caller holds the read scope of what it asks for. */
export function callerTeam(req: ParsedRequest, deps: EmulatorDeps, scope: string): string {
  const caller = directoryCaller(req, deps);
  requireScopes(caller, scope);
  return caller.teamId;
}
