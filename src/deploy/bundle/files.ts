import { stat } from 'node:fs/promises';

/** True when `file` exists and is a regular file (following links). */
export async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
