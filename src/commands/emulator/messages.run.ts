import * as z from 'zod/mini';
import { rerunCommand } from '../../auth/follow-up.js';
import { isEmulatorHost } from '../../auth/host.js';
import type { Context } from '../../context/context.js';
import { ApiError } from '../../errors/api-error.js';
import { UsageError } from '../../errors/cli-error.js';
import type { RawInput } from '../../kit/define-command.js';
import { addressOptions, appOption } from '../../kit/global-options.js';
import { parseOptions } from '../../kit/parse-options.js';
import { channelThreads, listChannels, type ChannelRef } from '../../messages/requests.js';
import { messageEntries, renderMessages, type MessageEntry } from './message-lines.js';

const DEFAULT_LIMIT = 100;

const Options = z.object({
  ...appOption,
  configDir: addressOptions.configDir,
  channel: z.optional(z.array(z.string().check(z.minLength(1, 'must not be empty')))),
  limit: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,7}$/, 'must be a whole number (0 prints all)')),
      z.transform((s: string) => Number(s)),
    ),
  ),
});
type Options = z.infer<typeof Options>;

/** Where `rosi emulator` serves when started without --host or --port. */
const EMULATOR_DEFAULT_URL = 'http://127.0.0.1:5810';
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const { apiHost } = await ctx.session();
  // On Slack, what workflows post is in Slack's channels, read in Slack: a CLI login carries no
  // channels:history scope, and real channels hold people's conversations, not a developer's test runs.
  if (!isEmulatorHost(apiHost)) {
    throw new UsageError(`rosi emulator messages reads the emulator’s message log, and ${apiHost} is not the emulator`, {
      code: 'not_emulator',
      hint: `On Slack, read the messages in Slack. For the emulator’s, point rosi at it (here at its default address): ${rerunCommand({ apihost: EMULATOR_DEFAULT_URL, configDir: o.configDir }, ['emulator', 'messages'])}`,
    });
  }
  const api = await ctx.api();
  const team = await listChannels(api);
  const channels = o.channel === undefined ? team : o.channel.map((c) => chosenChannel(c, team));
  const limit = o.limit === undefined ? DEFAULT_LIMIT : o.limit === 0 ? undefined : o.limit;
  const entries: MessageEntry[] = [];
  for (const channel of channels) {
    const threads = await channelThreads(api, channel.id, limit).catch((e: unknown) => {
      throw unknownChannel(e, channel);
    });
    entries.push(...messageEntries(channel, threads, o.app));
  }
  ctx.io.result(entries, renderMessages);
  if (entries.length === 0) ctx.io.info(nothingPosted(o, channels));
}

/** `--channel`: a #name (or a bare lower-case name) among the team's channels, else an ID as given. */
function chosenChannel(given: string, team: readonly ChannelRef[]): ChannelRef {
  const name = given.startsWith('#') ? given.slice(1) : /^[a-z0-9_-]+$/.test(given) ? given : undefined;
  if (name === undefined) return team.find((c) => c.id === given) ?? { id: given, name: undefined };
  const found = team.find((c) => c.name === name);
  if (found) return found;
  const known = team.map((c) => `#${c.name ?? c.id}`).join(', ');
  throw new UsageError(`Invalid --channel: the team has no channel named #${name}`, {
    code: 'channel_not_found',
    hint: known ? `Its channels: ${known}.` : 'The team has no channels.',
  });
}

/** A channel the user named by ID that the team does not have: said as a mistake in --channel. */
function unknownChannel(e: unknown, channel: ChannelRef): unknown {
  if (!(e instanceof ApiError) || e.slackError !== 'channel_not_found') return e;
  return new UsageError(`Invalid --channel: the team has no channel ${channel.id}`, {
    code: 'channel_not_found',
    hint: 'Name a channel by its ID (C…, or D… for a DM something was sent to) or as #name; `rosi emulator messages` alone reads them all.',
    cause: e,
  });
}

function nothingPosted(o: Options, channels: readonly ChannelRef[]): string {
  const where = o.channel === undefined ? 'the team’s channels' : channels.map((c) => (c.name ? `#${c.name}` : c.id)).join(', ');
  const who = o.app === undefined ? 'Nothing was posted' : `App ${o.app} posted nothing`;
  return `${who} in ${where} yet. Workflows post with send_message, send_dm and reply_in_thread.`;
}
