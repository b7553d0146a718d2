import type { SqliteDatabase } from './sqlite.js';

/** Whether writes should fail as on a full disk; set through the control endpoint. */
export interface DiskSeam {
  full: boolean;
}

/** Statements that change the database; reads (SELECT, PRAGMA) keep working on a full disk. */
const WRITE = /^\s*(?:INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b|^\s*WITH\b[\s\S]*\b(?:INSERT|UPDATE|DELETE)\b/i;

/** The error both SQLite bindings raise on a full disk, as the stores test for it (disk-full.ts). */
const diskFull = (): Error => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

/**
 * For --control only: the database, with every write statement failing as SQLite fails
 * on a full disk (SQLITE_FULL) while `seam.full` is set. A real full disk cannot be made
 * in a test, and a size limit (max_page_count) still lets writes into pages with room.
 */
export function withDiskSeam(db: SqliteDatabase, seam: DiskSeam): SqliteDatabase {
  const bound = <T extends object>(target: T, prop: string | symbol): unknown => {
    const v: unknown = Reflect.get(target, prop, target);
    return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop !== 'prepare') return bound(target, prop);
      return (sql: string) => {
        const stmt = target.prepare(sql);
        if (!WRITE.test(sql)) return stmt;
        return new Proxy(stmt, {
          get(s, p) {
            const v = bound(s, p);
            if (typeof v !== 'function' || !['run', 'get', 'all', 'iterate'].includes(String(p))) return v;
            return (...args: unknown[]) => {
              if (seam.full) throw diskFull();
              return (v as (...a: unknown[]) => unknown)(...args);
            };
          },
        });
      };
    },
  });
}
