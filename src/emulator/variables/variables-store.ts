import type { SqliteDatabase, Statement } from '../db/index.js';

/** A variable as `add` takes it. */
export interface NewVariable {
  name: string;
  value: string;
}

/** Hosted environment variables, keyed by (app, name). */
export class VariablesStore {
  private readonly upsertStmt: Statement<[string, string, string, number]>;
  private readonly namesStmt: Statement<[string], { name: string }>;
  private readonly valuesStmt: Statement<[string], { name: string; value: string }>;
  private readonly deleteStmt: Statement<[string, string]>;

  constructor(private readonly db: SqliteDatabase) {
    this.upsertStmt = db.prepare(
      'INSERT INTO variables (app_id, name, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (app_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    // The primary key's BINARY order: code-unit order, the same on every machine.
    this.namesStmt = db.prepare('SELECT name FROM variables WHERE app_id = ? ORDER BY name');
    this.valuesStmt = db.prepare('SELECT name, value FROM variables WHERE app_id = ? ORDER BY name');
    this.deleteStmt = db.prepare('DELETE FROM variables WHERE app_id = ? AND name = ?');
  }

  /** Sets every variable, replacing values; all or none (a later entry with the same name wins). */
  upsert(appId: string, variables: readonly NewVariable[], now: number): void {
    this.db.transaction(() => {
      for (const v of variables) this.upsertStmt.run(appId, v.name, v.value, now);
    })();
  }

  names(appId: string): string[] {
    return this.namesStmt.all(appId).map((r) => r.name);
  }

  /** Name → value, for the functions' context only: no method answers values. */
  values(appId: string): Record<string, string> {
    return Object.fromEntries(this.valuesStmt.all(appId).map((r) => [r.name, r.value]));
  }

  /** Removes the named variables; names the app does not have are skipped. */
  remove(appId: string, names: readonly string[]): void {
    this.db.transaction(() => {
      for (const n of names) this.deleteStmt.run(appId, n);
    })();
  }
}
