import type { SlackApi } from '../api/client.js';
import type { Session, TokenSource } from './session.js';

/** What `auth status` reports: who the token belongs to, and how long it lasts. */
export interface LoginStatus {
  team_id: string;
  team: string | null;
  user_id: string;
  user: string | null;
  api_host: string;
  token_source: TokenSource;
  /** ISO-8601 expiry, or null for a token that does not expire (or one given by flag, file or env). */
  expires_at: string | null;
  rotatable: boolean;
}

/**
 * Asks Slack who the session's token belongs to (auth.test), through `api`, the session's
 * client. The login is read after the call: the call may have rotated the token.
 */
export async function checkLogin(api: SlackApi, session: Session): Promise<LoginStatus> {
  const who = await api.call('auth.test', {});
  const cred = session.credential();
  return {
    team_id: who.team_id,
    team: who.team ?? null,
    user_id: who.user_id,
    user: who.user ?? null,
    api_host: session.apiHost,
    token_source: session.source,
    expires_at: cred?.exp ? new Date(cred.exp * 1000).toISOString() : null,
    rotatable: Boolean(cred?.refresh_token && cred.exp),
  };
}
