import * as z from 'zod/mini';
import { flaggedConfigDir, rosiCommand } from '../../auth/follow-up.js';
import { checkLogin } from '../../auth/status.js';
import type { Context } from '../../context/context.js';
import { AuthError } from '../../errors/cli-error.js';
import type { RawInput } from '../../kit/define-command.js';
import { addressOptions } from '../../kit/global-options.js';
import { durationFlag, parseOptions } from '../../kit/parse-options.js';
import { formatDuration, parseDuration } from '../../lib/duration.js';
import { describeExpiry } from './shared.js';

const Options = z.object({ configDir: addressOptions.configDir, requireValidFor: z.optional(durationFlag(parseDuration)) });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const session = await ctx.session();
  const status = await checkLogin(await ctx.api(), session);
  const expiresAt = status.expires_at;
  ctx.io.result(status, (s, ui) => {
    ui.out(`${ui.colors.green('✓')} Logged in to ${s.team ?? s.team_id} (${s.team_id}) as ${s.user ?? s.user_id} (${s.user_id})`);
    ui.out(`  API host: ${s.api_host}`);
    ui.out(`  Token:    from ${sourceLabel(s.token_source)}, expires ${describeExpiry(s.expires_at, s.rotatable, ctx.clock.now(), ui)}`);
  });
  if (o.requireValidFor !== undefined && expiresAt) {
    const left = Date.parse(expiresAt) - ctx.clock.now().getTime();
    if (left < o.requireValidFor) {
      const login = rosiCommand('login', { apiHost: session.apiHost, configDir: flaggedConfigDir(o, ctx.paths) });
      throw new AuthError('token_expiring', `The token expires in ${formatDuration(left)}, sooner than the required ${formatDuration(o.requireValidFor)}`, {
        hint: status.rotatable
          ? `rosi refreshes it automatically when it is within 5 minutes of expiry; or run \`${login}\`.`
          : `Create a new token with \`${login}\` or \`${rosiCommand('auth token', { apiHost: session.apiHost })}\`.`,
      });
    }
  }
}

function sourceLabel(s: string): string {
  return s === 'stored' ? 'credentials.json' : s === 'flag' ? '--token' : s === 'file' ? '--token-file' : 'the environment';
}
