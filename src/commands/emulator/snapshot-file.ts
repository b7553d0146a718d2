import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { syncDir } from '../../config/atomic-write.js';

/** A temporary file no one has written to for this long was left by a save or export that was killed. */
const STALE_PARTIAL_MS = 60_000;

/**
 * Writes a snapshot file so that `target` is the old file or the whole new one, never a part: `write` fills a
 * temporary file beside it (0600: a snapshot holds every app's data), which is synced and renamed over the target
 * once `write` succeeded. On a failure the temporary file goes and the target is untouched. Temporary files of an
 * earlier run that was killed mid-write are removed first. Answers the file's size.
 */
export async function writeSnapshotFile(target: string, now: Date, write: (out: Writable) => Promise<void>): Promise<number> {
  const file = resolve(target);
  const dir = dirname(file);
  await removeStalePartials(dir, basename(file), now.getTime());
  const partial = join(dir, `${partialPrefix(basename(file))}${randomBytes(6).toString('hex')}.tmp`);
  try {
    const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
    // Said by the write that fails too; held here so that no stream error goes unheard.
    let failed: unknown;
    out.on('error', (e) => (failed ??= e));
    const closed = new Promise<void>((done) => out.once('close', () => done()));
    try {
      await once(out, 'ready');
      await write(out);
      if (!out.writableFinished) await new Promise<void>((done, fail) => out.end((e?: Error | null) => (e ? fail(e) : done())));
    } finally {
      out.destroy();
      await closed;
    }
    if (failed !== undefined) throw failed;
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    const { size } = await stat(partial);
    await rename(partial, file);
    await syncDir(dir);
    return size;
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
}

const partialPrefix = (name: string) => `.${name}.`;

/** Those no one writes to any more: a save running elsewhere into the same file keeps its own. */
async function removeStalePartials(dir: string, name: string, now: number): Promise<void> {
  const prefix = partialPrefix(name);
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp') || !/^[0-9a-f]{12}$/.test(entry.slice(prefix.length, -'.tmp'.length))) continue;
    const path = join(dir, entry);
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > STALE_PARTIAL_MS) await rm(path, { force: true });
  }
}
