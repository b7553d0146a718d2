import type { SqliteDatabase, Statement } from '../db/index.js';
import type { TriggerRequest } from '../../lib/trigger-rules/types.js';

export type PermissionType = 'everyone' | 'app_collaborators' | 'named_entities';

/** The entities a `named_entities` trigger is shared with, as the wire names the lists. */
export interface AccessLists {
  user_ids: string[];
  channel_ids: string[];
  team_ids: string[];
  org_ids: string[];
}

export const ENTITY_LISTS = ['user_ids', 'channel_ids', 'team_ids', 'org_ids'] as const;
export type EntityList = (typeof ENTITY_LISTS)[number];

export const noEntities = (): AccessLists => ({ user_ids: [], channel_ids: [], team_ids: [], org_ids: [] });

export interface TriggerRow {
  id: string;
  app_id: string;
  team_id: string;
  type: TriggerRequest['type'];
  definition: TriggerRequest;
  secret: string;
  created_by: string;
  /** Unix milliseconds, as every emulator table; the wire says seconds. */
  created_at: number;
  updated_at: number;
  permission_type: PermissionType;
  access: AccessLists;
}

/** Where a page of triggers ends: the order is (created_at, id). */
export interface TriggerPosition {
  created_at: number;
  id: string;
}

export interface TriggerQuery {
  appIds: readonly string[];
  /** One type, or every type when undefined. */
  type: string | undefined;
  after: TriggerPosition | undefined;
  /** Rows to read; undefined reads them all. */
  limit: number | undefined;
}

export type TripStatus = 'pending' | 'failed';

export interface NewTrip {
  trigger_id: string;
  app_id: string;
  team_id: string;
  status: TripStatus;
  data: unknown;
  reason?: string;
  errors?: string[];
  tripped_at: number;
}

export interface TripRow extends Omit<NewTrip, 'reason' | 'errors'> {
  id: number;
  reason: string | null;
  errors: string[] | null;
}

type StoredTrigger = Omit<TriggerRow, 'definition' | 'access'> & { definition: string; access: string };
type StoredTrip = Omit<TripRow, 'data' | 'errors'> & { data: string; errors: string | null };

const fromStored = (r: StoredTrigger): TriggerRow => ({
  ...r,
  definition: JSON.parse(r.definition) as TriggerRequest,
  access: JSON.parse(r.access) as AccessLists,
});

/** Triggers, who may use them, and the webhook calls recorded for the runner. */
export class TriggersStore {
  private readonly insertStmt: Statement<[string, string, string, string, string, string, string, number, number, string, string]>;
  private readonly getStmt: Statement<[string], StoredTrigger>;
  private readonly replaceStmt: Statement<[string, string, number, string]>;
  private readonly deleteStmt: Statement<[string]>;
  private readonly accessStmt: Statement<[string, string, string]>;
  private readonly tripStmt: Statement<[string, string, string, string, string, string | null, string | null, number]>;

  constructor(private readonly db: SqliteDatabase) {
    this.insertStmt = db.prepare(
      `INSERT INTO triggers (id, app_id, team_id, type, definition, secret, created_by, created_at, updated_at, permission_type, access)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.getStmt = db.prepare('SELECT * FROM triggers WHERE id = ?');
    this.replaceStmt = db.prepare('UPDATE triggers SET type = ?, definition = ?, updated_at = ? WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM triggers WHERE id = ?');
    this.accessStmt = db.prepare('UPDATE triggers SET permission_type = ?, access = ? WHERE id = ?');
    this.tripStmt = db.prepare(
      'INSERT INTO trigger_trips (trigger_id, app_id, team_id, status, data, reason, errors, tripped_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  insert(t: TriggerRow): void {
    this.insertStmt.run(
      t.id,
      t.app_id,
      t.team_id,
      t.type,
      JSON.stringify(t.definition),
      t.secret,
      t.created_by,
      t.created_at,
      t.updated_at,
      t.permission_type,
      JSON.stringify(t.access),
    );
  }

  get(id: string): TriggerRow | undefined {
    const row = this.getStmt.get(id);
    return row && fromStored(row);
  }

  /** Full replacement of the definition; id, creation time, secret and access stay. */
  replace(id: string, definition: TriggerRequest, now: number): void {
    this.replaceStmt.run(definition.type, JSON.stringify(definition), now, id);
  }

  /** Deletes the trigger and its recorded trips. */
  delete(id: string): void {
    this.deleteStmt.run(id);
  }

  setAccess(id: string, type: PermissionType, access: AccessLists): void {
    this.accessStmt.run(type, JSON.stringify(access), id);
  }

  /** Triggers of the given apps in (created_at, id) order, strictly after `after`. */
  list(q: TriggerQuery): TriggerRow[] {
    if (q.appIds.length === 0) return [];
    const where = [`app_id IN (${q.appIds.map(() => '?').join(', ')})`];
    const args: (string | number)[] = [...q.appIds];
    if (q.type !== undefined) {
      where.push('type = ?');
      args.push(q.type);
    }
    if (q.after) {
      where.push('(created_at > ? OR (created_at = ? AND id > ?))');
      args.push(q.after.created_at, q.after.created_at, q.after.id);
    }
    const limit = q.limit === undefined ? '' : ' LIMIT ?';
    if (q.limit !== undefined) args.push(q.limit);
    const rows = this.db.prepare(`SELECT * FROM triggers WHERE ${where.join(' AND ')} ORDER BY created_at, id${limit}`).all(...args) as StoredTrigger[];
    return rows.map(fromStored);
  }

  /** Every app's triggers of one type, oldest first. */
  allOfType(type: TriggerRequest['type']): TriggerRow[] {
    const rows = this.db.prepare('SELECT * FROM triggers WHERE type = ? ORDER BY created_at, id').all(type) as StoredTrigger[];
    return rows.map(fromStored);
  }

  recordTrip(t: NewTrip): number {
    const r = this.tripStmt.run(
      t.trigger_id,
      t.app_id,
      t.team_id,
      t.status,
      JSON.stringify(t.data),
      t.reason ?? null,
      t.errors ? JSON.stringify(t.errors) : null,
      t.tripped_at,
    );
    return Number(r.lastInsertRowid);
  }

  /** An app's recorded trips, oldest first; only those with `status` when given. */
  trips(appId: string, status?: TripStatus): TripRow[] {
    const rows = (
      status === undefined
        ? this.db.prepare('SELECT * FROM trigger_trips WHERE app_id = ? ORDER BY id').all(appId)
        : this.db.prepare('SELECT * FROM trigger_trips WHERE app_id = ? AND status = ? ORDER BY id').all(appId, status)
    ) as StoredTrip[];
    return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as unknown, errors: r.errors === null ? null : (JSON.parse(r.errors) as string[]) }));
  }

  /** Every app's pending trips, oldest first: what the workflow engine looks at when it starts. */
  allPendingTrips(): TripRow[] {
    const rows = this.db.prepare("SELECT * FROM trigger_trips WHERE status = 'pending' ORDER BY id").all() as StoredTrip[];
    return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as unknown, errors: r.errors === null ? null : (JSON.parse(r.errors) as string[]) }));
  }
}
