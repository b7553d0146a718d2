import { accessSync, constants, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EmulatorError } from '../errors.js';
import { shellWord as quote } from '../../lib/shell-word.js';
import { DATABASE_FILE } from '../defaults.js';

/**
 * What went wrong opening a data folder, said as a fix: which path, what is wrong with it,
 * and the command that gets going again. Errors that are not about the folder pass through.
 */
export function dataDirError(e: unknown, dir: string): unknown {
  if (e instanceof EmulatorError || !(e instanceof Error)) return e;
  const code = String((e as { code?: unknown }).code ?? '');
  const path = typeof (e as { path?: unknown }).path === 'string' ? String((e as { path?: unknown }).path) : undefined;
  const db = join(dir, DATABASE_FILE);
  const elsewhere = `rosi emulator --data-dir ${quote(`${dir}-new`)}`;
  if (code === 'EEXIST' || code === 'ENOTDIR') {
    const where = fileInTheWay(path ?? dir);
    const message =
      where === dir ? `The emulator's data folder ${dir} is a file, not a folder` : `The emulator's data folder ${dir} cannot be made: ${where} is a file`;
    return new EmulatorError('data_dir_unusable', message, {
      hint: `Move the file aside and start again (mv ${quote(where)} ${quote(`${where}.moved`)} && rosi emulator --data-dir ${quote(dir)}), or use another folder: rosi emulator --data-dir ${quote(`${where}-data`)}`,
      cause: e,
    });
  }
  const readOnly = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM';
  // SQLite cannot tell a folder it may not write in from a database it cannot open.
  if (readOnly || (code.startsWith('SQLITE_CANTOPEN') && !writable(dir))) {
    return new EmulatorError(
      'data_dir_unusable',
      `The emulator cannot write its data in ${path ?? dir}: ${code === 'EROFS' || code.startsWith('SQLITE_READONLY') ? 'it is read-only' : 'permission denied'}`,
      {
        hint: `Make it writable for you (chmod -R u+w ${quote(dir)}), or use another folder: ${elsewhere}`,
        cause: e,
      },
    );
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_CANTOPEN')) {
    const file = path ?? db;
    const why = code === 'SQLITE_NOTADB' ? 'not a database' : code.startsWith('SQLITE_CORRUPT') ? 'corrupt' : isFolder(file) ? 'a folder' : 'cannot be opened';
    return new EmulatorError('data_dir_unusable', `${file} is not a usable emulator database (${why})`, {
      hint: `Move it aside and start with a fresh one (mv ${quote(file)} ${quote(`${file}.broken`)} && rosi emulator --data-dir ${quote(dir)}), or use another folder: ${elsewhere}`,
      cause: e,
    });
  }
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') {
    return new EmulatorError('disk_full', `The disk holding ${dir} is full`, {
      hint: `Free some space and start again, or use a folder on another disk: ${elsewhere}`,
      cause: e,
    });
  }
  return e;
}

/** The nearest of `path` and its parents that exists and is not a folder. */
function fileInTheWay(path: string): string {
  for (let p = path; ; p = dirname(p)) {
    if (exists(p) && !isFolder(p)) return p;
    if (dirname(p) === p) return path;
  }
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
