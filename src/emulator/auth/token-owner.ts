import type { EmulatorDeps } from '../deps.js';
import { isExecutionToken } from './execution-tokens.js';

/**
 * Who a token speaks for, told apart the way `authenticate` and `authenticateAppToken` tell them apart, but
 * without judging it: a revoked or expired token still names its owner (the request inspector shows who made
 * an `auth.revoke` call after the call has revoked the token). Nothing is logged and nothing changes.
 */
export type TokenOwner =
  | { kind: 'none' }
  | { kind: 'unknown' }
  | { kind: 'user'; team_id: string; user_id: string; user_name: string | undefined; ended?: 'revoked' | 'expired' }
  | { kind: 'bot'; team_id: string; app_id: string }
  | { kind: 'execution'; team_id: string; app_id: string; function_execution_id: string; ended?: 'revoked' };

export function tokenOwner(token: string | undefined, deps: Pick<EmulatorDeps, 'store' | 'now'>): TokenOwner {
  if (!token) return { kind: 'none' };
  if (isExecutionToken(token)) {
    const row = deps.store.executionTokens.get(token);
    if (!row) return { kind: 'unknown' };
    const owner = { kind: 'execution', team_id: row.team_id, app_id: row.app_id, function_execution_id: row.function_execution_id } as const;
    return row.revoked_at === null ? owner : { ...owner, ended: 'revoked' };
  }
  if (token.startsWith('xoxb-')) {
    const install = deps.store.apps.installOfBotToken(token);
    return install ? { kind: 'bot', team_id: install.team_id, app_id: install.app_id } : { kind: 'unknown' };
  }
  const row = deps.store.token(token);
  if (!row) return { kind: 'unknown' };
  const owner = { kind: 'user', team_id: row.team_id, user_id: row.user_id, user_name: deps.store.user(row.user_id)?.name } as const;
  if (row.revoked_at !== null) return { ...owner, ended: 'revoked' };
  if (row.expires_at !== null && deps.now() >= row.expires_at) return { ...owner, ended: 'expired' };
  return owner;
}
