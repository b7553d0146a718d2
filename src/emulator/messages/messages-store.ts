import type { SqliteDatabase } from '../db/index.js';

export interface MessageRow {
  channel_id: string;
  ts: string;
  team_id: string;
  /** The app that posted it; null for a person's message. */
  app_id: string | null;
  /** The person who posted it; null for an app's (its bot user posted it). */
  user_id: string | null;
  /** The thread's parent `ts` for a reply; null for a message in the channel. */
  thread_ts: string | null;
  text: string | null;
  blocks: unknown;
  /** The execution it came from: a built-in's step, or a function's chat.postMessage with its execution token. */
  workflow_execution_id: string | null;
  function_execution_id: string | null;
  posted_at: number;
}

/** One emoji on a message and who put it there, in the order they reacted (Slack's `reactions[]`). */
export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

type StoredMessage = Omit<MessageRow, 'blocks'> & { blocks: string | null };

const COLUMNS = 'channel_id, ts, team_id, app_id, user_id, thread_ts, text, blocks, workflow_execution_id, function_execution_id, posted_at';
const fromStored = (row: StoredMessage): MessageRow => ({ ...row, blocks: row.blocks === null ? null : (JSON.parse(row.blocks) as unknown) });

/** A ts's microseconds (the order of the log); a ts is `<seconds>.<six digits>`, as insert makes it. */
function microsOf(ts: string): number {
  const [seconds = '0', fraction = '0'] = ts.split('.');
  return Number(seconds) * 1_000_000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

/** Told of every message the log records, once it is recorded. */
export type MessageListener = (message: MessageRow) => void;

/** The messages apps (and, through the control endpoint, people) posted, and the reactions on them. */
export class MessagesStore {
  private readonly listeners = new Set<MessageListener>();

  constructor(private readonly db: SqliteDatabase) {}

  /**
   * Calls `listener` after each message `insert` records, whoever posts it (a built-in, chat.postMessage, a
   * control endpoint): the one place message_posted events start from. Returns the way to stop listening.
   */
  onPosted(listener: MessageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Adds a message at a `ts` later than every message before it (Slack's ts: seconds, a dot, six digits of
   * microseconds), so two posts in the same millisecond still get distinct, ordered timestamps.
   */
  insert(m: Omit<MessageRow, 'ts'>, nowMicros: number): MessageRow {
    const posted = this.db
      .transaction(() => {
        const last = this.db.prepare('SELECT MAX(ts_micros) FROM messages').pluck().get() as number | null;
        const micros = Math.max(nowMicros, (last ?? 0) + 1);
        const ts = `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
        this.db
          .prepare(
            'INSERT INTO messages (channel_id, ts, ts_micros, team_id, app_id, user_id, thread_ts, text, blocks, workflow_execution_id, function_execution_id, posted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            m.channel_id,
            ts,
            micros,
            m.team_id,
            m.app_id,
            m.user_id,
            m.thread_ts,
            m.text,
            m.blocks === null || m.blocks === undefined ? null : JSON.stringify(m.blocks),
            m.workflow_execution_id,
            m.function_execution_id,
            m.posted_at,
          );
        return { ...m, ts };
      })
      .immediate();
    for (const listener of this.listeners) listener(posted);
    return posted;
  }

  get(channelId: string, ts: string): MessageRow | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM messages WHERE channel_id = ? AND ts = ?`).get(channelId, ts) as StoredMessage | undefined;
    return row && fromStored(row);
  }

  /** A channel's messages, oldest first. */
  inChannel(channelId: string): MessageRow[] {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM messages WHERE channel_id = ? ORDER BY ts_micros`).all(channelId) as StoredMessage[];
    return rows.map(fromStored);
  }

  /**
   * A channel's messages newest first, strictly before `beforeTs` when given, at most `limit`: a keyset page over
   * the channel's index, so a long channel is never read whole for one page.
   */
  newestBefore(channelId: string, beforeTs: string | undefined, limit: number): MessageRow[] {
    const rows = (
      beforeTs === undefined
        ? this.db.prepare(`SELECT ${COLUMNS} FROM messages WHERE channel_id = ? ORDER BY ts_micros DESC LIMIT ?`).all(channelId, limit)
        : this.db
            .prepare(`SELECT ${COLUMNS} FROM messages WHERE channel_id = ? AND ts_micros < ? ORDER BY ts_micros DESC LIMIT ?`)
            .all(channelId, microsOf(beforeTs), limit)
    ) as StoredMessage[];
    return rows.map(fromStored);
  }

  /**
   * The replies in the threads of these parents (by their `ts`) in a channel, oldest first. A reply comes after
   * its parent, so only the channel's index from the oldest parent on is read (a page of recent messages reads
   * little of a long channel).
   */
  repliesTo(channelId: string, parentTs: readonly string[]): MessageRow[] {
    if (parentTs.length === 0) return [];
    const from = Math.min(...parentTs.map(microsOf));
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM messages WHERE channel_id = ? AND ts_micros > ? AND thread_ts IN (${parentTs.map(() => '?').join(', ')}) AND thread_ts <> ts ORDER BY ts_micros`,
      )
      .all(channelId, from, ...parentTs) as StoredMessage[];
    return rows.map(fromStored);
  }

  /** How many messages each channel (and DM) of the team holds, for the channels that hold any. */
  countsByChannel(teamId: string): Map<string, number> {
    const rows = this.db.prepare('SELECT channel_id, COUNT(*) AS n FROM messages WHERE team_id = ? GROUP BY channel_id').all(teamId) as {
      channel_id: string;
      n: number;
    }[];
    return new Map(rows.map((r) => [r.channel_id, r.n]));
  }

  /** Adds the user's reaction; false when they had already reacted with that name. */
  addReaction(channelId: string, ts: string, name: string, userId: string, now: number): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO message_reactions (channel_id, ts, name, user_id, reacted_at) VALUES (?, ?, ?, ?, ?)')
        .run(channelId, ts, name, userId, now).changes === 1
    );
  }

  /** The message's reactions, each name once with its users, in the order the names were first used. */
  reactions(channelId: string, ts: string): Reaction[] {
    const rows = this.db
      .prepare('SELECT name, user_id FROM message_reactions WHERE channel_id = ? AND ts = ? ORDER BY reacted_at, rowid')
      .all(channelId, ts) as { name: string; user_id: string }[];
    const byName = new Map<string, string[]>();
    for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.user_id]);
    return [...byName].map(([name, users]) => ({ name, users, count: users.length }));
  }
}
