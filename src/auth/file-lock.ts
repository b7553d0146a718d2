import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CliError } from '../errors/cli-error.js';

/** How long a lock may go without a heartbeat before another process may break it. */
const STALE_MS = 5_000;

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
      realpath: false,
      stale: STALE_MS,
      update: 1_000,
      retries: { retries: 400, factor: 1.2, minTimeout: 20, maxTimeout: 250, randomize: true },
    });
  } catch (e) {
    throw new CliError('lock_failed', `Could not lock ${file} for writing`, 1, {
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
