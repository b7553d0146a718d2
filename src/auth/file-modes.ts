// Sync calls: the read path must not load fs/promises (start-up time), and these are one stat each.
import { chmodSync, statSync } from 'node:fs';
import { shellWord } from '../lib/shell-word.js';

/** Where rosi reports permissions it finds too open (POSIX only: Windows has no mode bits). */
export interface PermissionChecks {
  warn(line: string): void;
}

const OTHERS = 0o077;

/**
 * Warns when a file that holds tokens can be read or changed by other users, naming the
 * command that fixes it. The file was just read, so a failing stat only skips the check.
 */
export function warnIfOpen(file: string, checks: PermissionChecks): void {
  let mode: number;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    return;
  }
  if ((mode & OTHERS) === 0) return;
  const what = mode & 0o044 ? (mode & 0o022 ? 'read and changed' : 'read') : 'changed';
  checks.warn(`${file} holds tokens and can be ${what} by other users (mode ${mode.toString(8).padStart(4, '0')}); fix it with: chmod 600 ${shellWord(file)}`);
}

/**
 * Takes group and other access away from the folder rosi is about to write tokens into
 * (0755 → 0700). A sticky folder (`/tmp`) is shared on purpose and is left alone, as is a
 * folder that is not there yet (it is created 0700).
 */
export function tightenDir(dir: string, checks: PermissionChecks): void {
  let mode: number;
  try {
    mode = statSync(dir).mode;
  } catch {
    return;
  }
  if ((mode & OTHERS) === 0 || mode & 0o1000) return;
  try {
    chmodSync(dir, mode & 0o700);
  } catch (e) {
    checks.warn(
      `${dir} can be read by other users, and rosi could not change that (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); fix it with: chmod 700 ${shellWord(dir)}`,
    );
  }
}
