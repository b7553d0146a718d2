import type { SlackApi } from '../api/client.js';
import { hostOf } from '../auth/credential.js';
import { flaggedConfigDir } from '../auth/follow-up.js';
import { CredentialStore } from '../auth/credential-store.js';
import { clientHost, hostRequested } from '../auth/host.js';
import type { Session } from '../auth/session.js';
import { UsageError } from '../errors/cli-error.js';
import type { Context, ContextSettings, HttpSettings } from './context.js';

type Base = Omit<Context, 'credentials' | 'session' | 'api' | 'rawApi' | 'http'>;

/** The settings the services are built from: the token, team and host flags, --config-dir and --verbose. */
type ServiceSettings = Pick<ContextSettings, 'token' | 'tokenFile' | 'apihost' | 'team' | 'configDir' | 'verbose'>;

/**
 * The lazily built, memoised services of a Context: shared by the real context and the
 * test one, so both resolve tokens, hosts and clients the same way.
 */
export function withServices(base: Base, settings: ServiceSettings): Context {
  let store: CredentialStore | undefined;
  let session: Promise<Session> | undefined;
  let api: Promise<SlackApi> | undefined;
  const ctx: Context = {
    ...base,
    credentials: () =>
      (store ??= new CredentialStore(base.paths.credentialsFile, base.platform === 'win32' ? undefined : { warn: (line) => base.io.warn(line) })),
    // Token resolution and rotation load on first use: `auth list` never needs them.
    session: () =>
      (session ??= import('../auth/session.js').then(({ resolveSession, teamRequired }) =>
        resolveSession({
          store: ctx.credentials(),
          env: base.env,
          apihostFlag: settings.apihost,
          team: settings.team,
          tokenFlags: settings,
          readStdin: () => base.readStdin(),
          configDir: flaggedConfigDir(settings, base.paths),
          warn: (m) => base.io.warn(m),
          now: () => base.clock.now(),
          rawApi: (host) => createApi(ctx, host),
          pickTeam: async (choices) => {
            if (!base.io.canPrompt()) throw teamRequired(choices);
            return base.prompter.select(
              'team',
              'Select a team',
              choices.map((c) => ({ label: `${c.team_domain} (${c.team_id}) ${hostOf(c)}`, value: c })),
            );
          },
        }),
      )),
    api: () => (api ??= ctx.session().then((s) => createApi(ctx, s.apiHost, s, (e) => explain(ctx, settings, s, e)))),
    rawApi: (host) => createApi(ctx, host),
    http: () => httpSettings(base, settings.verbose),
  };
  return ctx;
}

/** A failed call's hint, fitted to the session; the code for it loads only when a call fails. */
async function explain(ctx: Context, settings: ServiceSettings, session: Session, e: unknown): Promise<unknown> {
  const { explainFailure } = await import('../auth/token-hints.js');
  return explainFailure(e, {
    session,
    hostRequested: hostRequested(settings.apihost, ctx.env),
    configDir: flaggedConfigDir(settings, ctx.paths),
    store: ctx.credentials(),
    cwd: ctx.paths.cwd,
    home: ctx.paths.home,
  });
}

/** `verbose` (--verbose) turns on the HTTP log on stderr. */
export function httpSettings(ctx: Base, verbose: boolean): HttpSettings {
  const seconds = Number(ctx.env.ROSI_HTTP_TIMEOUT || 60);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`ROSI_HTTP_TIMEOUT must be a positive number of seconds, got ${JSON.stringify(ctx.env.ROSI_HTTP_TIMEOUT)}`, { code: 'invalid_env' });
  }
  return {
    fetch: ctx.fetch,
    clock: ctx.clock,
    signal: ctx.signal,
    userAgent: `rosi/${ctx.version} (os: ${ctx.platform})`,
    timeoutMs: seconds * 1000,
    log: verbose ? (line) => ctx.io.info(ctx.io.errColors.gray(`[http] ${line}`)) : undefined,
  };
}

/** The API client (and its schemas) load only when a command first talks to Slack. */
export async function createApi(
  ctx: Pick<Context, 'io' | 'http'>,
  baseUrl: string,
  session?: Session,
  explain?: (e: unknown) => Promise<unknown>,
): Promise<SlackApi> {
  const { SlackApi } = await import('../api/client.js');
  return new SlackApi({
    ...ctx.http(),
    // Every client passes the host check, whoever chose the host: no token crosses a network in clear text.
    baseUrl: clientHost(baseUrl),
    tokens: session?.tokens,
    onWarning: (method, w) => ctx.io.warn(`${method}: ${w}`),
    explain,
  });
}
