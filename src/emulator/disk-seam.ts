import type { SqliteDatabase } from './sqlite.js';

/** Whether writes should fail as on a full disk; set through the control endpoint. */
export interface DiskSeam { full: boolean }

type SqliteErrorClass = new (message: string, code: string) => Error;

/**
 * For --control only: the database, with every write statement failing as SQLite fails
 * on a full disk (SQLITE_FULL) while `seam.full` is set. A real full disk cannot be made
 * in a test, and a size limit (max_page_count) still lets writes into pages with room.
 */
export function withDiskSeam(db: SqliteDatabase, seam: DiskSeam): SqliteDatabase {
  const SqliteError = (db.constructor as unknown as { SqliteError: SqliteErrorClass }).SqliteError;
  const bound = <T extends object>(target: T, prop: string | symbol): unknown => {
    const v: unknown = Reflect.get(target, prop, target);
    return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop !== 'prepare') return bound(target, prop);
      return (sql: string) => {
        const stmt = target.prepare(sql);
        if (stmt.reader) return stmt;
        return new Proxy(stmt, {
          get(s, p) {
            if (p !== 'run') return bound(s, p);
            return (...args: unknown[]) => {
              if (seam.full) throw new SqliteError('database or disk is full', 'SQLITE_FULL');
              return s.run(...args);
            };
          },
        });
      };
    },
  });
}
