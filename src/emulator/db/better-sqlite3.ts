import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteDriver, Statement, Transaction } from './driver.js';

type Constructor = typeof BetterSqlite3;

/**
 * better-sqlite3 behind the emulator's database interface. The interface is the part of its
 * API the stores use, so this adds nothing on the hot path: statements are its own.
 */
export async function loadBetterSqlite3(): Promise<SqliteDriver> {
  // A dynamic import works from the ESM sources and from the CommonJS bundle alike.
  const Database: Constructor = (await import('better-sqlite3')).default;
  // The native addon loads on first construction, not on import: probe it now so a
  // broken build fails here, where it can be explained, rather than later with a dlopen trace.
  new Database(':memory:').close();
  return { name: 'better-sqlite3', open: (file) => wrap(new Database(file)) };
}

function wrap(db: BetterSqlite3.Database): SqliteDatabase {
  return {
    driver: 'better-sqlite3',
    get open() {
      return db.open;
    },
    exec: (sql) => void db.exec(sql),
    prepare: <P extends unknown[], R>(sql: string) => db.prepare(sql) as unknown as Statement<P, R>,
    transaction: <A extends unknown[], T>(fn: (...args: A) => T) => db.transaction(fn) as unknown as Transaction<A, T>,
    pragma: (source) => db.pragma(source) as unknown[],
    close: () => void db.close(),
  };
}
