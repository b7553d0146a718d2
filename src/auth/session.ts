import type { SlackApi, TokenProvider } from '../api/client.js';
import { DEFAULT_API_HOST } from '../config/api-host.js';
import { AuthError, UsageError } from '../errors/cli-error.js';
import { formatDuration } from '../lib/duration.js';
import { hostOf, type Credential } from './credential.js';
import { resolveExplicitToken, type ExplicitToken, type TokenFlags } from './explicit-token.js';
import { rosiCommand } from './follow-up.js';
import type { CredentialStore } from './credential-store.js';
import { requestedHost, storedHost } from './host.js';
import { StoredTokenProvider } from './stored-token-provider.js';

export type TokenSource = ExplicitToken['source'] | 'stored';

/** Which token this invocation uses, where it may be sent, and how to refresh it. */
export interface Session {
  apiHost: string;
  source: TokenSource;
  /** Where the token came from, as the user named it: `--token`, `--token-file t.txt`, `ROSI_TOKEN`, or the credentials file. */
  origin: string;
  /** The stored login in use (source "stored"), as last read or rotated. */
  credential(): Credential | undefined;
  tokens: TokenProvider;
}

export interface SessionInputs {
  store: CredentialStore;
  env: Readonly<Record<string, string | undefined>>;
  apihostFlag: string | undefined;
  team: string | undefined;
  /** --token and --token-file as given; ROSI_TOKEN and SLACK_SERVICE_TOKEN come from env. */
  tokenFlags: TokenFlags;
  /** Reads stdin to the end, for `--token-file -`. */
  readStdin: () => Promise<string>;
  /** The credentials folder, when --config-dir named it (hints repeat it). */
  configDir?: string | undefined;
  now: () => Date;
  /**
   * An unauthenticated client for a host, used to rotate tokens. A factory rather than a
   * client: most runs never rotate, and building one here would load the API client and
   * check the HTTP settings (ROSI_HTTP_TIMEOUT) before the command's own checks had run.
   */
  rawApi: (host: string) => Promise<SlackApi>;
  pickTeam: (choices: Credential[]) => Promise<Credential>;
  warn?: ((message: string) => void) | undefined;
}

/** Precedence: --token / --token-file > ROSI_TOKEN / SLACK_SERVICE_TOKEN > stored credential. */
export async function resolveSession(i: SessionInputs): Promise<Session> {
  const host = requestedHost(i.apihostFlag, i.env);
  const explicit = await resolveExplicitToken(i.tokenFlags, i.env, i.readStdin);
  if (explicit) {
    const { token, source, origin } = explicit;
    return { apiHost: host ?? DEFAULT_API_HOST, source, origin, credential: () => undefined, tokens: { token: async () => token } };
  }
  const chosen = await chooseCredential(await i.store.list(), host, i.team, i.pickTeam, i.configDir);
  const apiHost = storedHost(chosen, i.store.file, i.configDir);
  const provider = new StoredTokenProvider(
    i.store,
    chosen,
    i.now,
    () => i.rawApi(apiHost),
    (e, c, left) => {
      i.warn?.(
        `Could not refresh the token for ${c.team_domain} (${c.team_id}): ${e.message}. Using the current token, valid for another ${formatDuration(left)}; log in again before then with \`${rosiCommand('login', { apiHost, configDir: i.configDir })}\`.`,
      );
    },
  );
  return { apiHost, source: 'stored', origin: i.store.file, credential: () => provider.current, tokens: provider };
}

export async function chooseCredential(
  all: Credential[],
  host: string | undefined,
  team: string | undefined,
  pick: (choices: Credential[]) => Promise<Credential>,
  configDir?: string,
): Promise<Credential> {
  if (all.length === 0) {
    throw new AuthError('not_authed', 'You are not logged in', {
      hint: `Run \`${rosiCommand('login', { apiHost: host, configDir })}\`, or pass --token / set SLACK_SERVICE_TOKEN for CI.`,
    });
  }
  const onHost = host ? all.filter((c) => hostOf(c) === host) : all;
  if (onHost.length === 0) {
    throw new AuthError('credentials_not_found', `You have no stored login for ${host}`, {
      hint: `Run \`${rosiCommand('login', { apiHost: host, configDir })}\`. rosi never sends a token to a host that did not issue it.`,
    });
  }
  const matches = team ? onHost.filter((c) => c.team_id === team || c.team_domain === team) : onHost;
  if (matches.length === 0) {
    throw new AuthError('credentials_not_found', `You have no stored login for team ${team}${host ? ` on ${host}` : ''}`, {
      hint: `See your logins with \`${rosiCommand('auth list', { configDir })}\`, or run \`${rosiCommand('login', { apiHost: host, configDir })}\`.`,
    });
  }
  if (matches.length === 1) return matches[0] as Credential;
  return pick(matches);
}

/** Used when several logins match and nothing may be asked. */
export function teamRequired(choices: Credential[]): UsageError {
  const list = choices.map((c) => `${c.team_id} (${c.team_domain}, ${hostOf(c)})`).join(', ');
  return new UsageError('Several logins match; choose one with --team', {
    code: 'team_required',
    hint: `Pass --team with one of: ${list}`,
  });
}
