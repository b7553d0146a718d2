import type { SqliteDatabase } from '../db/index.js';

export interface UsergroupRow {
  id: string;
  team_id: string;
  /** What people mention it by (`@handle`), unique in the team. */
  handle: string;
  name: string;
  /** Unix milliseconds. */
  created_at: number;
}

/** A team's user groups and their members. Nothing renames, disables or deletes one yet. */
export class UsergroupsStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** Adds a group with its first members, unless its handle is taken in the team; whether it did. */
  create(g: UsergroupRow, members: readonly string[]): boolean {
    return this.db.transaction(() => {
      const made =
        this.db
          .prepare('INSERT INTO usergroups (id, team_id, handle, name, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
          .run(g.id, g.team_id, g.handle, g.name, g.created_at).changes === 1;
      if (made) for (const user of members) this.addMember(g.id, user, g.created_at);
      return made;
    })();
  }

  get(id: string): UsergroupRow | undefined {
    return this.db.prepare('SELECT id, team_id, handle, name, created_at FROM usergroups WHERE id = ?').get(id) as UsergroupRow | undefined;
  }

  /** A team's groups, oldest first. */
  ofTeam(teamId: string): UsergroupRow[] {
    return this.db
      .prepare('SELECT id, team_id, handle, name, created_at FROM usergroups WHERE team_id = ? ORDER BY created_at, rowid')
      .all(teamId) as UsergroupRow[];
  }

  /** Adds a member; false when they already were one. */
  addMember(usergroupId: string, userId: string, now: number): boolean {
    return (
      this.db.prepare('INSERT OR IGNORE INTO usergroup_members (usergroup_id, user_id, added_at) VALUES (?, ?, ?)').run(usergroupId, userId, now).changes === 1
    );
  }

  /** The group's members, in the order they joined. */
  members(usergroupId: string): string[] {
    return this.db.prepare('SELECT user_id FROM usergroup_members WHERE usergroup_id = ? ORDER BY added_at, user_id').pluck().all(usergroupId) as string[];
  }
}
