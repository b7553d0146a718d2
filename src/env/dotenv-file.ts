import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors/cli-error.js';
import { fsReason } from '../lib/fs-error.js';
import { parseDotenv, type DotenvEntry } from './dotenv.js';

/**
 * The variables of the dotenv file at `path`, parsed (dotenv.ts).
 *
 * @param shown how the user named the file, for messages.
 * @throws UsageError `dotenv_file_read_error` when it cannot be read, `dotenv_file_parse_error` on a malformed line.
 */
export async function readDotenv(path: string, shown = path): Promise<DotenvEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read ${shown}: ${fsReason(e)}`, { code: 'dotenv_file_read_error', hint: 'Check the path, or name another file with --file.' });
  }
  return parseDotenv(text, shown);
}
