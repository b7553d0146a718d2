import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ActivitiesStore } from './activity/activities-store.js';
import { AppsStore } from './apps/apps-store.js';
import { DatastoreStore } from './datastore/datastore-store.js';
import { hashToken } from './ids.js';
import {
  DeferredWrites,
  loadSqlite,
  migrate,
  withDiskSeam,
  type DiskSeam,
  type DroppedLogs,
  type SqliteDatabase,
  type SqliteDriver,
  type Statement,
} from './db/index.js';
import { copyDatabaseTo, keepCopy, replaceRows, withAttached } from './db/state-copy.js';
import { UploadsStore } from './hosting/uploads-store.js';
import { VariablesStore } from './variables/variables-store.js';
import { ChannelsStore } from './directory/channels-store.js';
import { TriggersStore } from './triggers/triggers-store.js';
import { ExecutionTokensStore } from './auth/execution-tokens-store.js';
import { WorkflowsStore } from './workflows/workflows-store.js';
import { MessagesStore } from './messages/messages-store.js';
import { UsergroupsStore } from './directory/usergroups-store.js';

export interface Team {
  id: string;
  domain: string;
  name: string;
}
export interface User {
  id: string;
  team_id: string;
  name: string;
}

export type TicketStatus = 'pending' | 'approved' | 'used';
export interface TicketRow {
  ticket: string;
  created_at: number;
  expires_at: number;
  no_rotation: 0 | 1;
  cli_version: string;
  status: TicketStatus;
  challenge: string | null;
  team_id: string | null;
  user_id: string | null;
}

export interface TokenRow {
  kind: 'rotating' | 'service';
  team_id: string;
  user_id: string;
  issued_at: number;
  expires_at: number | null;
  revoked_at: number | null;
}

export interface RefreshTokenRow {
  team_id: string;
  user_id: string;
  issued_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

export interface CallRow {
  method: string;
  at: number;
}

/** Expired tickets are kept a day so the approval page can still say "expired" rather than "unknown". */
const TICKET_RETENTION_MS = 24 * 3_600_000;

/** The emulator's state: one SQLite database, file-backed (WAL) or in memory. */
export class Store {
  readonly apps: AppsStore;
  readonly uploads: UploadsStore;
  readonly items: DatastoreStore;
  readonly activities: ActivitiesStore;
  readonly variables: VariablesStore;
  readonly channels: ChannelsStore;
  readonly triggers: TriggersStore;
  readonly executionTokens: ExecutionTokensStore;
  readonly workflows: WorkflowsStore;
  readonly messages: MessagesStore;
  readonly usergroups: UsergroupsStore;

  /** Statements of the calls made on every request, prepared at their first use and kept. */
  private readonly statements = new Map<string, Statement<unknown[], unknown>>();
  /** The activity events of reads and the call log, written a moment after the requests that made them. */
  private readonly deferred: DeferredWrites;

  private constructor(
    private readonly db: SqliteDatabase,
    private readonly sqlite: SqliteDriver,
    onDroppedLogs: DroppedLogs | undefined,
    private readonly seam?: DiskSeam,
  ) {
    this.deferred = new DeferredWrites(db, onDroppedLogs);
    this.apps = new AppsStore(db);
    this.uploads = new UploadsStore(db);
    this.items = new DatastoreStore(db);
    this.activities = new ActivitiesStore(db, this.deferred);
    this.variables = new VariablesStore(db);
    this.channels = new ChannelsStore(db);
    this.triggers = new TriggersStore(db);
    this.executionTokens = new ExecutionTokensStore(db);
    this.workflows = new WorkflowsStore(db);
    this.messages = new MessagesStore(db);
    this.usergroups = new UsergroupsStore(db);
  }

