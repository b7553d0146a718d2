import { hasExplicitToken } from '../../auth/explicit-token.js';
import { loginHost } from '../../auth/host.js';
import { revokeToken } from '../../auth/logout.js';
import type { Context } from '../../context/context.js';
import { UsageError } from '../../errors/cli-error.js';
import type { RawInput } from '../../kit/define-command.js';

/** No options of its own: parsing stays free of the schema library. */
export const parse = (_raw: RawInput) => ({});


export async function run(ctx: Context): Promise<void> {
  let token: string;
  let apiHost: string;
  if (hasExplicitToken(ctx.globals, ctx.env)) {
    const session = await ctx.session();
    token = await session.tokens.token();
    apiHost = session.apiHost;
  } else {
    if (!ctx.io.canPrompt()) {
      throw new UsageError('No token to revoke was given', { code: 'missing_token', hint: 'Pass --token <token> or --token-file <path|->.' });
    }
    token = await ctx.prompter.password('token', 'Enter a token to revoke');
    apiHost = loginHost(ctx.globals.apihost, ctx.env);
  }
  const { alreadyInvalid: already } = await revokeToken(await ctx.rawApi(apiHost), token);
  ctx.io.result({ revoked: true, already_invalid: already, api_host: apiHost }, () => {});
  ctx.io.success(already ? 'The token was already revoked or invalid' : 'Token revoked');
}
