import type { SlackApi } from '../api/client.js';
import { cursorPages } from '../api/paging.js';
import type { Message } from '../api/schemas/conversations.js';

type Api = Pick<SlackApi, 'call'>;

/** A channel as rosi names it: its ID and, when the team lists it, its name. */
export interface ChannelRef {
  id: string;
  name: string | undefined;
}

/** A top-level message and its thread's replies, oldest first. */
export interface Thread {
  message: Message;
  replies: Message[];
}

/** The most Slack answers in one page of conversations.list and conversations.history. */
const PAGE = 1000;

/** The team's channels, public and private, in the order the server lists them. */
export async function listChannels(api: Api): Promise<ChannelRef[]> {
  const channels: ChannelRef[] = [];
  const pages = cursorPages(({ cursor }) =>
    api.call('conversations.list', { types: 'public_channel,private_channel', limit: PAGE, ...(cursor ? { cursor } : {}) }),
  );
  for await (const { page } of pages) channels.push(...page.channels.map((c) => ({ id: c.id, name: c.name })));
  return channels;
}

/**
 * A channel's newest `limit` top-level messages (every one when `limit` is undefined), oldest first, each
 * with its thread: conversations.history lists parents only, so a parent with replies costs one
 * conversations.replies call.
 */
export async function channelThreads(api: Api, channel: string, limit: number | undefined): Promise<Thread[]> {
  const newestFirst: Message[] = [];
  const pages = cursorPages(
    ({ cursor, remaining }) => api.call('conversations.history', { channel, limit: Math.min(PAGE, remaining), ...(cursor ? { cursor } : {}) }),
    { stopAfter: limit === undefined ? undefined : { items: limit, count: (p) => p.messages.length } },
  );
  for await (const { page } of pages) newestFirst.push(...page.messages);
  const wanted = limit === undefined ? newestFirst : newestFirst.slice(0, limit);
  const threads: Thread[] = [];
  for (const message of wanted.reverse()) {
    const replies = (message.reply_count ?? 0) > 0 ? await threadReplies(api, channel, message.ts) : [];
    threads.push({ message, replies });
  }
  return threads;
}

/** The replies to a thread's parent, oldest first (conversations.replies answers the parent first: it is left out). */
async function threadReplies(api: Api, channel: string, ts: string): Promise<Message[]> {
  const replies: Message[] = [];
  const pages = cursorPages(({ cursor }) => api.call('conversations.replies', { channel, ts, limit: PAGE, ...(cursor ? { cursor } : {}) }));
  for await (const { page } of pages) replies.push(...page.messages.filter((m) => m.ts !== ts));
  return replies;
}
