import { DeferredWrites, type SqliteDatabase, type Statement } from '../db/index.js';
import { micros, RETENTION_MS, type Level } from './activity-rules.js';

/** An activity to store: the wire's fields (contract §7.3) and the app it belongs to. */
export interface NewActivity {
  app_id: string;
  level: Level;
  event_type: string;
  source: 'slack' | 'developer';
  component_type: string;
  component_id: string;
  trace_id: string;
  payload: Record<string, unknown>;
  /** Microseconds since the epoch. */
  created: number;
}

/** A stored activity as a page reads it: the payload stays JSON text until it is sent. */
export interface StoredActivity {
  id: number;
  created: number;
  level: string;
  event_type: string;
  source: string;
  component_type: string;
  component_id: string;
  trace_id: string;
  payload: string;
}

/** Where a page starts: strictly after this (created, id) in the page's direction. */
export interface Position {
  created: number;
  id: number;
}

/** One page's conditions. Every field but the app narrows it; absent ones don't. */
export interface ActivityFilter {
  appId: string;
  /** Inclusive bounds on `created`, in microseconds. */
  minCreated: number;
  maxCreated?: number | undefined;
  levels?: readonly string[] | undefined;
  eventType?: string | undefined;
  source?: string | undefined;
  componentType?: string | undefined;
  componentId?: string | undefined;
  traceId?: string | undefined;
  /**
   * Text the entry holds, ignoring case (ASCII letters): in its event type, component, trace ID or payload
   * (as stored JSON text). No index serves it: it narrows the rows the other conditions read.
   */
  search?: string | undefined;
  after?: Position | undefined;
  direction: 'asc' | 'desc';
  limit: number;
}

/** Told of every batch of activities `append` stored, once stored. */
export type ActivityListener = (rows: readonly NewActivity[]) => void;

/** Purging is a write: each app's is done at most this often (emulator time) rather than on every request. */
const PURGE_EVERY_MS = 60_000;

const COLUMNS = 'id, created, level, event_type, source, component_type, component_id, trace_id, payload';

/** Activity logs, read by (app, created, id) ranges: keyset pages, never OFFSET. */
export class ActivitiesStore {
  private readonly insertStmt: Statement<[string, number, string, string, string, string, string, string, string]>;
  private readonly insertAll: (rows: readonly NewActivity[]) => void;
  private readonly purgeStmt: Statement<[string, number]>;
  /** Prepared page queries by their SQL: a handful of filter combinations recur. */
  private readonly pages = new Map<string, Statement<unknown[], StoredActivity>>();
  private readonly purgedAt = new Map<string, number>();
  private readonly listeners = new Set<ActivityListener>();
  /** Both reads of a page see one state of the table, even with another emulator writing to it. */
  private readonly snapshot: <T>(fn: () => T) => T;

