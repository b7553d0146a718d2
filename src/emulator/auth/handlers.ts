import type { ResponseOf } from '../../api/methods.js';
import { logEvents } from '../activity/index.js';
import { authenticate } from './authenticate.js';
import type { EmulatorDeps } from '../deps.js';
import { newRefreshToken, newRotatingToken, newTicket, normalizeChallenge } from '../ids.js';
import { issueServiceToken } from './service-token.js';
import { MethodError } from '../errors.js';
import { boolParam, stringParam, type Family, type ParsedRequest } from '../http/index.js';
import { ticketState } from './tickets.js';

// `v4.5` on ticket generation, `v4.5.0` on exchange, `v0.0.0-dev` from development builds.
const CLI_VERSION = /^v?\d+\.\d+(\.\d+)?([-+][0-9A-Za-z.-]+)?$/;

function cliVersion(req: ParsedRequest): string {
  const v = stringParam(req, 'slack_cli_version');
  if (!v || !CLI_VERSION.test(v)) throw new MethodError('invalid_parameters');
  return v;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

interface Issued {
  token: string;
  refresh_token?: string;
  exp?: number;
  iat: number;
}

/** A user token for the team and user; rotating (with refresh token and exp) unless a service token. */
function issueToken(deps: EmulatorDeps, teamId: string, userId: string, rotating: boolean): Issued {
  const now = deps.now();
  const base = { team_id: teamId, user_id: userId, issued_at: now };
  if (!rotating) return { token: issueServiceToken(deps, teamId, userId), iat: seconds(now) };
  const token = newRotatingToken();
  const refresh = newRefreshToken();
  const expiresAt = now + deps.tokenTtlMs;
  deps.store.insertToken(token, { ...base, kind: 'rotating', expires_at: expiresAt });
  deps.store.insertRefreshToken(refresh, base);
  return { token, refresh_token: refresh, exp: seconds(expiresAt), iat: seconds(now) };
}

function generateAuthTicket(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.hosted.generateAuthTicket'> {
  const version = cliVersion(req);
  const ticket = newTicket();
  const now = deps.now();
  deps.store.insertTicket({ ticket, now, expiresAt: now + deps.ticketTtlMs, noRotation: boolParam(req, 'no_rotation'), cliVersion: version });
  return { ticket };
}

function exchangeAuthTicket(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.hosted.exchangeAuthTicket'> {
  cliVersion(req);
  const ticket = stringParam(req, 'ticket');
  if (!ticket) throw new MethodError('invalid_ticket');
  const state = ticketState(ticket, deps);
  if (state.kind === 'unknown' || state.kind === 'expired' || state.kind === 'used') throw new MethodError('invalid_ticket');
  if (state.kind === 'pending') return { is_ready: false };
  const challenge = stringParam(req, 'challenge');
  if (!challenge) throw new MethodError('missing_challenge');
  // A wrong code leaves the ticket usable: the user may simply have mistyped it.
  if (normalizeChallenge(challenge) !== state.challenge) throw new MethodError('invalid_challenge');
  const { row } = state;
  const team = row.team_id ? deps.store.team(row.team_id) : undefined;
  if (!team || !row.user_id) throw new MethodError('invalid_ticket');
  const userId = row.user_id;
  const issued = deps.store.transaction(() => {
    if (!deps.store.useTicket(ticket, deps.now())) throw new MethodError('invalid_ticket');
    return issueToken(deps, team.id, userId, row.no_rotation === 0);
  });
  logUserEvent(deps, 'user_login', { user_id: userId, team_id: team.id, token_kind: row.no_rotation === 0 ? 'rotating' : 'service' });
  return {
    is_ready: true,
    token: issued.token,
    ...(issued.refresh_token === undefined ? {} : { refresh_token: issued.refresh_token }),
    ...(issued.exp === undefined ? {} : { exp: issued.exp }),
    team_id: team.id,
    team_domain: team.domain,
    team_name: team.name,
    user_id: userId,
    is_enterprise_install: false,
  };
}

function rotate(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'tooling.tokens.rotate'> {
  const refresh = stringParam(req, 'refresh_token');
  const row = refresh ? deps.store.refreshToken(refresh) : undefined;
  if (!refresh || !row || row.used_at !== null || row.revoked_at !== null) throw new MethodError('invalid_refresh_token');
  const issued = deps.store.transaction(() => {
    // Single use: the old refresh token dies here; the old access token lives to its own exp.
    if (!deps.store.useRefreshToken(refresh, deps.now())) throw new MethodError('invalid_refresh_token');
    return issueToken(deps, row.team_id, row.user_id, true);
  });
  return {
    token: issued.token,
    refresh_token: issued.refresh_token as string,
    exp: issued.exp as number,
    iat: issued.iat,
    team_id: row.team_id,
    user_id: row.user_id,
  };
}

function authTest(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'auth.test'> {
  const { team, user } = authenticate(req, deps);
  return { url: `https://${team.domain}.slack.com/`, team: team.name, user: user.name, team_id: team.id, user_id: user.id, is_enterprise_install: false };
}

/** Revokes an access token or a refresh token. `test` reports what would happen and changes nothing. */
function authRevoke(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'auth.revoke'> {
  const token = req.token;
  if (!token) throw new MethodError('not_authed');
  const test = boolParam(req, 'test');
  const now = deps.now();
  const access = deps.store.token(token);
  if (access) {
    if (access.revoked_at !== null) throw new MethodError('token_revoked');
    if (access.expires_at !== null && now >= access.expires_at) throw new MethodError('token_expired');
    if (!test) {
      deps.store.revokeToken(token, now);
      logUserEvent(deps, 'token_revoked', { user_id: access.user_id, team_id: access.team_id, token_kind: 'access' });
    }
    return { revoked: !test };
  }
  const refresh = deps.store.refreshToken(token);
  if (!refresh || refresh.used_at !== null) throw new MethodError('invalid_auth');
  if (refresh.revoked_at !== null) throw new MethodError('token_revoked');
  if (!test) {
    deps.store.revokeRefreshToken(token, now);
    logUserEvent(deps, 'token_revoked', { user_id: refresh.user_id, team_id: refresh.team_id, token_kind: 'refresh' });
  }
  return { revoked: !test };
}

/**
 * Logins and revocations concern a user, not an app; they go to the log of every app the
 * user owns or collaborates on (where that user would look), and nowhere when there is none.
 */
function logUserEvent(deps: EmulatorDeps, eventType: string, payload: { user_id: string; team_id: string; token_kind: string }): void {
  logEvents(
    deps,
    deps.store.apps.appsOf(payload.user_id).map((appId) => ({ appId, event_type: eventType, payload })),
  );
}

export const authFamily: Family = {
  'apps.hosted.generateAuthTicket': generateAuthTicket,
  'apps.hosted.exchangeAuthTicket': exchangeAuthTicket,
  'tooling.tokens.rotate': rotate,
  'auth.test': authTest,
  'auth.revoke': authRevoke,
};
