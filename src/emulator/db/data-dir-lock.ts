import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmulatorError } from '../errors.js';
import { loadSqlite, type SqliteDatabase, type SqliteDriver } from './sqlite.js';

const LOCK_FILE = 'emulator.lock';
/** Who holds the lock, for the message another emulator shows; the lock itself says whether they are alive. */
const HOLDER_FILE = 'emulator.holder.json';

export interface DataDirLock {
  /** Records where the holder listens, for the error a second emulator gets. */
  announce(url: string): void;
  release(): void;
}

/**
 * Claims a data dir for this emulator alone. The claim is an exclusive SQLite lock held
 * for the emulator's lifetime: the operating system drops it when the process ends, even
 * by a crash, so a stale claim cannot outlive its holder. A second emulator on the same
 * folder would otherwise share (and, with another --team-id or clock, muddle) its state.
 */
export async function lockDataDir(dir: string, driver?: SqliteDriver): Promise<DataDirLock> {
  const sqlite = driver ?? (await loadSqlite());
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  const claim = (): SqliteDatabase => {
    const db = sqlite.open(file);
    try {
      // No busy wait: the holder keeps its lock until it stops.
      db.pragma('busy_timeout = 0');
      db.pragma('locking_mode = EXCLUSIVE');
      // The first write takes the lock; in exclusive mode it is kept until the connection closes.
      db.exec('CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY); INSERT OR REPLACE INTO lock (id) VALUES (1);');
      return db;
    } catch (e) {
      db.close();
      throw e;
    }
  };
  let db: SqliteDatabase;
  try {
    db = claim();
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_BUSY') throw inUse(dir, e);
    // The lock file holds nothing but the lock: a damaged one is replaced, not reported.
    if (code !== 'SQLITE_NOTADB' && !code.startsWith('SQLITE_CORRUPT')) throw e;
    rmSync(file, { force: true });
    db = claim();
  }
  const holder = join(dir, HOLDER_FILE);
  return {
    announce(url) {
      const tmp = `${holder}.${randomBytes(6).toString('hex')}.tmp`;
      writeFileSync(tmp, `${JSON.stringify({ url })}\n`);
      renameSync(tmp, holder);
    },
    release() {
      rmSync(holder, { force: true });
      if (db.open) db.close();
    },
  };
}

function inUse(dir: string, cause: unknown): EmulatorError {
  const url = holderUrl(dir);
  return new EmulatorError('data_dir_in_use', `Another emulator${url ? ` (${url})` : ''} is using the data folder ${dir}`, {
    hint: 'Stop that emulator, or give this one its own folder with --data-dir <dir> (or --in-memory).',
    cause,
  });
}

function holderUrl(dir: string): string | undefined {
  try {
    const v = JSON.parse(readFileSync(join(dir, HOLDER_FILE), 'utf8')) as { url?: unknown };
    return typeof v.url === 'string' ? v.url : undefined;
  } catch {
    return undefined;
  }
}
