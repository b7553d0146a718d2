import type BetterSqlite3 from 'better-sqlite3';
import { CliError } from '../errors/cli-error.js';

export type SqliteDatabase = BetterSqlite3.Database;
type SqliteConstructor = typeof BetterSqlite3;

let loaded: SqliteConstructor | undefined;

/**
 * better-sqlite3 is an optional native dependency: a failed build must not break the rest
 * of rosi, so it is imported only here, when the emulator starts. (A dynamic import works
 * from the ESM sources and from the CommonJS bundle alike.)
 */
export async function loadSqlite(): Promise<SqliteConstructor> {
  if (loaded) return loaded;
  try {
    const Database = (await import('better-sqlite3')).default;
    // The native addon loads on first construction, not on import: probe it now so a
    // broken build fails here with a hint rather than later with a dlopen trace.
    new Database(':memory:').close();
    loaded = Database;
    return Database;
  } catch (e) {
    throw new CliError('emulator_unavailable', 'The emulator needs better-sqlite3, which could not be loaded', 1, {
      hint: 'Run `npm rebuild better-sqlite3` in the folder rosi is installed in (it is an optional native dependency).',
      cause: e,
    });
  }
}
