import { hashToken } from '../ids.js';
import type { SqliteDatabase, Statement } from '../db/index.js';

export type Manifest = Record<string, unknown>;

export interface AppRow {
  id: string;
  team_id: string;
  owner_id: string;
  client_id: string;
  manifest: Manifest;
  created_at: number;
  updated_at: number;
}

export interface InstallRow {
  app_id: string;
  team_id: string;
  bot_scopes: string[];
  outgoing_domains: string[];
  installed_by: string;
  installed_at: number;
}

export type CollaboratorRole = 'owner' | 'collaborator';

type StoredApp = Omit<AppRow, 'manifest'> & { manifest: string };
type StoredInstall = Omit<InstallRow, 'bot_scopes' | 'outgoing_domains'> & { bot_scopes: string; outgoing_domains: string };

/** Apps, who may touch them, and where they are installed. */
export class AppsStore {
  // Every call on an app reads it and who may touch it: prepared once, as preparing cost more than running.
  private readonly getStmt: Statement<[string], StoredApp>;
  private readonly collaboratorStmt: Statement<[string, string], unknown>;

  constructor(private readonly db: SqliteDatabase) {
    this.getStmt = db.prepare('SELECT * FROM apps WHERE id = ?');
    this.collaboratorStmt = db.prepare('SELECT 1 FROM app_collaborators WHERE app_id = ? AND user_id = ?');
  }

  /** A new app; its creator becomes its owner and first collaborator. */
  create(a: { id: string; teamId: string; ownerId: string; clientId: string; manifest: Manifest; now: number }): void {
    this.db
      .prepare('INSERT INTO apps (id, team_id, owner_id, client_id, manifest, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(a.id, a.teamId, a.ownerId, a.clientId, JSON.stringify(a.manifest), a.now, a.now);
    this.addCollaborator(a.id, a.ownerId, 'owner', a.now);
  }

  get(id: string): AppRow | undefined {
    const row = this.getStmt.get(id);
    return row && { ...row, manifest: JSON.parse(row.manifest) as Manifest };
  }

  /** Up to `limit` apps with IDs after `after`, in ID order (a keyset page). */
  list(o: { after?: string | undefined; limit: number }): AppRow[] {
    const rows = this.db.prepare('SELECT * FROM apps WHERE id > ? ORDER BY id LIMIT ?').all(o.after ?? '', o.limit) as StoredApp[];
    return rows.map((row) => ({ ...row, manifest: JSON.parse(row.manifest) as Manifest }));
  }

  updateManifest(id: string, manifest: Manifest, now: number): void {
    this.db.prepare('UPDATE apps SET manifest = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(manifest), now, id);
  }

  addCollaborator(appId: string, userId: string, role: CollaboratorRole, now: number): void {
    this.db
      .prepare('INSERT INTO app_collaborators (app_id, user_id, role, added_at) VALUES (?, ?, ?, ?) ON CONFLICT (app_id, user_id) DO NOTHING')
      .run(appId, userId, role, now);
  }

  isCollaborator(appId: string, userId: string): boolean {
    return this.collaboratorStmt.get(appId, userId) !== undefined;
  }

  /** The apps a user owns or collaborates on. */
  appsOf(userId: string): string[] {
    return this.db.prepare('SELECT app_id FROM app_collaborators WHERE user_id = ? ORDER BY app_id').pluck().all(userId) as string[];
  }

  collaborators(appId: string): { user_id: string; role: CollaboratorRole }[] {
    return this.db.prepare('SELECT user_id, role FROM app_collaborators WHERE app_id = ? ORDER BY added_at, user_id').all(appId) as {
      user_id: string;
      role: CollaboratorRole;
    }[];
  }

  /** Installs (or reinstalls, replacing the bot token) the app in a team. */
  install(i: Omit<InstallRow, 'installed_at'> & { botToken: string; now: number }): void {
    this.db
      .prepare(
        `INSERT INTO installs (app_id, team_id, bot_token_hash, bot_scopes, outgoing_domains, installed_by, installed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (app_id, team_id) DO UPDATE SET bot_token_hash = excluded.bot_token_hash, bot_scopes = excluded.bot_scopes,
           outgoing_domains = excluded.outgoing_domains, installed_by = excluded.installed_by, installed_at = excluded.installed_at`,
      )
      .run(i.app_id, i.team_id, hashToken(i.botToken), JSON.stringify(i.bot_scopes), JSON.stringify(i.outgoing_domains), i.installed_by, i.now);
  }

  /** The install a bot token belongs to; a reinstall replaces the token, so older ones find nothing. */
  installOfBotToken(token: string): { app_id: string; team_id: string } | undefined {
    return this.db.prepare('SELECT app_id, team_id FROM installs WHERE bot_token_hash = ?').get(hashToken(token)) as
      | { app_id: string; team_id: string }
      | undefined;
  }

  installation(appId: string, teamId: string): InstallRow | undefined {
    const row = this.db
      .prepare('SELECT app_id, team_id, bot_scopes, outgoing_domains, installed_by, installed_at FROM installs WHERE app_id = ? AND team_id = ?')
      .get(appId, teamId) as StoredInstall | undefined;
    return row && { ...row, bot_scopes: JSON.parse(row.bot_scopes) as string[], outgoing_domains: JSON.parse(row.outgoing_domains) as string[] };
  }
}
