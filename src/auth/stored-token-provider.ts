import type { SlackApi, TokenProvider } from '../api/client.js';
import { ApiError } from '../errors/api-error.js';
import { AuthError, type CliError, isCliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { type Credential, isRotatable } from './credential.js';
import type { CredentialStore } from './credential-store.js';

const REFUSALS = new Set(['invalid_refresh_token', 'invalid_auth', 'token_revoked', 'token_expired', 'not_authed', 'account_inactive', 'invalid_grant']);

/** Rotate when the token has less than this left. */
export const REFRESH_MARGIN_S = 300;

/** A rotation failure after which the current token may still be used: not Ctrl-C, not a removed login. */
function stillUsable(e: unknown): e is CliError {
  return isCliError(e) && e.exitCode !== ExitCode.interrupted && e.code !== 'credentials_not_found';
}

function isExpired(c: Credential, now: Date): boolean {
  return Boolean(c.exp) && (c.exp as number) <= now.getTime() / 1000;
}

export function needsRotation(c: Credential, now: Date): boolean {
  return isRotatable(c) && (c.exp ?? 0) - now.getTime() / 1000 <= REFRESH_MARGIN_S;
}

/**
 * Hands out a stored login's token, rotating it ahead of expiry and once after Slack
 * refuses it. Refresh tokens are single-use, so rotation runs under the credentials
 * lock and re-reads the file first: if another process already rotated, its token is
 * used and no second rotate call is made. Within one process, callers share one rotation.
 */
export class StoredTokenProvider implements TokenProvider {
  private pending: Promise<string> | undefined;
  /** A rotation ahead of expiry failed: the current token serves until it expires. */
  private gaveUp = false;

  constructor(
    private readonly store: CredentialStore,
    public current: Credential,
    private readonly now: () => Date,
    /**
     * The rotation client, built on first rotation only: most runs never rotate, and
     * building it with the session would load the API client and check the HTTP settings
     * before the command's own checks had run. The one place auth/ takes a client lazily.
     */
    private readonly api: () => Promise<SlackApi>,
    /** Told once when a rotation ahead of expiry failed and the current token is used instead. */
    private readonly onRotationFailed?: (e: CliError, c: Credential, validForMs: number) => void,
  ) {}

  async token(): Promise<string> {
    if (this.gaveUp || !needsRotation(this.current, this.now())) return this.tokenOf(this.current);
    try {
      return await this.rotate(this.current.token, (c) => needsRotation(c, this.now()));
    } catch (e) {
      // The token has minutes left: a lost or refused rotation need not end this run.
      // (A lost answer may have spent the refresh token; only a new login can tell.)
      if (!stillUsable(e) || isExpired(this.current, this.now())) throw e;
      this.gaveUp = true;
      this.onRotationFailed?.(e, this.current, (this.current.exp as number) * 1000 - this.now().getTime());
      return this.tokenOf(this.current);
    }
  }

  async refresh(refused: string): Promise<string | undefined> {
    if (!isRotatable(this.current)) return undefined;
    return this.rotate(refused, (c) => c.token === refused);
  }

  /**
   * `seen` is the token this process judged stale. If the file holds another one that
   * has not expired, another process rotated meanwhile: that token is used, even when
   * it is itself inside the margin (short-lived tokens always are), so N processes
   * started together make one rotate call, not N.
   */
  private rotate(seen: string | undefined, stillNeeded: (c: Credential) => boolean): Promise<string> {
    const needed = (c: Credential) => (c.token !== seen && !isExpired(c, this.now()) ? false : stillNeeded(c));
    this.pending ??= this.rotateLocked(needed).finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async rotateLocked(stillNeeded: (c: Credential) => boolean): Promise<string> {
    const key = this.current.team_id;
    return this.store.locked(async (creds, save) => {
      const latest = creds[key];
      if (!latest || latest.api_host !== this.current.api_host) {
        throw new AuthError('credentials_not_found', `The login for ${this.current.team_domain} was removed while rosi was running`);
      }
      if (!stillNeeded(latest)) {
        this.current = latest;
        return this.tokenOf(latest);
      }
      if (!latest.refresh_token) throw new AuthError('token_expired', `The token for ${latest.team_domain} has expired and cannot be refreshed`);
      let r;
      try {
        r = await (await this.api()).call('tooling.tokens.rotate', { refresh_token: latest.refresh_token });
      } catch (e) {
        // Only a refusal means the login is dead; a 5xx or a rate limit is an outage (exit 1).
        if (!(e instanceof ApiError) || !REFUSALS.has(e.slackError)) throw e;
        throw new AuthError(
          'token_rotation_error',
          `Could not refresh the token for ${latest.team_domain} (${latest.team_id}): Slack answered ${e.slackError}`,
          { cause: e },
        );
      }
      // exp is replaced, not merged: a rotation that returns none yields a token that does not
      // expire. Keeping the old, past exp would make every later read rotate again.
      const { exp: _stale, ...rest } = latest;
      const next: Credential = { ...rest, token: r.token, refresh_token: r.refresh_token, last_updated: this.now().toISOString() };
      if (r.exp) next.exp = r.exp;
      creds[key] = next;
      await save(creds);
      this.current = next;
      return r.token;
    });
  }

  private tokenOf(c: Credential): string {
    if (!c.token) throw new AuthError('not_authed', `The stored login for ${c.team_domain} has no token`);
    return c.token;
  }
}
