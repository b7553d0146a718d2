import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EmulatorError } from '../errors.js';
import { loadBetterSqlite3 } from './better-sqlite3.js';
import { DRIVER_NAMES, type DriverName, type SqliteDriver } from './driver.js';
import { loadNodeSqlite } from './node-sqlite.js';
import { diagnoseSqlite, type BuildProbe } from './sqlite-diagnosis.js';

export type { SqliteDatabase, SqliteDriver, DriverName } from './driver.js';
export type { BuildProbe };

export interface LoadSqliteOptions {
  /** `ROSI_EMULATOR_SQLITE`: the driver to use whatever the Node; empty or absent picks one. */
  choice?: string | undefined;
  /** Lets the error for a missing better-sqlite3 say which build tools are missing. */
  probe?: BuildProbe | undefined;
  /**
   * Runs the import of node:sqlite with Node's "SQLite is an experimental feature" warning
   * unprinted (Node 22 prints it on load): the emulator's stderr stays its own.
   */
  quietly?: <T>(load: () => Promise<T>) => Promise<T>;
}

const loaded = new Map<DriverName, Promise<SqliteDriver | undefined>>();

/**
 * The database driver: node:sqlite where the running Node has it without a flag (22.13+),
 * better-sqlite3 where it has not (Node 20, and 22 before 22.13). better-sqlite3 is an optional
 * native dependency, imported only here and only when needed: on a Node with node:sqlite its
 * absence goes unremarked, and a failed build breaks nothing else in rosi.
 */
export async function loadSqlite(o: LoadSqliteOptions = {}): Promise<SqliteDriver> {
  const choice = o.choice?.trim() || undefined;
  if (choice !== undefined && !(DRIVER_NAMES as readonly string[]).includes(choice)) {
    throw new EmulatorError('invalid_sqlite_driver', `ROSI_EMULATOR_SQLITE must be ${DRIVER_NAMES.join(' or ')}, not "${choice}"`, {
      kind: 'usage',
      hint: 'Leave it unset to use node:sqlite where this Node has it and better-sqlite3 elsewhere.',
    });
  }
  if (choice !== 'better-sqlite3') {
    const node = await once('node', () => (o.quietly ? o.quietly(loadNodeSqlite) : loadNodeSqlite()));
    if (node) return node;
    if (choice === 'node') {
      throw new EmulatorError('emulator_unavailable', 'ROSI_EMULATOR_SQLITE=node, but this Node has no node:sqlite the emulator can use', {
        hint: 'It needs Node 22.13 or newer. Unset ROSI_EMULATOR_SQLITE to use better-sqlite3 on this Node.',
      });
    }
  }
  try {
    return (await once('better-sqlite3', loadBetterSqlite3)) as SqliteDriver;
  } catch (e) {
    loaded.delete('better-sqlite3');
    const install = installation();
    const { message, hint } = diagnoseSqlite({ error: e, root: install?.root, version: install?.sqlite, checkout: install?.checkout ?? false, probe: o.probe });
    const instead =
      choice === 'better-sqlite3'
        ? ' Or unset ROSI_EMULATOR_SQLITE to use node:sqlite, where this Node has it.'
        : ' Or run rosi on Node 22.13 or newer, whose own node:sqlite needs no build.';
    throw new EmulatorError('emulator_unavailable', message, { hint: hint + instead, cause: e });
  }
}

function once(name: DriverName, load: () => Promise<SqliteDriver | undefined>): Promise<SqliteDriver | undefined> {
  let p = loaded.get(name);
  if (!p) loaded.set(name, (p = load()));
  return p;
}

/**
 * The folder rosi runs from (dist/ or src/emulator/db/ sit below it) and the better-sqlite3
 * version its package.json asks for: npm must install into that folder, whatever the cwd.
 */
function installation(): { root: string; sqlite: string | undefined; checkout: boolean } | undefined {
  // The bundle is CommonJS, where __dirname is dist/; tests run the sources, where it may be absent.
  let dir = typeof __dirname === 'string' ? __dirname : undefined;
  for (let up = 0; dir !== undefined && up < 4; up++, dir = dirname(dir)) {
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
