import type BetterSqlite3 from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliError } from '../errors/cli-error.js';
import { diagnoseSqlite, type BuildProbe } from './sqlite-diagnosis.js';

export type SqliteDatabase = BetterSqlite3.Database;
type SqliteConstructor = typeof BetterSqlite3;
export type { BuildProbe };

let loaded: SqliteConstructor | undefined;

/**
 * better-sqlite3 is an optional native dependency: a failed build must not break the rest
 * of rosi, so it is imported only here, when the emulator starts. (A dynamic import works
 * from the ESM sources and from the CommonJS bundle alike.) `probe` lets the error say which
 * build tools are missing; without it the error still names the command that fixes it.
 */
export async function loadSqlite(probe?: BuildProbe): Promise<SqliteConstructor> {
  if (loaded) return loaded;
  try {
    const Database = (await import('better-sqlite3')).default;
    // The native addon loads on first construction, not on import: probe it now so a
    // broken build fails here with a hint rather than later with a dlopen trace.
    new Database(':memory:').close();
    loaded = Database;
    return Database;
  } catch (e) {
    const install = installation();
    const { message, hint } = diagnoseSqlite({ error: e, root: install?.root, version: install?.sqlite, checkout: install?.checkout ?? false, probe });
    throw new CliError('emulator_unavailable', message, 1, { hint, cause: e });
  }
}

/**
 * The folder rosi runs from (dist/ or src/emulator/ sit below it) and the better-sqlite3
 * version its package.json asks for: npm must install into that folder, whatever the cwd.
 */
function installation(): { root: string; sqlite: string | undefined; checkout: boolean } | undefined {
  // The bundle is CommonJS, where __dirname is dist/; tests run the sources, where it may be absent.
  let dir = typeof __dirname === 'string' ? __dirname : undefined;
  for (let up = 0; dir !== undefined && up < 3; up++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; optionalDependencies?: Record<string, unknown> };
      if (pkg.name !== 'rosi') continue;
      const v = pkg.optionalDependencies?.['better-sqlite3'];
      // The npm package ships bin/ and dist/ only; a clone of the sources has src/ too.
      return { root: dir, sqlite: typeof v === 'string' ? v : undefined, checkout: existsSync(join(dir, 'src')) };
    } catch {
      // No package.json here: look one folder up.
    }
  }
  return undefined;
}
