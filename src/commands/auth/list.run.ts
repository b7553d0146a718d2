import { flaggedConfigDir, rosiCommand } from '../../auth/follow-up.js';
import type { Context } from '../../context/context.js';
import type { IO } from '../../io/io.js';
import { stringFlag, type RawInput } from '../../kit/define-command.js';
import { describeExpiry, summarize, type LoginSummary } from './shared.js';

/** --config-dir for hints; no options of its own, so parsing stays free of the schema library. */
export const parse = (raw: RawInput) => ({ configDir: stringFlag(raw, 'configDir') });

export async function run(ctx: Context, o: ReturnType<typeof parse>): Promise<void> {
  const logins = (await ctx.credentials().list()).map(summarize);
  if (logins.length === 0 && !ctx.io.json) {
    ctx.io.info('You are not logged in to any Slack workspace.');
    ctx.io.info(`Log in with \`${rosiCommand('login', { configDir: flaggedConfigDir(o, ctx.paths) })}\`.`);
    return;
  }
  ctx.io.result(logins, (list, ui) => render(list, ui, ctx.clock.now()));
}

function render(list: LoginSummary[], ui: IO, now: Date): void {
  const c = ui.colors;
  list.forEach((l, i) => {
    if (i) ui.out();
    ui.out(`${c.bold(l.team_domain)} (${l.team_id})`);
    ui.out(`  User:     ${l.user_id}`);
    ui.out(`  API host: ${l.api_host}`);
    ui.out(`  Expires:  ${describeExpiry(l.expires_at, l.rotatable, now, ui)}`);
    if (l.enterprise_id) ui.out(`  Org:      ${l.enterprise_id}`);
  });
}
