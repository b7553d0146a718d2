import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import type { ParsedRequest } from '../http/index.js';
import type { Team, TokenRow, User } from '../store.js';
import { authenticateExecution, isExecutionToken } from './execution-tokens.js';

export interface Authenticated {
  token: string;
  row: TokenRow;
  team: Team;
  user: User;
}

/** Checks a token the way Slack does; throws not_authed, invalid_auth, token_revoked or token_expired. */
export function authenticateToken(token: string | undefined, deps: EmulatorDeps): Authenticated {
  if (!token) throw new MethodError('not_authed');
  // A function's execution token speaks for an app, not a person: methods for people refuse it, as Slack does.
  if (isExecutionToken(token)) {
    authenticateExecution(token, deps);
    throw new MethodError('not_allowed_token_type');
  }
  const row = deps.store.token(token);
  if (!row) throw new MethodError('invalid_auth');
  if (row.revoked_at !== null) throw new MethodError('token_revoked');
  if (row.expires_at !== null && deps.now() >= row.expires_at) throw new MethodError('token_expired');
  const team = deps.store.team(row.team_id);
  const user = deps.store.user(row.user_id);
  // Teams and users are never deleted; a token pointing nowhere is as good as unknown.
  if (!team || !user) throw new MethodError('invalid_auth');
  return { token, row, team, user };
}

/** The access token of an API call, checked. */
export function authenticate(req: ParsedRequest, deps: EmulatorDeps): Authenticated {
  return authenticateToken(req.token, deps);
}