  /**
   * Opens (creating and migrating as needed) the database at `file`, or in memory for ':memory:',
   * with `driver`, or the one this Node runs best (loadSqlite) when none is given.
   * `diskSeam` (for --control) lets a test make writes fail as on a full disk. `onDroppedLogs` is told when
   * the log rows of reads could not be written (said once until they can be again).
   */
  static async open(file: string, o: { diskSeam?: boolean; driver?: SqliteDriver | undefined; onDroppedLogs?: DroppedLogs | undefined } = {}): Promise<Store> {
    const driver = o.driver ?? (await loadSqlite());
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = driver.open(file);
    try {
      if (file !== ':memory:') {
        db.pragma('journal_mode = WAL');
        // What better-sqlite3's SQLite does from a WAL database's second opening on, said
        // outright so that both drivers commit alike from the first: fsync at checkpoints,
        // not at every commit (a power cut may lose the last commits, never the database).
        db.pragma('synchronous = NORMAL');
      }
      // Another connection (the sqlite3 shell, a backup) may hold the write lock a moment: wait for it.
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      migrate(db);
      if (!o.diskSeam) return new Store(db, driver, o.onDroppedLogs);
      const seam = { full: false };
      return new Store(withDiskSeam(db, seam), driver, o.onDroppedLogs, seam);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  /** The statement for `sql`, prepared once: preparing it again per request cost more than running it. */
  private prepared(sql: string): Statement<unknown[], unknown> {
    let stmt = this.statements.get(sql);
    if (!stmt) this.statements.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }

  /** Which SQLite binding runs the database. */
  get driver(): SqliteDatabase['driver'] {
    return this.db.driver;
  }

  close(): void {
    if (!this.db.open) return;
    this.deferred.flush();
    this.db.close();
  }

  /** A consistent copy of the whole database written to `file`, which must not exist yet. */
  copyTo(file: string): void {
    this.deferred.flush();
    copyDatabaseTo(this.db, file);
  }

  /**
   * Every row replaced by those of the database at `file`, in one transaction. It is migrated to this
   * rosi's schema first (a file written by a newer rosi is refused as a data folder would be).
   */
  replaceWith(file: string): void {
    this.deferred.flush();
    const other = this.sqlite.open(file);
    try {
      migrate(other);
    } finally {
      other.close();
    }
    withAttached(this.db, file, 'source', () => replaceRows(this.db, 'source'));
  }

  /** Keeps a copy of every row in memory, for resetToCheckpoint(). */
  checkpoint(): void {
    this.deferred.flush();
    keepCopy(this.db, 'checkpoint');
  }

  /** Every row back as it was at the last checkpoint(), in one transaction. */
  resetToCheckpoint(): void {
    this.deferred.flush();
    replaceRows(this.db, 'checkpoint');
  }

  /** Runs fn atomically; throwing inside rolls everything back. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * As transaction(), holding the write lock from the start: a read that leads to a write
   * cannot then find that another emulator on the same database wrote in between.
   */
  writeTransaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  prune(now: number): void {
    this.db.prepare('DELETE FROM auth_tickets WHERE expires_at < ?').run(now - TICKET_RETENTION_MS);
    this.activities.purgeAll(now);
  }

  /** The value stored under `key`; the first caller's `make()` sets it, even with two emulators on one database. */
  settingOrInit(key: string, make: () => string): string {
    return this.writeTransaction(() => {
      const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
      if (row) return row.value;
      const value = make();
      this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, value);
      return value;
    });
  }

  upsertTeam(t: Team, now: number): void {
    this.db
      .prepare(
        'INSERT INTO teams (id, domain, name, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET domain = excluded.domain, name = excluded.name',
      )
      .run(t.id, t.domain, t.name, now);
  }

  upsertUser(u: User, now: number): void {
    this.db
      .prepare(
        'INSERT INTO users (id, team_id, name, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET team_id = excluded.team_id, name = excluded.name',
      )
      .run(u.id, u.team_id, u.name, now);
  }

  team(id: string): Team | undefined {
    return this.prepared('SELECT id, domain, name FROM teams WHERE id = ?').get(id) as Team | undefined;
  }

  user(id: string): User | undefined {
    return this.prepared('SELECT id, team_id, name FROM users WHERE id = ?').get(id) as User | undefined;
  }

  /** The first `limit` teams by ID (the console's overview; a page, never the whole table). */
  teams(limit: number): Team[] {
    return this.db.prepare('SELECT id, domain, name FROM teams ORDER BY id LIMIT ?').all(limit) as Team[];
  }

  /** The first `limit` users by ID. */
  users(limit: number): User[] {
    return this.db.prepare('SELECT id, team_id, name FROM users ORDER BY id LIMIT ?').all(limit) as User[];
  }

  insertTicket(t: { ticket: string; now: number; expiresAt: number; noRotation: boolean; cliVersion: string }): void {
    this.db
      .prepare("INSERT INTO auth_tickets (ticket, created_at, expires_at, no_rotation, cli_version, status) VALUES (?, ?, ?, ?, ?, 'pending')")
      .run(t.ticket, t.now, t.expiresAt, t.noRotation ? 1 : 0, t.cliVersion);
  }

  ticket(ticket: string): TicketRow | undefined {
    return this.db.prepare('SELECT * FROM auth_tickets WHERE ticket = ?').get(ticket) as TicketRow | undefined;
  }

  /** Pending → approved; false if the ticket was not pending any more. */
  approveTicket(ticket: string, a: { challenge: string; teamId: string; userId: string; now: number }): boolean {
    const r = this.db
      .prepare("UPDATE auth_tickets SET status = 'approved', challenge = ?, team_id = ?, user_id = ?, approved_at = ? WHERE ticket = ? AND status = 'pending'")
      .run(a.challenge, a.teamId, a.userId, a.now, ticket);
    return r.changes === 1;
  }

  /** Approved → used, exactly once even with two emulators on one database. */
  useTicket(ticket: string, now: number): boolean {
    const r = this.db.prepare("UPDATE auth_tickets SET status = 'used', used_at = ? WHERE ticket = ? AND status = 'approved'").run(now, ticket);
    return r.changes === 1;
  }

  insertToken(token: string, t: Omit<TokenRow, 'revoked_at'>): void {
    this.db
      .prepare('INSERT INTO tokens (token_hash, kind, team_id, user_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(hashToken(token), t.kind, t.team_id, t.user_id, t.issued_at, t.expires_at);
  }

  token(token: string): TokenRow | undefined {
    return this.prepared('SELECT kind, team_id, user_id, issued_at, expires_at, revoked_at FROM tokens WHERE token_hash = ?').get(hashToken(token)) as
      | TokenRow
      | undefined;
  }

  revokeToken(token: string, now: number): void {
    this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(now, hashToken(token));
  }

  insertRefreshToken(token: string, t: { team_id: string; user_id: string; issued_at: number }): void {
    this.db
      .prepare('INSERT INTO refresh_tokens (token_hash, team_id, user_id, issued_at) VALUES (?, ?, ?, ?)')
      .run(hashToken(token), t.team_id, t.user_id, t.issued_at);
  }

  refreshToken(token: string): RefreshTokenRow | undefined {
    return this.db.prepare('SELECT team_id, user_id, issued_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = ?').get(hashToken(token)) as
      | RefreshTokenRow
      | undefined;
  }

  /** Marks a live refresh token used; false if it was already used or revoked (single use). */
  useRefreshToken(token: string, now: number): boolean {
    const r = this.db
      .prepare('UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL')
      .run(now, hashToken(token));
    return r.changes === 1;
  }

  revokeRefreshToken(token: string, now: number): void {
    this.db.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(now, hashToken(token));
  }

  /** For tests (--control): makes every write fail as on a full disk, or work again. */
  simulateDiskFull(full: boolean): void {
    if (!this.seam) throw new Error('The disk seam exists only with --control');
    this.seam.full = full;
  }

  /** Queued with the reads' activity events: a call is logged a moment after it came in, never failing it. */
  recordCall(method: string, now: number): void {
    const insert = this.prepared('INSERT INTO api_calls (method, at) VALUES (?, ?)');
    this.deferred.add(() => insert.run(method, now));
  }

  calls(method?: string): CallRow[] {
    this.deferred.flush();
    return (
      method === undefined
        ? this.db.prepare('SELECT method, at FROM api_calls ORDER BY id').all()
        : this.db.prepare('SELECT method, at FROM api_calls WHERE method = ? ORDER BY id').all(method)
    ) as CallRow[];
  }

  resetCalls(): void {
    this.deferred.flush();
    this.db.prepare('DELETE FROM api_calls').run();
  }
}
