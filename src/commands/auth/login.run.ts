import * as z from 'zod/mini';
import { credentialFromExchange, credentialFromToken, saveCredential, type VerifiedLogin } from '../../auth/login.js';
import { tokenFlagGiven } from '../../auth/explicit-token.js';
import { flaggedConfigDir, rosiCommand } from '../../auth/follow-up.js';
import { loginHost } from '../../auth/host.js';
import type { Context } from '../../context/context.js';
import type { Credential } from '../../auth/credential.js';
import { CliError, UsageError, withHint } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { RawInput } from '../../kit/define-command.js';
import { addressOptions, promptOption, tokenOptions } from '../../kit/global-options.js';
import { parseOptions } from '../../kit/parse-options.js';
import { describeExpiry, summarize } from './shared.js';
import { runTicketFlow } from './ticket-flow.js';

const Options = z.object({
  ...tokenOptions,
  apihost: addressOptions.apihost,
  configDir: addressOptions.configDir,
  ...promptOption,
  ticket: z.optional(z.string()),
  challenge: z.optional(z.string()),
  open: z.optional(z.boolean()),
});
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  if (tokenFlagGiven(o)) {
    if (o.ticket || o.challenge) throw new UsageError('--token cannot be combined with --ticket/--challenge', { code: 'mismatched_flags' });
    return loginWithToken(ctx, o);
  }
  const r = await runTicketFlow(ctx, o, false, 'login');
  if (r.kind === 'printed') return;
  const login = await credentialFromExchange(r.api, r.exchange, r.apiHost, ctx.clock.now());
  const replaced = await saveCredential(ctx.credentials(), login.credential);
  report(ctx, login, replaced);
}

async function loginWithToken(ctx: Context, o: Options): Promise<void> {
  const session = await ctx.session();
  const token = await session.tokens.token();
  const apiHost = loginHost(o.apihost, ctx.env);
  const login = await credentialFromToken(await ctx.rawApi(apiHost), token, apiHost, ctx.clock.now()).catch(async (e: unknown) => {
    if (!(e instanceof CliError) || e.exitCode !== ExitCode.auth) throw e;
    const { refusedHint } = await import('../../auth/token-hints.js');
    throw withHint(e, refusedHint(session, `to log in with a ticket: \`${rosiCommand('login', { apiHost, configDir: flaggedConfigDir(o, ctx.paths) })}\``));
  });
  const replaced = await saveCredential(ctx.credentials(), login.credential);
  if (replaced?.refresh_token) ctx.io.warn(`This replaces a refreshable login for ${replaced.team_domain} with a token that cannot be refreshed.`);
  report(ctx, login, replaced);
}

function report(ctx: Context, login: VerifiedLogin, replaced: Credential | undefined): void {
  const c = login.credential;
  const s = summarize(c);
  ctx.io.result({ ...s, credentials_file: ctx.credentials().file, replaced: Boolean(replaced) }, () => {});
  const user = login.userName ? `${login.userName} (${c.user_id})` : c.user_id;
  ctx.io.success(`Logged in to ${login.teamName ?? c.team_domain} (${c.team_id}) as ${user}`);
  if (c.api_host) ctx.io.info(`  API host ${c.api_host}`);
  ctx.io.info(`  Token expires ${describeExpiry(s.expires_at, s.rotatable, ctx.clock.now(), ctx.io)}`);
  ctx.io.info(`  Saved to ${ctx.credentials().file}${replaced ? ' (replacing the previous login for this team)' : ''}`);
}
