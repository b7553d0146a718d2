import * as fs from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';

/** How long a lock may go without a heartbeat before another process may break it. */
const STALE_MS = 5_000;

/**
 * The lock is a folder; a stale one that is a plain file (left by another tool, or by hand)
 * is removed all the same instead of failing rmdir on every retry until they run out.
 */
const lockFs = {
  ...fs,
  rmdir: (path: string, cb: (err: NodeJS.ErrnoException | null) => void) => fs.rmdir(path, (err) => (err?.code === 'ENOTDIR' ? fs.unlink(path, cb) : cb(err))),
};

/**
 * Runs fn while holding a cross-process lock beside `file`. A holder that dies (even by
 * SIGKILL) stops refreshing the lock, which is then broken after STALE_MS.
 */
export async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const lockfile = await import('proper-lockfile');
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      fs: lockFs,
      realpath: false,
      stale: STALE_MS,
      update: 1_000,
      retries: { retries: 400, factor: 1.2, minTimeout: 20, maxTimeout: 250, randomize: true },
    });
  } catch (e) {
    throw new CliError('lock_failed', `Could not lock ${file} for writing`, ExitCode.failed, {
      hint: `Another rosi may be stuck; if none is running, remove ${file}.lock`,
      cause: e,
    });
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => {});
  }
}
