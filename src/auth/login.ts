import type { SlackApi } from '../api/client.js';
import type { ResponseOf } from '../api/methods.js';
import { DEFAULT_API_HOST } from '../config/api-host.js';
import { ApiError } from '../errors/api-error.js';
import { neverSent } from '../api/network-failure.js';
import { CliError, NetworkError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import type { Credential } from './credential.js';
import type { CredentialStore } from './credential-store.js';
import { cliVersion } from './protocol-version.js';

/** Tickets live five minutes on Slack's side; rosi counts down from when it asked. */
export const TICKET_TTL_MS = 5 * 60_000;

export interface Ticket {
  ticket: string;
  slashCommand: string;
  expiresAt: Date;
}

type Env = Readonly<Record<string, string | undefined>>;
export type Exchange = ResponseOf<'apps.hosted.exchangeAuthTicket'>;

export async function requestTicket(api: SlackApi, env: Env, now: Date, serviceToken: boolean): Promise<Ticket> {
  const r = await api.call('apps.hosted.generateAuthTicket', {
    slack_cli_version: cliVersion(env).majorMinor,
    ...(serviceToken ? { no_rotation: 'true' as const } : {}),
  });
  const expiresAt = r.expires_at ? new Date(r.expires_at * 1000) : new Date(now.getTime() + TICKET_TTL_MS);
  return { ticket: r.ticket, slashCommand: `/slackauthticket ${r.ticket}`, expiresAt };
}

/** Raised when the ticket has not been approved yet (`is_ready:false`). */
export class TicketNotReadyError extends CliError {
  constructor(where = 'in Slack') {
    super('ticket_not_ready', 'The ticket has not been approved yet', 1, {
      hint: `Run the /slackauthticket command ${where}, approve it, then enter the challenge code it shows.`,
    });
  }
}

/**
 * One exchange of ticket + challenge for a token. `again` is the complete command that
 * starts a new login on the same host; `where` says where the slash command is run.
 */
export async function exchangeTicket(
  api: SlackApi,
  env: Env,
  ticket: string,
  challenge: string,
  again = 'rosi login',
  where?: string,
): Promise<Exchange & { token: string }> {
  let r: Exchange;
  try {
    r = await api.call('apps.hosted.exchangeAuthTicket', { challenge, slack_cli_version: cliVersion(env).full, ticket });
  } catch (e) {
    throw unconfirmed(e, again);
  }
  if (r.is_ready === false) throw new TicketNotReadyError(where);
  if (!r.token) {
    throw new CliError('no_token_returned', 'Slack approved the ticket but returned no token; login cannot be completed', ExitCode.failed, {
      hint: `Run \`${again}\` again.`,
    });
  }
  return { ...r, token: r.token };
}

/**
 * An exchange is never repeated (a ticket is good for one token), so when the answer is lost
 * to a server error or the network, the ticket may be spent with no token to show for it.
 * A request that never left (nothing listening, no such host, a certificate refused) spent
 * nothing: that error stands as it is.
 */
function unconfirmed(e: unknown, again: string): unknown {
  const lost = (e instanceof NetworkError && !neverSent(e)) || (e instanceof ApiError && e.status !== undefined && e.status >= 500);
  if (!lost) return e;
  return new CliError('login_unconfirmed', `Slack did not confirm the login: ${(e as CliError).message}`, ExitCode.failed, {
    hint: `The ticket may already be used up. Run \`${again}\` again for a new one.`,
    cause: e,
  });
}

export function isExpiredTicketError(e: unknown): boolean {
  return e instanceof ApiError && (e.slackError === 'invalid_ticket' || e.slackError === 'expired_ticket');
}

/** A verified login and the names auth.test gave for it (not stored, only shown). */
export interface VerifiedLogin {
  credential: Credential;
  teamName: string | undefined;
  userName: string | undefined;
}

/** Builds the stored login from an exchange, verified and completed by auth.test. */
export async function credentialFromExchange(api: SlackApi, x: Exchange & { token: string }, apiHost: string, now: Date): Promise<VerifiedLogin> {
  const who = await api.call('auth.test', {}, { token: x.token });
  const c: Credential = {
    token: x.token,
    team_domain: x.team_domain || domainOf(who.url) || who.team_id,
    team_id: who.team_id,
    user_id: who.user_id,
    last_updated: now.toISOString(),
  };
  const enterprise = x.enterprise_id || who.enterprise_id;
  if (enterprise) c.enterprise_id = enterprise;
  if (apiHost !== DEFAULT_API_HOST) c.api_host = apiHost;
  if (x.refresh_token) c.refresh_token = x.refresh_token;
  if (x.exp) c.exp = x.exp;
  if (x.is_enterprise_install || who.is_enterprise_install) c.is_enterprise_install = true;
  return { credential: c, teamName: who.team ?? x.team_name, userName: who.user };
}

/** A stored login from a token the user pasted: verified by auth.test, never rotatable. */
export async function credentialFromToken(api: SlackApi, token: string, apiHost: string, now: Date): Promise<VerifiedLogin> {
  return credentialFromExchange(api, { token }, apiHost, now);
}

/** Saves (or replaces) the login for its team; returns the login it replaced, if any. */
export async function saveCredential(store: CredentialStore, c: Credential): Promise<Credential | undefined> {
  return store.update((creds) => {
    const previous = creds[c.team_id];
    const merged: Credential = { ...c };
    // Keep fields a newer official CLI may have written that rosi does not know.
    if (previous) for (const [k, v] of Object.entries(previous)) if (!(k in merged) && !KNOWN.has(k)) merged[k] = v;
    creds[c.team_id] = merged;
    return previous;
  });
}

const KNOWN = new Set([
  'token',
  'team_domain',
  'team_id',
  'enterprise_id',
  'user_id',
  'last_updated',
  'api_host',
  'refresh_token',
  'exp',
  'is_enterprise_install',
]);

export function domainOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.split('.')[0] || undefined;
  } catch {
    return undefined;
  }
}
