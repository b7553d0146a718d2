import { requestedHost } from '../../auth/session.js';
import { DEFAULT_API_HOST } from '../../config/api-host.js';
import type { Context } from '../../context/context.js';
import { isAlreadyDead } from '../../auth/logout.js';
import { UsageError } from '../../errors/cli-error.js';
import type { RawInput } from '../../kit/define-command.js';

/** No options of its own: parsing stays free of the schema library. */
export const parse = (_raw: RawInput) => ({});


export async function run(ctx: Context): Promise<void> {
  const explicit = ctx.globals.token !== undefined || ctx.globals.tokenFile !== undefined || ctx.env.ROSI_TOKEN || ctx.env.SLACK_SERVICE_TOKEN;
  let token: string;
  let apiHost: string;
  if (explicit) {
    const session = await ctx.session();
    token = await session.tokens.token();
    apiHost = session.apiHost;
  } else {
    if (!ctx.io.canPrompt()) {
      throw new UsageError('No token to revoke was given', { code: 'missing_token', hint: 'Pass --token <token> or --token-file <path|->.' });
    }
    token = await ctx.prompter.password('token', 'Enter a token to revoke');
    apiHost = requestedHost(ctx.globals.apihost, ctx.env) ?? DEFAULT_API_HOST;
  }
  let already = false;
  try {
    await (await ctx.rawApi(apiHost)).call('auth.revoke', {}, { token });
  } catch (e) {
    if (!isAlreadyDead(e)) throw e;
    already = true;
  }
  ctx.io.result({ revoked: true, already_invalid: already, api_host: apiHost }, () => {});
  ctx.io.success(already ? 'The token was already revoked or invalid' : 'Token revoked');
}
