import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INCOMING_FOLDER, UPLOADS_FOLDER } from '../defaults.js';

export interface UploadsFolder {
  dir: string;
  incomingDir: string;
  dispose(): Promise<void>;
}

/** Half-written files of a run that crashed are dropped once they are this old. */
const STALE_INCOMING_MS = 24 * 3_600_000;

/**
 * The data dir's uploads/, or, for an in-memory emulator, a temporary folder that goes when
 * it stops. Uploads in progress are written under a folder of this run's own, so two
 * emulators sharing a data dir never clean up each other's files.
 */
export async function uploadsFolder(dataDir: string | null, now: number): Promise<UploadsFolder> {
  if (dataDir === null) {
    // Made without a trip to the thread pool: the launch waits for it.
    const dir = mkdtempSync(join(tmpdir(), 'rosi-emulator-uploads-'));
    return { dir, incomingDir: join(dir, INCOMING_FOLDER), dispose: () => rm(dir, { recursive: true, force: true }) };
  }
  const dir = join(dataDir, UPLOADS_FOLDER);
  const incoming = join(dir, INCOMING_FOLDER);
  for (const run of await readdir(incoming).catch(() => [])) {
    const path = join(incoming, run);
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > STALE_INCOMING_MS) await rm(path, { recursive: true, force: true });
  }
  const incomingDir = join(incoming, randomUUID());
  return { dir, incomingDir, dispose: () => rm(incomingDir, { recursive: true, force: true }) };
}
