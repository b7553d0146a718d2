import type { SlackApi } from '../../api/client.js';
import { exchangeTicket, isExpiredTicketError, requestTicket, TicketNotReadyError, type Exchange } from '../../auth/login.js';
import { flaggedConfigDir, rosiCommand } from '../../auth/follow-up.js';
import { isEmulatorHost, loginHost } from '../../auth/host.js';
import type { Context } from '../../context/context.js';
import { ApiError } from '../../errors/api-error.js';
import { CliError, UsageError, withHint } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { formatDuration } from '../../lib/duration.js';
import { openInBrowser } from '../../io/open-browser.js';

export interface TicketFlowOptions {
  ticket?: string | undefined;
  challenge?: string | undefined;
  /** The global flags the flow reads: the host, the credentials folder for hints, and --no-prompt. */
  apihost?: string | undefined;
  configDir?: string | undefined;
  prompt?: boolean | undefined;
  /** --open: open the emulator's approval page once the slash command is printed. */
  open?: boolean | undefined;
}

export type TicketFlowResult = { kind: 'printed' } | { kind: 'exchanged'; exchange: Exchange & { token: string }; apiHost: string; api: SlackApi };

/**
 * The ticket login shared by `login` and `auth token`: the split flow (print a ticket;
 * finish with --ticket/--challenge) or the interactive one (print, prompt, exchange).
 */
export async function runTicketFlow(ctx: Context, o: TicketFlowOptions, service: boolean, verb: string): Promise<TicketFlowResult> {
  const apiHost = loginHost(o.apihost, ctx.env);
  // A service token is never saved, so only `login` needs the credentials folder repeated.
  const command = (tail = '') => rosiCommand(verb, { apiHost, configDir: service ? undefined : flaggedConfigDir(o, ctx.paths) }, tail);
  const api = await ctx.rawApi(apiHost);
  if (o.ticket !== undefined || o.challenge !== undefined) {
    if (!o.ticket) throw new UsageError('--challenge needs --ticket: both are required to finish a login', { code: 'mismatched_flags' });
    if (!o.challenge) throw new UsageError('--ticket needs --challenge: both are required to finish a login', { code: 'mismatched_flags' });
    const exchange = await exchangeTicket(api, ctx.env, o.ticket, o.challenge, command(), where(apiHost)).catch((e: unknown) => {
      throw isExpiredTicketError(e) ? expired(command()) : sameFlow(e, command());
    });
    return { kind: 'exchanged', exchange, apiHost, api };
  }
  const interactive = ctx.io.canPrompt();
  if (!interactive && o.prompt !== false && !ctx.env.CI) {
    throw new UsageError('Cannot ask for the challenge code: stdin or stderr is not a terminal', {
      code: 'prompt_unavailable',
      hint: `Use \`${command('--no-prompt')}\` to print a ticket, then \`${command('--ticket <ticket> --challenge <code>')}\`; or pass --token.`,
    });
  }
  const t = await requestTicket(api, ctx.env, ctx.clock.now(), service);
  if (!interactive) {
    ctx.io.result({ ticket: t.ticket, slash_command: t.slashCommand, expires_at: t.expiresAt.toISOString(), api_host: apiHost }, (d, ui) =>
      ui.out(d.slash_command),
    );
    ctx.io.info(`Run the command above ${where(apiHost)} and approve it within ${formatDuration(t.expiresAt.getTime() - ctx.clock.now().getTime())}.`);
    ctx.io.info(`Then finish with: ${command(`--ticket ${t.ticket} --challenge <code>`)}`);
    if (o.open) await openApproval(ctx, apiHost);
    return { kind: 'printed' };
  }
  const ui = ctx.io.errColors;
  ctx.io.info(ui.bold(`Run this slash command ${where(apiHost)}:`));
  // The slash command is the data of `login`; for `auth token` stdout is reserved for the token.
  if (service) ctx.io.info(`\n${t.slashCommand}\n`);
  else ctx.io.out(t.slashCommand);
  ctx.io.info(
    ui.dim(
      isEmulatorHost(apiHost)
        ? 'The page asks you to approve; once approved it shows a challenge code.'
        : 'Slack opens a modal to approve; once approved it shows a challenge code.',
    ),
  );
  if (o.open) await openApproval(ctx, apiHost);
  for (;;) {
    const left = t.expiresAt.getTime() - ctx.clock.now().getTime();
    if (left <= 0) throw expired(command());
    const code = await ctx.prompter.input('challenge', `Enter the challenge code (ticket expires in ${formatDuration(left)})`, (v) =>
      v ? undefined : 'The code is required.',
    );
    try {
      const exchange = await exchangeTicket(api, ctx.env, t.ticket, code, command(), where(apiHost));
      return { kind: 'exchanged', exchange, apiHost, api };
    } catch (e) {
      if (isExpiredTicketError(e) || t.expiresAt.getTime() <= ctx.clock.now().getTime()) throw expired(command());
      if (e instanceof ApiError && e.slackError === 'invalid_challenge') ctx.io.warn('That challenge code is not right. Check it and try again.');
      else if (e instanceof TicketNotReadyError) ctx.io.warn('The ticket is not approved yet. Approve it, then enter the code it shows.');
      else throw e;
    }
  }
}

/**
 * Where the slash command is run: in Slack, or for `rosi emulator` (the only host rosi
 * talks to over loopback) on its approval page, which stands in for Slack.
 */
function where(apiHost: string): string {
  return isEmulatorHost(apiHost) ? `on the emulator's approval page (${apiHost}/approve)` : 'in any Slack channel or DM';
}

/**
 * --open, after the slash command is printed: the page where it is pasted. Only on asking, never by
 * default: the command has to be copied from the terminal first, and a window that takes the focus
 * before that is in the way. Slack has no page for it (the command runs in any channel).
 */
async function openApproval(ctx: Context, apiHost: string): Promise<void> {
  if (isEmulatorHost(apiHost)) await openInBrowser(ctx, `${apiHost}/approve`);
  else ctx.io.info('Nothing to open (--open): on Slack the command runs in any channel or DM, in the Slack app.');
}

/** A catalogue hint's `rosi login` becomes the command of this flow, on this host. */
function sameFlow(e: unknown, command: string): unknown {
  return e instanceof CliError && e.hint?.includes('`rosi login`') ? withHint(e, e.hint.replaceAll('`rosi login`', `\`${command}\``)) : e;
}

function expired(command: string): CliError {
  return new CliError('ticket_expired', 'The auth ticket has expired or was already used (tickets last five minutes)', ExitCode.failed, {
    hint: `Run \`${command}\` again for a new ticket.`,
  });
}
