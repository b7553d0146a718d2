import type { SqliteDatabase, Statement } from '../db/index.js';

export type Item = Record<string, unknown>;

/** A stored item as the scan reads it: the JSON is parsed only by those who need it. */
export interface RawItem {
  id: string;
  json: string;
}

/** A page's items in one row: how many, their bytes, and the matching ones as a JSON array's UTF-8 bytes (null: none). */
export interface PageSummary {
  n: number;
  bytes: number;
  matches: Uint8Array | null;
}

/** Filters differ by their shape, not by their values (bound): a few statements serve a session of queries. */
const MAX_CACHED_STATEMENTS = 64;

/** Told of each item written or deleted (`id` null: the whole datastore was emptied). */
export type ItemListener = (appId: string, datastore: string, id: string | null) => void;

/** Datastore items, keyed by (app, datastore, primary key value). */
export class DatastoreStore {
  private readonly getStmt: Statement<[string, string, string], { json: string }>;
  private readonly putStmt: Statement<[string, string, string, string, number]>;
  private readonly deleteStmt: Statement<[string, string, string]>;
  private readonly scanStmt: Statement<[string, string, string, number], RawItem>;
  private readonly countStmt: Statement<[string, string], { n: number }>;
  private readonly listeners = new Set<ItemListener>();
  private readonly pageSummaries = new Map<string, Statement<unknown[], PageSummary>>();
  private readonly pageEndStmt: Statement<[string, string, string, number], { id: string }>;
  private readonly nextStmt: Statement<[string, string, string], { id: string }>;

  constructor(private readonly db: SqliteDatabase) {
    this.getStmt = db.prepare('SELECT json FROM items WHERE app_id = ? AND datastore = ? AND id = ?');
    this.putStmt = db.prepare(
      'INSERT INTO items (app_id, datastore, id, json, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (app_id, datastore, id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at',
    );
    this.deleteStmt = db.prepare('DELETE FROM items WHERE app_id = ? AND datastore = ? AND id = ?');
    this.scanStmt = db.prepare('SELECT id, json FROM items WHERE app_id = ? AND datastore = ? AND id > ? ORDER BY id LIMIT ?');
    this.countStmt = db.prepare('SELECT count(*) AS n FROM items WHERE app_id = ? AND datastore = ?');
    this.pageEndStmt = db.prepare('SELECT id FROM items WHERE app_id = ? AND datastore = ? AND id > ? ORDER BY id LIMIT 1 OFFSET ?');
    this.nextStmt = db.prepare('SELECT id FROM items WHERE app_id = ? AND datastore = ? AND id > ? ORDER BY id LIMIT 1');
  }

  get(appId: string, datastore: string, id: string): Item | undefined {
    const row = this.getStmt.get(appId, datastore, id);
    return row && (JSON.parse(row.json) as Item);
  }

  put(appId: string, datastore: string, id: string, item: Item, now: number): void {
    this.putStmt.run(appId, datastore, id, JSON.stringify(item), now);
    this.changed(appId, datastore, id);
  }

  /** True when there was an item to delete. */
  delete(appId: string, datastore: string, id: string): boolean {
    const deleted = this.deleteStmt.run(appId, datastore, id).changes > 0;
    if (deleted) this.changed(appId, datastore, id);
    return deleted;
  }

  deleteDatastore(appId: string, datastore: string): void {
    this.db.prepare('DELETE FROM items WHERE app_id = ? AND datastore = ?').run(appId, datastore);
    this.changed(appId, datastore, null);
  }

  /**
   * Calls `listener` after each write or delete (the console's live datastore page). A write in a transaction
   * that is then rolled back was still told: listeners re-read, they never trust the notice's content.
   */
  onChanged(listener: ItemListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(appId: string, datastore: string, id: string | null): void {
    for (const listener of this.listeners) listener(appId, datastore, id);
  }

  /** Up to `limit` items with an id after `after` ('' for the start), in id order. */
  scan(appId: string, datastore: string, after: string, limit: number): RawItem[] {
    return this.scanStmt.all(appId, datastore, after, limit);
  }

  /** The id of the `limit`-th item after `after`: where a full page ends; undefined when fewer items follow. */
  pageEnd(appId: string, datastore: string, after: string, limit: number): string | undefined {
    return this.pageEndStmt.get(appId, datastore, after, limit - 1)?.id;
  }

  /** Whether any item follows `id`. */
  hasAfter(appId: string, datastore: string, id: string): boolean {
    return this.nextStmt.get(appId, datastore, id) !== undefined;
  }

  /**
   * The items after `after` up to `end` (to the last item when undefined) in one pass of SQLite, as count()
   * makes it: how many there are, their size, and the JSON array of those where `where` holds, in id order. The
   * array comes as SQLite's own UTF-8 bytes (a blob), ready to be sent: nothing per item reaches JavaScript.
   */
  pageSummary(appId: string, datastore: string, after: string, end: string | undefined, where: string, params: unknown[]): PageSummary {
    const key = `${end === undefined ? 'open' : 'closed'} ${where}`;
    let stmt = this.pageSummaries.get(key);
    if (!stmt) {
      stmt = this.db.prepare(
        `SELECT count(*) AS n, coalesce(sum(octet_length(json)), 0) AS bytes, CAST('[' || group_concat(json, ',' ORDER BY id) FILTER (WHERE ${where}) || ']' AS BLOB) AS matches ` +
          `FROM items WHERE app_id = ? AND datastore = ? AND id > ?${end === undefined ? '' : ' AND id <= ?'}`,
      );
      if (this.pageSummaries.size >= MAX_CACHED_STATEMENTS) this.pageSummaries.delete(this.pageSummaries.keys().next().value as string);
      this.pageSummaries.set(key, stmt);
    }
    const row = end === undefined ? stmt.get(...params, appId, datastore, after) : stmt.get(...params, appId, datastore, after, end);
    return row as PageSummary;
  }

  /** Every item of a datastore, in id order, read lazily. */
  *iterate(appId: string, datastore: string, batch = 5000): Generator<RawItem> {
    let after = '';
    for (;;) {
      const rows = this.scan(appId, datastore, after, batch);
      yield* rows;
      if (rows.length < batch) return;
      after = (rows[rows.length - 1] as RawItem).id;
    }
  }

  /**
   * The JSON text of every item matching an SQL condition ('1' for all), in one pass: the
   * fastest read there is, for counting. The caller must not write while iterating.
   */
  jsonWhere(appId: string, datastore: string, where: string, params: unknown[]): IterableIterator<string> {
    const stmt = this.db.prepare(`SELECT json FROM items WHERE app_id = ? AND datastore = ? AND ${where}`).pluck();
    return stmt.iterate(appId, datastore, ...params) as IterableIterator<string>;
  }

  /** Items matching an SQL condition over their `json` column (built by the expression compiler, values bound). */
  countWhere(appId: string, datastore: string, where: string, params: unknown[]): number {
    const stmt = this.db.prepare(`SELECT count(*) AS n FROM items WHERE app_id = ? AND datastore = ? AND ${where}`);
    return (stmt.get(appId, datastore, ...params) as { n: number }).n;
  }

  count(appId: string, datastore: string): number {
    return (this.countStmt.get(appId, datastore) as { n: number }).n;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
