import type { SqliteDatabase } from './driver.js';

/*
 * The emulator's whole state moved between databases by SQL alone, so it works alike on both bindings and
 * in memory: VACUUM INTO writes a consistent copy of a live database; replacing one database's rows with
 * another's (of the same schema version) is one transaction, so a reader sees the old state or the new one.
 */

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every table holding state in `schema` (the AUTOINCREMENT counters in sqlite_sequence included), by name. */
function stateTables(db: SqliteDatabase, schema: string): string[] {
  return db
    .prepare(
      `SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND (name NOT LIKE 'sqlite\\_%' ESCAPE '\\' OR name = 'sqlite_sequence') ORDER BY name`,
    )
    .pluck()
    .all() as string[];
}

/** A consistent copy of the database at `file`, which must not exist (VACUUM INTO refuses to overwrite). */
export function copyDatabaseTo(db: SqliteDatabase, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}

/**
 * Replaces every row of `main` with those of the database attached as `from`, in one transaction. Both must
 * hold the same tables (the same schema version): a table missing from `from` is an error, nothing changes.
 */
export function replaceRows(db: SqliteDatabase, from: string): void {
  const tables = stateTables(db, 'main');
  const source = new Set(stateTables(db, from));
  // A database that never used AUTOINCREMENT has no sqlite_sequence yet: its counters are all zero.
  const missing = tables.filter((t) => !source.has(t) && t !== 'sqlite_sequence');
  if (missing.length > 0) throw new Error(`the copied database has no table ${missing.join(', ')}`);
  // Foreign keys are checked once, over the whole result: SQLite's deferred counting goes wrong when a
  // transaction empties parent and child tables and fills them again, and refuses a consistent result.
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      // The counters last: inserting into an AUTOINCREMENT table writes its counter as it goes.
      const ordered = [...tables.filter((t) => t !== 'sqlite_sequence'), ...tables.filter((t) => t === 'sqlite_sequence')];
      for (const t of ordered) {
        db.exec(`DELETE FROM main.${quoted(t)}`);
        if (source.has(t)) db.exec(`INSERT INTO main.${quoted(t)} SELECT * FROM ${from}.${quoted(t)}`);
      }
      const broken = db.prepare('PRAGMA main.foreign_key_check').all() as { table: string }[];
      if (broken.length > 0) throw new Error(`the copied rows break ${broken.length} references (first in ${broken[0]?.table})`);
    }).immediate();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/** Attaches the database file at `file` as `name` for the length of `fn`. */
export function withAttached<T>(db: SqliteDatabase, file: string, name: string, fn: () => T): T {
  db.prepare(`ATTACH DATABASE ? AS ${name}`).run(file);
  try {
    return fn();
  } finally {
    db.exec(`DETACH DATABASE ${name}`);
  }
}

/**
 * A copy of every table kept in a private in-memory database attached as `name`, for resetting to in
 * milliseconds: replaceRows(db, name) brings it back. Taking another replaces the previous one.
 */
export function keepCopy(db: SqliteDatabase, name: string): void {
  const attached = (db.prepare('PRAGMA database_list').all() as { name: string }[]).some((d) => d.name === name);
  if (attached) db.exec(`DETACH DATABASE ${name}`);
  db.exec(`ATTACH DATABASE ':memory:' AS ${name}`);
  db.transaction(() => {
    for (const t of stateTables(db, 'main')) {
      if (t === 'sqlite_sequence') continue;
      db.exec(`CREATE TABLE ${name}.${quoted(t)} AS SELECT * FROM main.${quoted(t)}`);
    }
    // SQLite makes sqlite_sequence for the first AUTOINCREMENT table: this one exists to make it, for the counters.
    db.exec(`CREATE TABLE ${name}.rosi_counters (id INTEGER PRIMARY KEY AUTOINCREMENT)`);
    db.exec(`INSERT INTO ${name}.sqlite_sequence SELECT * FROM main.sqlite_sequence`);
  })();
}
