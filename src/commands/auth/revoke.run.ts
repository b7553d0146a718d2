import { hasExplicitToken } from '../../auth/explicit-token.js';
import { loginHost } from '../../auth/host.js';
import { revokeToken } from '../../auth/logout.js';
import type { Context } from '../../context/context.js';
import { UsageError } from '../../errors/cli-error.js';
import { stringFlag, type RawInput } from '../../kit/define-command.js';

/** The token and host flags; no options of its own, so parsing stays free of the schema library. */
export const parse = (raw: RawInput) => ({ token: stringFlag(raw, 'token'), tokenFile: stringFlag(raw, 'tokenFile'), apihost: stringFlag(raw, 'apihost') });

export async function run(ctx: Context, o: ReturnType<typeof parse>): Promise<void> {
  let token: string;
  let apiHost: string;
  if (hasExplicitToken(o, ctx.env)) {
    const session = await ctx.session();
    token = await session.tokens.token();
    apiHost = session.apiHost;
  } else {
    if (!ctx.io.canPrompt()) {
      throw new UsageError('No token to revoke was given', { code: 'missing_token', hint: 'Pass --token <token> or --token-file <path|->.' });
    }
    token = await ctx.prompter.password('token', 'Enter a token to revoke');
    apiHost = loginHost(o.apihost, ctx.env);
  }
  const { alreadyInvalid: already } = await revokeToken(await ctx.rawApi(apiHost), token);
  ctx.io.result({ revoked: true, already_invalid: already, api_host: apiHost }, () => {});
  ctx.io.success(already ? 'The token was already revoked or invalid' : 'Token revoked');
}
