import type { SqliteDatabase, Statement } from '../db/index.js';

export interface ChannelRow {
  id: string;
  team_id: string;
  name: string;
  is_private: boolean;
  /** The user who made it. */
  creator: string;
  /** Unix milliseconds. */
  created_at: number;
}

type StoredChannel = Omit<ChannelRow, 'is_private'> & { is_private: 0 | 1 };

const fromStored = (r: StoredChannel): ChannelRow => ({ ...r, is_private: r.is_private === 1 });

/** A team's channels. Nothing deletes or renames one yet. */
export class ChannelsStore {
  private readonly insertStmt: Statement<[string, string, string, number, string, number]>;
  private readonly insertIfFreeStmt: Statement<[string, string, string, number, string, number]>;
  private readonly byIdStmt: Statement<[string], StoredChannel>;
  private readonly byNameStmt: Statement<[string, string], StoredChannel>;
  private readonly ofTeamStmt: Statement<[string], StoredChannel>;

  constructor(db: SqliteDatabase) {
    this.insertStmt = db.prepare('INSERT INTO channels (id, team_id, name, is_private, creator, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    // Neither the ID nor the team's name may be taken: either conflict skips the row.
    this.insertIfFreeStmt = db.prepare(
      'INSERT INTO channels (id, team_id, name, is_private, creator, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.byIdStmt = db.prepare('SELECT * FROM channels WHERE id = ?');
    this.byNameStmt = db.prepare('SELECT * FROM channels WHERE team_id = ? AND name = ?');
    this.ofTeamStmt = db.prepare('SELECT * FROM channels WHERE team_id = ? ORDER BY created_at, rowid');
  }

  /** Adds a channel; the caller has checked that the ID and the name are free. */
  create(c: ChannelRow): void {
    this.insertStmt.run(c.id, c.team_id, c.name, c.is_private ? 1 : 0, c.creator, c.created_at);
  }

  /** Adds a channel unless its ID or its name in the team is taken; whether it did. Safe with two emulators on one database. */
  createIfFree(c: ChannelRow): boolean {
    return this.insertIfFreeStmt.run(c.id, c.team_id, c.name, c.is_private ? 1 : 0, c.creator, c.created_at).changes === 1;
  }

  get(id: string): ChannelRow | undefined {
    const row = this.byIdStmt.get(id);
    return row && fromStored(row);
  }

  byName(teamId: string, name: string): ChannelRow | undefined {
    const row = this.byNameStmt.get(teamId, name);
    return row && fromStored(row);
  }

  /** A team's channels, oldest first (made in one moment: in the order they were made). */
  ofTeam(teamId: string): ChannelRow[] {
    return this.ofTeamStmt.all(teamId).map(fromStored);
  }
}
