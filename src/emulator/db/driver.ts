/**
 * The emulator's database, whichever SQLite binding runs it: Node's own `node:sqlite` where
 * the running Node has it without a flag, `better-sqlite3` elsewhere (Node 20). It is the
 * part of better-sqlite3's API the stores use, so they read the same on either binding.
 */

/** Which binding runs the database, as `ROSI_EMULATOR_SQLITE` and the start-up line name it. */
export type DriverName = 'node' | 'better-sqlite3';

export const DRIVER_NAMES: readonly DriverName[] = ['node', 'better-sqlite3'];

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/**
 * A prepared statement. Parameters are positional (`?`) or one object for named ones
 * (`@id`, `:id`, `$id`, bound from the key `id`). Integers come back as numbers.
 */
export interface Statement<P extends unknown[] = unknown[], R = unknown> {
  run(...params: P): RunResult;
  get(...params: P): R | undefined;
  all(...params: P): R[];
  /** Rows one at a time; the statement must not be run again until the iteration ends. */
  iterate(...params: P): IterableIterator<R>;
  /** From now on, each row is the value of its first column. */
  pluck(): Statement<P, unknown>;
}

/** fn made atomic: it runs in a transaction, or in a savepoint inside one already open. */
export interface Transaction<A extends unknown[], T> {
  (...args: A): T;
  /** As a call, but the outermost transaction takes the write lock at once (BEGIN IMMEDIATE). */
  immediate(...args: A): T;
}

export interface SqliteDatabase {
  readonly driver: DriverName;
  /** False once closed. */
  readonly open: boolean;
  /** Runs one or more statements, none returning rows. */
  exec(sql: string): void;
  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R>;
  /**
   * Wraps fn so that a call commits everything it wrote, or nothing if it throws (the error
   * is then rethrown). Nested calls become savepoints, as in better-sqlite3.
   */
  transaction<A extends unknown[], T>(fn: (...args: A) => T): Transaction<A, T>;
  /** `PRAGMA <source>`, e.g. 'journal_mode = WAL'; the rows it returns. */
  pragma(source: string): unknown[];
  close(): void;
}

export interface SqliteDriver {
  readonly name: DriverName;
  /** Opens (creating if needed) the database file, or a private one in memory for ':memory:'. */
  open(file: string): SqliteDatabase;
}
