import * as z from 'zod/mini';
import { revokeLogin, type LoginHostClient, type LogoutResult } from '../../auth/logout.js';
import { flaggedConfigDir, rosiCommand } from '../../auth/follow-up.js';
import { hostOf, type Credential } from '../../auth/credential.js';
import { requestedHost } from '../../auth/host.js';
import type { Context } from '../../context/context.js';
import { CliError, UsageError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { RawInput } from '../../kit/define-command.js';
import { addressOptions } from '../../kit/global-options.js';
import { parseOptions } from '../../kit/parse-options.js';
import { teamLabel } from './shared.js';

const Options = z.object({ apihost: addressOptions.apihost, configDir: addressOptions.configDir, team: addressOptions.team, all: z.optional(z.boolean()) });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const team = o.team;
  if (o.all && team !== undefined) throw new UsageError('--all and --team cannot be used together', { code: 'mismatched_flags' });
  if (team === '') throw new UsageError('--team is empty', { code: 'missing_flag' });
  const host = requestedHost(o.apihost, ctx.env);
  const all = (await ctx.credentials().list()).filter((c) => !host || hostOf(c) === host);
  const targets = await choose(ctx, o, all, o.all === true, team);
  const results: LogoutResult[] = [];
  for (const c of targets) results.push(await revokeLogin(await clientFor(ctx, c), ctx.credentials(), c));
  const failed = results.filter((r) => r.revoke_error);
  ctx.io.result({ logged_out: results }, () => {});
  if (targets.length === 0) ctx.io.info('No stored logins to remove.');
  for (const r of results) {
    if (r.revoke_error)
      ctx.io.warn(`Removed the login for ${teamLabel(r)}, but revoking it on the server failed (${r.revoke_error}); the token stays valid until it expires.`);
    else ctx.io.success(`Logged out of ${teamLabel(r)}`);
  }
  if (failed.length) {
    // A host refused by the host check is never offered as a place to send tokens.
    const hosts = [...new Set(failed.filter((r) => r.revoke_error !== 'insecure_apihost').map((r) => r.api_host))];
    const revoke = hosts.map((h) => `\`${rosiCommand('auth revoke', { apiHost: h }, '--token-file <file>')}\``).join(' or ');
    throw new CliError('revoke_failed', `Could not revoke ${failed.length} of ${results.length} token sets on the server`, ExitCode.failed, {
      hint: `The logins were removed locally.${revoke ? ` Revoke leaked tokens with ${revoke} when the host is reachable.` : ''}`,
    });
  }
}

/** A login's tokens go to its own host only; a host the host check refuses is sent nothing. */
function clientFor(ctx: Context, c: Credential): Promise<LoginHostClient> {
  return ctx.rawApi(hostOf(c)).catch((e: unknown) => {
    if (e instanceof CliError) return e;
    throw e;
  });
}

async function choose(ctx: Context, o: Options, all: Credential[], everything: boolean, team: string | undefined): Promise<Credential[]> {
  if (everything) return all;
  if (team !== undefined) {
    const match = all.filter((c) => c.team_id === team || c.team_domain === team);
    if (match.length === 0)
      throw new UsageError(`No stored login matches --team ${team}`, {
        code: 'credentials_not_found',
        hint: `See your logins with \`${rosiCommand('auth list', { configDir: flaggedConfigDir(o, ctx.paths) })}\`.`,
      });
    return match;
  }
  if (all.length <= 1) return all;
  if (!ctx.io.canPrompt()) {
    throw new UsageError('Several logins are stored; choose which to log out of', {
      code: 'team_required',
      hint: `Pass --team (${all.map((c) => c.team_id).join(', ')}) or --all.`,
    });
  }
  return [
    await ctx.prompter.select(
      'logout-team',
      'Select a login to log out of',
      all.map((c) => ({ label: teamLabel(c), value: c })),
    ),
  ];
}
