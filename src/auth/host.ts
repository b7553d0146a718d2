import { DEFAULT_API_HOST, normalizeApiHost } from '../config/api-host.js';
import { UsageError } from '../errors/cli-error.js';
import { isLoopbackHost } from '../lib/loopback.js';
import { hostOf, type Credential } from './credential.js';
import { rosiCommand } from './follow-up.js';

/**
 * Which host a command talks to is decided here and nowhere else. Every host, whoever
 * chose it (--apihost, ROSI_APIHOST, a stored login, or a client about to be built),
 * passes the same check (config/api-host.ts): plain http only on loopback, so no token
 * crosses a network in clear text.
 */

type Env = Readonly<Record<string, string | undefined>>;

/** The host named by --apihost or ROSI_APIHOST, if any. */
export function requestedHost(flag: string | undefined, env: Env): string | undefined {
  if (flag) return normalizeApiHost(flag, '--apihost');
  if (env.ROSI_APIHOST) return normalizeApiHost(env.ROSI_APIHOST, 'ROSI_APIHOST');
  return undefined;
}

/** Whether --apihost or ROSI_APIHOST named a host: hints then treat it as what the user asked for. */
export function hostRequested(flag: string | undefined, env: Env): boolean {
  return Boolean(flag || env.ROSI_APIHOST);
}

/** Where a login, a ticket or a revocation of a given token goes: the host asked for, or Slack's. */
export function loginHost(flag: string | undefined, env: Env): string {
  return requestedHost(flag, env) ?? DEFAULT_API_HOST;
}

/**
 * A stored login's host passes the same check as --apihost: a file edited by hand (or by
 * another tool) must not make rosi send a token and refresh token over plain http.
 */
export function storedHost(c: Credential, file: string, configDir?: string): string {
  try {
    return normalizeApiHost(hostOf(c), `The API host of the stored login for ${c.team_domain} (${c.team_id})`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    throw new UsageError(`${e.message}, in ${file}`, {
      code: e.code,
      hint: `rosi sent it nothing. Correct api_host in ${file}, or remove the login with \`${rosiCommand('logout', { team: c.team_id, configDir })}\`.`,
      cause: e,
    });
  }
}

/** The last check before a client is built, whoever chose the host (a logout's stored login, say). */
export function clientHost(host: string): string {
  return normalizeApiHost(host, 'The API host');
}

/** The host a project's apps file records for a deployed app, checked and in the form hosts are compared in. */
export function deployedHost(recorded: string): string {
  return normalizeApiHost(recorded, 'api_host');
}

/** A loopback host is `rosi emulator`: the only host rosi talks to over loopback. */
export function isEmulatorHost(apiHost: string): boolean {
  return isLoopbackHost(new URL(apiHost).hostname);
}
