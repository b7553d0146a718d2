import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import type { RawInput } from '../../kit/define-command.js';
import { addressOptions, promptOption } from '../../kit/global-options.js';
import { parseOptions } from '../../kit/parse-options.js';
import { runTicketFlow } from './ticket-flow.js';

const Options = z.object({ apihost: addressOptions.apihost, ...promptOption, ticket: z.optional(z.string()), challenge: z.optional(z.string()) });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const r = await runTicketFlow(ctx, o, true, 'auth token');
  if (r.kind === 'printed') return;
  const x = r.exchange;
  // The one place a token is meant for stdout: written unredacted, once, never saved.
  const out = {
    token: x.token,
    team_id: x.team_id ?? null,
    team_domain: x.team_domain ?? null,
    user_id: x.user_id ?? null,
    api_host: r.apiHost,
    expires_at: x.exp ? new Date(x.exp * 1000).toISOString() : null,
  };
  ctx.io.secret(out, (t) => t.token);
  ctx.io.success(`Service token created for ${x.team_domain ?? x.team_id ?? 'the team'}${x.exp ? '' : '; it does not expire'}`);
  ctx.io.info('  It is shown only this once and was not saved. Store it as a CI secret (SLACK_SERVICE_TOKEN) or pass it with --token.');
}
