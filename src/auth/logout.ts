import type { SlackApi } from '../api/client.js';
import { ApiError } from '../errors/api-error.js';
import { CliError } from '../errors/cli-error.js';
import type { Credential } from './credential.js';
import type { CredentialStore } from './credential-store.js';

const ALREADY_DEAD = new Set(['already_logged_out', 'invalid_auth', 'token_expired', 'token_revoked', 'not_authed']);

/** A revocation answer that means the token is already unusable: nothing left to do. */
export function isAlreadyDead(e: unknown): boolean {
  return e instanceof ApiError && ALREADY_DEAD.has(e.slackError);
}

export interface LogoutResult {
  team_id: string;
  team_domain: string;
  api_host?: string | undefined;
  revoked: boolean;
  /** Why the server-side revocation failed; the local login was removed regardless. */
  revoke_error?: string | undefined;
}

/** Whether Slack already considered the token dead: then revoking it had nothing left to do. */
export interface Revocation {
  alreadyInvalid: boolean;
}

/** Revokes one token (auth.revoke sent with that token); a token already dead counts as revoked. */
export async function revokeToken(api: SlackApi, token: string): Promise<Revocation> {
  try {
    await api.call('auth.revoke', {}, { token });
    return { alreadyInvalid: false };
  } catch (e) {
    if (!isAlreadyDead(e)) throw e;
    return { alreadyInvalid: true };
  }
}

/**
 * A client for a login's own host, or the error that kept one from being built: a host that
 * fails the host check (plain http to a remote host) is sent nothing, and the login can still
 * be removed.
 */
export type LoginHostClient = SlackApi | CliError;

/**
 * Revokes a login's token and refresh token on its own host, then removes it locally.
 * Unlike the official CLI, a failed revocation does not keep the login on disk: the user
 * asked to be logged out, so it is removed and the failure is reported.
 */
export async function revokeLogin(api: LoginHostClient, store: CredentialStore, c: Credential): Promise<LogoutResult> {
  let revokeError: string | undefined;
  for (const token of [c.token, c.refresh_token]) {
    if (!token || revokeError) continue;
    if (api instanceof CliError) {
      revokeError = api.code;
      continue;
    }
    try {
      await revokeToken(api, token);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      revokeError = e instanceof ApiError ? e.slackError : e.code;
    }
  }
  await store.update((creds) => {
    if (creds[c.team_id]?.api_host === c.api_host) delete creds[c.team_id];
  });
  return { team_id: c.team_id, team_domain: c.team_domain, api_host: c.api_host, revoked: !revokeError, revoke_error: revokeError };
}
