/** SQLite's word for a disk (or a database size limit) with no room for a write. */
export const isDiskFull = (e: unknown): boolean => e instanceof Error && (e as { code?: unknown }).code === 'SQLITE_FULL';

/**
 * Runs a write that a request makes only by the way (an activity event, the call log, a
 * purge). With the disk full it is skipped, so the request itself (a read) still answers.
 * True when it was written.
 */
export function unlessDiskFull(write: () => void): boolean {
  try {
    write();
    return true;
  } catch (e) {
    if (!isDiskFull(e)) throw e;
    return false;
  }
}

/** The answer to a request whose own write found the disk full: the client is told why. */
export const DISK_FULL_ANSWER = {
  ok: false,
  error: 'internal_error',
  response_metadata: { messages: ['[ERROR] The emulator’s disk is full: nothing can be written until space is freed. Reads still work.'] },
};
