import type { Message } from '../../api/schemas/conversations.js';
import type { IO } from '../../io/io.js';
import type { ChannelRef, Thread } from '../../messages/requests.js';

/**
 * One message as `rosi emulator messages --json` prints it (a public contract: fields are added, never renamed).
 * `workflow`, `workflow_execution_id` and `function_execution_id` come from the emulator's own `emulator` field.
 */
export interface MessageEntry {
  channel: string;
  channel_name: string | null;
  ts: string;
  /** The ts as an ISO-8601 UTC time. */
  time: string;
  text: string;
  blocks?: unknown;
  /** On a reply: its parent's ts. On a parent: its own. */
  thread_ts?: string;
  reply_count?: number;
  app_id: string | null;
  bot_id: string | null;
  workflow: string | null;
  workflow_execution_id: string | null;
  function_execution_id: string | null;
}

/** A Slack ts (seconds, a dot, microseconds) as an ISO-8601 UTC time to the second. */
export function tsTime(ts: string): string {
  const seconds = Number(ts.split('.')[0]);
  return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString().replace('.000Z', 'Z') : ts;
}

function entry(channel: ChannelRef, m: Message): MessageEntry {
  return {
    channel: channel.id,
    channel_name: channel.name ?? null,
    ts: m.ts,
    time: tsTime(m.ts),
    text: m.text ?? '',
    ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
    ...(m.thread_ts === undefined ? {} : { thread_ts: m.thread_ts }),
    ...(m.reply_count === undefined ? {} : { reply_count: m.reply_count }),
    app_id: m.app_id ?? null,
    bot_id: m.bot_id ?? null,
    workflow: m.emulator?.workflow ?? null,
    workflow_execution_id: m.emulator?.workflow_execution_id ?? null,
    function_execution_id: m.emulator?.function_execution_id ?? null,
  };
}

/** A channel's threads as entries, replies right after their parent; with `app`, only what that app posted. */
export function messageEntries(channel: ChannelRef, threads: readonly Thread[], app: string | undefined): MessageEntry[] {
  const mine = (m: Message) => app === undefined || m.app_id === app;
  return threads.filter((t) => mine(t.message)).flatMap((t) => [t.message, ...t.replies.filter(mine)].map((m) => entry(channel, m)));
}

const isReply = (e: MessageEntry) => e.thread_ts !== undefined && e.thread_ts !== e.ts;

/** Who posted: the workflow and its execution when the emulator said, else the app. */
function poster(e: MessageEntry): string {
  const run = [e.workflow, e.workflow_execution_id].filter((s) => s !== null).join(' ');
  return [e.app_id ?? e.bot_id ?? '?', run].filter(Boolean).join('  ');
}

/** The text on one line per line of it, continuation lines under the first; a message of blocks only says so. */
function body(e: MessageEntry, indent: string): string {
  if (e.text === '') return Array.isArray(e.blocks) ? `[${e.blocks.length} block${e.blocks.length === 1 ? '' : 's'}]` : '[no text]';
  return e.text.replace(/\n/g, `\n${indent}    `);
}

/**
 * Human lines: one per message (time, channel, app, workflow and execution, text), replies indented under
 * their parent. Text stays as posted: it is data, so it goes to stdout uncut.
 */
export function renderMessages(entries: readonly MessageEntry[], ui: Pick<IO, 'out' | 'colors'>): void {
  const c = ui.colors;
  for (const e of entries) {
    const indent = isReply(e) ? '    ' : '';
    const where = e.channel_name === null ? e.channel : `#${e.channel_name}`;
    ui.out(`${indent}${c.dim(e.time)}  ${where}  ${c.dim(poster(e))}  ${body(e, indent)}`);
  }
}
