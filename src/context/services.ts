import { readFileSync } from 'node:fs';
import type { SlackApi } from '../api/client.js';
import { hostOf } from '../auth/credential.js';
import { CredentialStore } from '../auth/credential-store.js';
import type { Session, TokenSource } from '../auth/session.js';
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
      explicitToken: () => explicitToken(ctx),
      now: () => base.clock.now(),
      rawApi: (host) => createApi(ctx, host),
      pickTeam: async (choices) => {
        if (!base.io.canPrompt()) throw teamRequired(choices);
        return base.prompter.select('team', 'Select a team', choices.map((c) => ({ label: `${c.team_domain} (${c.team_id}) ${hostOf(c)}`, value: c })));
      },
    }))),
    api: () => (api ??= ctx.session().then((s) => createApi(ctx, s.apiHost, s))),
    rawApi: (host) => createApi(ctx, host),
    http: () => httpSettings(base),
  };
  return ctx;
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
export async function createApi(ctx: Base, baseUrl: string, session?: Session): Promise<SlackApi> {
  const { SlackApi } = await import('../api/client.js');
  return new SlackApi({
    ...httpSettings(ctx),
    baseUrl,
    tokens: session?.tokens,
    onWarning: (method, w) => ctx.io.warn(`${method}: ${w}`),
  });
}

/** A token named by flag, file or environment; such tokens are never saved or rotated. */
export async function explicitToken(ctx: Base): Promise<{ token: string; source: Exclude<TokenSource, 'stored'> } | undefined> {
  const g = ctx.globals;
  if (g.token !== undefined && g.tokenFile !== undefined) {
    throw new UsageError('--token and --token-file cannot be used together', { code: 'mismatched_flags' });
  }
  if (g.token !== undefined) return { token: nonEmpty(g.token, '--token'), source: 'flag' };
  if (g.tokenFile !== undefined) {
    const text = g.tokenFile === '-' ? await ctx.readStdin() : await readTokenFile(g.tokenFile);
    return { token: nonEmpty(text, `--token-file ${g.tokenFile}`), source: 'file' };
  }
  const envName = ctx.env.ROSI_TOKEN ? 'ROSI_TOKEN' : ctx.env.SLACK_SERVICE_TOKEN ? 'SLACK_SERVICE_TOKEN' : undefined;
  if (envName) return { token: nonEmpty(ctx.env[envName] as string, envName), source: 'env' };
  return undefined;
}

async function readTokenFile(path: string): Promise<string> {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read --token-file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { code: 'invalid_token_file' });
  }
}

function nonEmpty(token: string, where: string): string {
  const t = token.trim();
  if (!t) throw new UsageError(`${where} is empty`, { code: 'missing_token' });
  if (/\s/.test(t)) throw new UsageError(`${where} does not look like a token (it contains white space)`, { code: 'invalid_token' });
  return t;
}
