import type { SlackApi } from '../api/client.js';
import { hostOf } from '../auth/credential.js';
import { flaggedConfigDir } from '../auth/follow-up.js';
import { CredentialStore } from '../auth/credential-store.js';
import { clientHost, hostRequested } from '../auth/host.js';
import type { Session } from '../auth/session.js';
import { UsageError } from '../errors/cli-error.js';
import type { Context, HttpSettings } from './context.js';

type Base = Omit<Context, 'credentials' | 'session' | 'api' | 'rawApi' | 'http'>;

/**
 * The lazily built, memoised services of a Context: shared by the real context and the
 * test one, so both resolve tokens, hosts and clients the same way.
 */
export function withServices(base: Base): Context {
  let store: CredentialStore | undefined;
  let session: Promise<Session> | undefined;
  let api: Promise<SlackApi> | undefined;
  const ctx: Context = {
    ...base,
    credentials: () => (store ??= new CredentialStore(base.paths.credentialsFile, base.platform === 'win32' ? undefined : { warn: (line) => base.io.warn(line) })),
    // Token resolution and rotation load on first use: `auth list` never needs them.
    session: () => (session ??= import('../auth/session.js').then(({ resolveSession, teamRequired }) => resolveSession({
      store: ctx.credentials(),
      env: base.env,
      apihostFlag: base.globals.apihost,
      team: base.globals.team,
      tokenFlags: base.globals,
      readStdin: () => base.readStdin(),
      configDir: flaggedConfigDir(base),
      warn: (m) => base.io.warn(m),
      now: () => base.clock.now(),
      rawApi: (host) => createApi(ctx, host),
      pickTeam: async (choices) => {
        if (!base.io.canPrompt()) throw teamRequired(choices);
        return base.prompter.select('team', 'Select a team', choices.map((c) => ({ label: `${c.team_domain} (${c.team_id}) ${hostOf(c)}`, value: c })));
      },
    }))),
    api: () => (api ??= ctx.session().then((s) => createApi(ctx, s.apiHost, s, (e) => explain(ctx, s, e)))),
    rawApi: (host) => createApi(ctx, host),
    http: () => httpSettings(base),
  };
  return ctx;
}

/** A failed call's hint, fitted to the session; the code for it loads only when a call fails. */
async function explain(ctx: Context, session: Session, e: unknown): Promise<unknown> {
  const { explainFailure } = await import('../auth/token-hints.js');
  return explainFailure(e, {
    session,
    hostRequested: hostRequested(ctx.globals.apihost, ctx.env),
    configDir: flaggedConfigDir(ctx),
    store: ctx.credentials(),
    cwd: ctx.paths.cwd,
    home: ctx.paths.home,
  });
}

export function httpSettings(ctx: Base): HttpSettings {
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
    log: ctx.globals.verbose ? (line) => ctx.io.info(ctx.io.errColors.gray(`[http] ${line}`)) : undefined,
  };
}

/** The API client (and its schemas) load only when a command first talks to Slack. */
export async function createApi(ctx: Base, baseUrl: string, session?: Session, explain?: (e: unknown) => Promise<unknown>): Promise<SlackApi> {
  const { SlackApi } = await import('../api/client.js');
  return new SlackApi({
    ...httpSettings(ctx),
    // Every client passes the host check, whoever chose the host: no token crosses a network in clear text.
    baseUrl: clientHost(baseUrl),
    tokens: session?.tokens,
    onWarning: (method, w) => ctx.io.warn(`${method}: ${w}`),
    explain,
  });
}