  /**
   * `deferred` holds the rows appendLater() queued: every read of the table, and every direct append, writes
   * them first, so nothing queued is missed or comes after what was appended later.
   */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly deferred: DeferredWrites = new DeferredWrites(db),
  ) {
    this.insertStmt = db.prepare(
      'INSERT INTO activities (app_id, created, level, event_type, source, component_type, component_id, trace_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // One transaction for a whole batch: order is kept (ids ascend in array order) and 50,000 rows take one fsync.
    this.insertAll = db.transaction((rows: readonly NewActivity[]) => {
      for (const a of rows) {
        this.insertStmt.run(a.app_id, a.created, a.level, a.event_type, a.source, a.component_type, a.component_id, a.trace_id, JSON.stringify(a.payload));
      }
    });
    this.purgeStmt = db.prepare('DELETE FROM activities WHERE app_id = ? AND created < ?');
    this.snapshot = (fn) => db.transaction(fn)();
  }

  /**
   * The newest `created` of one trace in an app's log, or undefined when it has none yet. `since` (microseconds)
   * bounds the index scan when the caller knows the trace started no earlier: a trace with no entries yet would
   * otherwise read the app's whole log to find none.
   */
  lastCreated(appId: string, traceId: string, since = 0): number | undefined {
    this.deferred.flush();
    const v = this.db
      .prepare('SELECT created FROM activities WHERE app_id = ? AND created >= ? AND trace_id = ? ORDER BY created DESC LIMIT 1')
      .pluck()
      .get(appId, since, traceId);
    return typeof v === 'number' ? v : undefined;
  }

  append(rows: readonly NewActivity[]): void {
    if (rows.length === 0) return;
    this.deferred.flush();
    this.insertAll(rows);
    for (const listener of this.listeners) listener(rows);
  }

  /**
   * As append(), a moment later, in one transaction with the other rows queued meanwhile: for the events of
   * reads, which must not make the read wait for a write, nor fail it when the write cannot be made.
   * `before` runs first in that transaction (a purge).
   */
  appendLater(rows: readonly NewActivity[], before?: () => void): void {
    if (rows.length === 0) return;
    this.deferred.add(() => {
      before?.();
      this.insertAll(rows);
      for (const listener of this.listeners) listener(rows);
    });
  }

  /** Calls `listener` after each batch `append` stores (the console's live log). Returns the way to stop listening. */
  onAppended(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Up to `limit` activities matching the filter, in (created, id) order of the filter's
   * direction. After a cursor, this reads the rest of the cursor's microsecond (by id) and
   * then the microseconds beyond it: each part is one index seek. (SQLite seeks a row-value
   * bound `(created, id) > (?, ?)` on `created` alone, so a page deep inside a tie of many
   * thousand events would re-read the whole tie up to it.)
   */
  page(f: ActivityFilter): StoredActivity[] {
    this.deferred.flush();
    const { after } = f;
    if (!after) return this.range(f, f.minCreated, f.maxCreated, f.limit);
    return this.snapshot(() => {
      const inRange = after.created >= f.minCreated && (f.maxCreated === undefined || after.created <= f.maxCreated);
      const tie = inRange ? this.tie(f, after) : [];
      if (tie.length >= f.limit) return tie;
      const rest =
        f.direction === 'asc'
          ? this.range(f, Math.max(f.minCreated, after.created + 1), f.maxCreated, f.limit - tie.length)
          : this.range(f, f.minCreated, Math.min(f.maxCreated ?? Number.MAX_SAFE_INTEGER, after.created - 1), f.limit - tie.length);
      return tie.concat(rest);
    });
  }

  /** The activities of the cursor's microsecond that come after it. */
  private tie(f: ActivityFilter, after: Position): StoredActivity[] {
    const desc = f.direction === 'desc';
    const c = this.conditions(f, ['app_id = ?', 'created = ?', desc ? 'id < ?' : 'id > ?'], [f.appId, after.created, after.id]);
    return this.run(`SELECT ${COLUMNS} FROM activities WHERE ${c.where} ORDER BY id${desc ? ' DESC' : ''} LIMIT ?`, [...c.params, f.limit]);
  }

  /** The activities with `created` in [min, max], first ones first in the filter's direction. */
  private range(f: ActivityFilter, min: number, max: number | undefined, limit: number): StoredActivity[] {
    const where = ['app_id = ?', 'created >= ?'];
    const params: unknown[] = [f.appId, min];
    if (max !== undefined) {
      where.push('created <= ?');
      params.push(max);
    }
    const c = this.conditions(f, where, params);
    const order = f.direction === 'desc' ? 'created DESC, id DESC' : 'created, id';
    return this.run(`SELECT ${COLUMNS} FROM activities WHERE ${c.where} ORDER BY ${order} LIMIT ?`, [...c.params, limit]);
  }

  /** The filter's conditions that no index serves, after the ones that position the read. */
  private conditions(f: ActivityFilter, where: string[], params: unknown[]): { where: string; params: unknown[] } {
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    if (f.levels) add(`level IN (${f.levels.map(() => '?').join(', ')})`, ...f.levels);
    if (f.eventType !== undefined) add('event_type = ?', f.eventType);
    if (f.source !== undefined) add('source = ?', f.source);
    if (f.componentType !== undefined) add('component_type = ?', f.componentType);
    if (f.componentId !== undefined) add('component_id = ?', f.componentId);
    if (f.traceId !== undefined) add('trace_id = ?', f.traceId);
    if (f.search !== undefined && f.search !== '') {
      add("instr(lower(event_type || ' ' || component_type || ' ' || component_id || ' ' || trace_id || ' ' || payload), ?) > 0", f.search.toLowerCase());
    }
    return { where: where.join(' AND '), params };
  }

  private run(sql: string, params: unknown[]): StoredActivity[] {
    let stmt = this.pages.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], StoredActivity>(sql);
      this.pages.set(sql, stmt);
    }
    return stmt.all(...params);
  }

  /** Drops the app's activities older than the retention period, unless that was done within the last minute. */
  purgeExpired(appId: string, nowMs: number): void {
    const last = this.purgedAt.get(appId);
    // A clock moved back (another emulator on the database) must not stop purging for good.
    if (last !== undefined && nowMs >= last && nowMs - last < PURGE_EVERY_MS) return;
    this.purgedAt.set(appId, nowMs);
    this.purgeStmt.run(appId, micros(nowMs - RETENTION_MS));
  }

  /** Drops every app's expired activities; a full scan, so only at start-up. */
  purgeAll(nowMs: number): void {
    this.deferred.flush();
    this.db.prepare('DELETE FROM activities WHERE created < ?').run(micros(nowMs - RETENTION_MS));
  }

  /** How many activities the app has stored, expired or not (for tests of purging). */
  count(appId: string): number {
    this.deferred.flush();
    return (this.db.prepare('SELECT count(*) AS n FROM activities WHERE app_id = ?').get(appId) as { n: number }).n;
  }
}
