import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors/cli-error.js';
import { fsReason } from '../lib/fs-error.js';
import { parseDotenv, type DotenvEntry } from './dotenv.js';

/**
 * The variables of the dotenv file at `path`, parsed (dotenv.ts).
 *
 * @param hint what to do when it cannot be read: name another file with the command's flag.
 * @throws UsageError `dotenv_file_read_error` when it cannot be read, `dotenv_file_parse_error` on a malformed line.
 */
export async function readDotenv(path: string, hint: string): Promise<DotenvEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read ${path}: ${fsReason(e)}`, { code: 'dotenv_file_read_error', hint });
  }
  return parseDotenv(text, path);
}
