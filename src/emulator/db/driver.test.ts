import { describe, expect, it } from 'vitest';
import { defaultSqliteDriver } from '../../../test/helpers/sqlite-driver.js';
import { loadSqlite } from './sqlite.js';
import { loadBetterSqlite3 } from './better-sqlite3.js';
import type { SqliteDatabase, SqliteDriver } from './driver.js';
import { loadNodeSqlite } from './node-sqlite.js';
import { sqliteCodeName } from './sqlite-codes.js';

// Every driver this Node can load (node:sqlite from 22.13, better-sqlite3 where its addon
// was built for this Node) must behave the same to the stores.
const drivers = (await Promise.all([loadNodeSqlite(), loadBetterSqlite3().catch(() => undefined)])).filter((d): d is SqliteDriver => d !== undefined);

describe('the database driver this Node runs', () => {
  it('is node:sqlite where Node has it without a flag, better-sqlite3 elsewhere', async () => {
    expect((await loadSqlite()).name).toBe(defaultSqliteDriver());
  });

  it('ROSI_EMULATOR_SQLITE forces one; any other value is a usage error', async () => {
    await expect(loadSqlite({ choice: 'sqlite3' })).rejects.toMatchObject({ code: 'invalid_sqlite_driver', kind: 'usage' });
    if (defaultSqliteDriver() === 'node') expect((await loadSqlite({ choice: 'node' })).name).toBe('node');
    else
      await expect(loadSqlite({ choice: 'node' })).rejects.toMatchObject({ code: 'emulator_unavailable', message: expect.stringContaining('no node:sqlite') });
  });

  it('loads node:sqlite through the given quietly(), so its warning can be held back', async () => {
    let calls = 0;
    await loadSqlite({ quietly: (load) => (calls++, load()) }).catch(() => undefined);
    // Loaded once per process: an earlier test may have loaded it already.
    expect(calls).toBeLessThanOrEqual(1);
  });
});

describe.each(drivers.map((d) => [d.name, d] as const))('%s driver', (_name, driver) => {
  const withDb = (fn: (db: SqliteDatabase) => void) => () => {
    const db = driver.open(':memory:');
    try {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE, n INTEGER)');
      fn(db);
    } finally {
      db.close();
    }
  };

  it(
    'names itself on each database',
    withDb((db) => expect(db.driver).toBe(driver.name)),
  );

  it(
    'run() reports changes and the last rowid; integers come back as numbers',
    withDb((db) => {
      expect(db.prepare('INSERT INTO t (v, n) VALUES (?, ?)').run('a', 7)).toEqual({ changes: 1, lastInsertRowid: 1 });
      expect(db.prepare('UPDATE t SET n = n + 1').run().changes).toBe(1);
      expect({ ...(db.prepare('SELECT id, v, n FROM t').get() as object) }).toEqual({ id: 1, v: 'a', n: 8 });
      expect(db.prepare('SELECT v FROM t WHERE id = ?').get(2)).toBeUndefined();
    }),
  );

  it(
    'binds named parameters written @, : or $ from bare keys, ignoring keys no parameter names',
    withDb((db) => {
      db.prepare('INSERT INTO t (v, n) VALUES (@v, :n)').run({ v: 'a', n: 1, unused: 0 });
      expect(db.prepare('SELECT n FROM t WHERE v = $v').pluck().get({ v: 'a' })).toBe(1);
    }),
  );

  it(
    'pluck() turns rows into their first column, for get, all and iterate',
    withDb((db) => {
      for (const v of ['a', 'b', 'c']) db.prepare('INSERT INTO t (v) VALUES (?)').run(v);
      const stmt = db.prepare('SELECT v, id FROM t ORDER BY v').pluck();
      expect(stmt.get()).toBe('a');
      expect(stmt.all()).toEqual(['a', 'b', 'c']);
      expect([...stmt.iterate()]).toEqual(['a', 'b', 'c']);
      expect(
        db
          .prepare('SELECT v FROM t ORDER BY v')
          .all()
          .map((r) => ({ ...(r as object) })),
      ).toEqual([{ v: 'a' }, { v: 'b' }, { v: 'c' }]);
    }),
  );

  it(
    'transaction() commits, or rolls back and rethrows; a nested one is a savepoint',
    withDb((db) => {
      const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
      const count = () => db.prepare('SELECT count(*) FROM t').pluck().get();
      expect(db.transaction((v: string) => (insert.run(v), 'done'))('a')).toBe('done');
      expect(() => db.transaction(() => (insert.run('b'), insert.run('a')))()).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }));
      expect(count()).toBe(1);
      db.transaction(() => {
        insert.run('c');
        expect(() => db.transaction(() => (insert.run('d'), insert.run('a')))()).toThrow();
        insert.run('e');
      }).immediate();
      expect(db.prepare('SELECT v FROM t ORDER BY v').pluck().all()).toEqual(['a', 'c', 'e']);
      // Nothing is left open: a new transaction begins.
      db.transaction(() => insert.run('f'))();
      expect(count()).toBe(4);
    }),
  );

  it(
    'names SQLite errors as better-sqlite3 does, also when they come up while stepping through rows',
    withDb((db) => {
      db.prepare('INSERT INTO t (v) VALUES (?)').run('{}');
      expect(() => db.prepare('SELECT nope FROM t')).toThrow(expect.objectContaining({ code: 'SQLITE_ERROR' }));
      expect(() => [...db.prepare('SELECT json_extract(v, ?) FROM t').pluck().iterate('x')]).toThrow(
        expect.objectContaining({ code: expect.stringMatching(/^SQLITE_/) }),
      );
    }),
  );

  it('pragma() returns its rows; close() twice is harmless', () => {
    const db = driver.open(':memory:');
    expect(db.pragma('foreign_keys = ON')).toEqual([]);
    expect(db.pragma('foreign_keys').map((r) => ({ ...(r as object) }))).toEqual([{ foreign_keys: 1 }]);
    db.close();
    expect(db.open).toBe(false);
    db.close();
  });
});

describe('SQLite result codes', () => {
  it.each([
    [5, 'SQLITE_BUSY'],
    [13, 'SQLITE_FULL'],
    [26, 'SQLITE_NOTADB'],
    [2067, 'SQLITE_CONSTRAINT_UNIQUE'],
    [1555, 'SQLITE_CONSTRAINT_PRIMARYKEY'],
    [1032, 'SQLITE_READONLY_DBMOVED'],
    [266, 'SQLITE_IOERR_READ'],
    [779, 'SQLITE_CORRUPT_INDEX'],
  ])('%i is %s', (code, name) => expect(sqliteCodeName(code)).toBe(name));
});
