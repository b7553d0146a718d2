import type { RunResult, SqliteDatabase, SqliteDriver, Statement, Transaction } from './driver.js';
import { sqliteCodeName } from './sqlite-codes.js';

// The parts of node:sqlite used here (@types/node 20 has none: Node 20 has no node:sqlite).
interface NodeStatement {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  /** Node 22.16+. */
  setReturnArrays?(enabled: boolean): void;
  /** Node 22.15+. */
  setAllowUnknownNamedParameters?(enabled: boolean): void;
}
interface NodeDatabase {
  exec(sql: string): void;
  prepare(sql: string): NodeStatement;
  close(): void;
  /** Node 22.16+. */
  readonly isTransaction?: boolean;
}
interface NodeSqlite {
  DatabaseSync: new (file: string) => NodeDatabase;
  StatementSync: { prototype: object };
}

/**
 * node:sqlite, when the running Node has the version of it this driver needs: without a
 * flag and with StatementSync#iterate (Node 22.13+). On Node 20 the module is unknown; on
 * 22.5–22.12 it needs --experimental-sqlite and lacks iterate. Either way: undefined.
 */
export async function loadNodeSqlite(): Promise<SqliteDriver | undefined> {
  let sqlite: NodeSqlite;
  try {
    // `as string` keeps TypeScript from looking for types Node 20's have not; the bundler still sees the name.
    sqlite = (await import('node:sqlite' as string)) as NodeSqlite;
  } catch {
    return undefined;
  }
  if (typeof (sqlite.StatementSync.prototype as Partial<NodeStatement>).iterate !== 'function') return undefined;
  return { name: 'node', open: (file) => open(sqlite, file) };
}

function open(sqlite: NodeSqlite, file: string): SqliteDatabase {
  const db = attempt(() => new sqlite.DatabaseSync(file));
  // better-sqlite3's SQLite is built with a 16 MB page cache, Node's with 2 MB: the same
  // budget keeps the two alike in memory and speed.
  try {
    attempt(() => db.exec('PRAGMA cache_size = -16000'));
  } catch (e) {
    db.close();
    throw e;
  }
  let closed = false;
  return {
    driver: 'node',
    get open() {
      return !closed;
    },
    exec: (sql) => attempt(() => db.exec(sql)),
    prepare: <P extends unknown[], R>(sql: string) => new NodeSqliteStatement(attempt(() => db.prepare(sql))) as unknown as Statement<P, R>,
    transaction: transactions(db),
    pragma: (source) => attempt(() => db.prepare(`PRAGMA ${source}`).all()),
    close: () => {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

class NodeSqliteStatement implements Statement {
  private first: ((row: unknown) => unknown) | undefined;

  constructor(private readonly stmt: NodeStatement) {
    // better-sqlite3 ignores keys of a parameter object that name no parameter.
    stmt.setAllowUnknownNamedParameters?.(true);
  }

  // try/catch written out, not attempt(): these run once per row written or read.
  run(...params: unknown[]): RunResult {
    try {
      return this.stmt.run(...params);
    } catch (e) {
      throw named(e);
    }
  }

  get(...params: unknown[]): unknown {
    let row: unknown;
    try {
      row = this.stmt.get(...params);
    } catch (e) {
      throw named(e);
    }
    return this.first && row !== undefined ? this.first(row) : row;
  }

  all(...params: unknown[]): unknown[] {
    let rows: unknown[];
    try {
      rows = this.stmt.all(...params);
    } catch (e) {
      throw named(e);
    }
    return this.first ? rows.map(this.first) : rows;
  }

  iterate(...params: unknown[]): IterableIterator<unknown> {
    return rows(
      attempt(() => this.stmt.iterate(...params)),
      this.first,
    );
  }

  pluck(): Statement {
    if (this.stmt.setReturnArrays) {
      this.stmt.setReturnArrays(true);
      this.first = (row) => (row as unknown[])[0];
    } else {
      this.first = firstValue;
    }
    return this;
  }
}

/** SQLite reports some errors (a bad JSON path, a full disk) only as rows are stepped through. */
function* rows(it: IterableIterator<unknown>, first: ((row: unknown) => unknown) | undefined): Generator<unknown, undefined, undefined> {
  try {
    if (first) for (const row of it) yield first(row);
    else yield* it;
  } catch (e) {
    throw named(e);
  }
}

function firstValue(row: unknown): unknown {
  for (const key in row as object) return (row as Record<string, unknown>)[key];
  return undefined;
}

/** better-sqlite3's transaction(): BEGIN…COMMIT, or a savepoint when one is open; undone on throw. */
function transactions(db: NodeDatabase): SqliteDatabase['transaction'] {
  let depth = 0;
  // Node 22.16+ says whether SQLite is in a transaction, which stays right when SQLite ends one
  // itself (on some errors); before that, count.
  const inTransaction = () => db.isTransaction ?? depth > 0;
  const sql = (text: string) => {
    let stmt: NodeStatement | undefined;
    return () => attempt(() => (stmt ??= db.prepare(text)).run());
  };
  const begin = sql('BEGIN');
  const beginImmediate = sql('BEGIN IMMEDIATE');
  const commit = sql('COMMIT');
  const rollback = sql('ROLLBACK');
  const savepoint = sql('SAVEPOINT rosi_nested');
  const release = sql('RELEASE rosi_nested');
  const rollbackTo = sql('ROLLBACK TO rosi_nested');
  return <A extends unknown[], T>(fn: (...args: A) => T) => {
    const call =
      (start: () => RunResult) =>
      (...args: A): T => {
        const nested = inTransaction();
        (nested ? savepoint : start)();
        depth++;
        try {
          const result = fn(...args);
          (nested ? release : commit)();
          depth--;
          return result;
        } catch (e) {
          depth--;
          try {
            if (inTransaction()) {
              if (nested) {
                rollbackTo();
                release();
              } else rollback();
            }
          } catch {
            // SQLite had already rolled back (a full disk, say): the error that got it there is the one to report.
          }
          throw e;
        }
      };
    const tx = call(begin) as Transaction<A, T>;
    tx.immediate = call(beginImmediate);
    return tx;
  };
}

function attempt<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw named(e);
  }
}

/**
 * node:sqlite's errors carry code 'ERR_SQLITE_ERROR' and SQLite's number in `errcode`;
 * better-sqlite3's carry SQLite's name in `code` ('SQLITE_BUSY'), which the stores test.
 */
function named(e: unknown): unknown {
  const err = e as { code?: unknown; errcode?: unknown } | null;
  if (err && typeof err === 'object' && err.code === 'ERR_SQLITE_ERROR' && typeof err.errcode === 'number') err.code = sqliteCodeName(err.errcode);
  return e;
}
