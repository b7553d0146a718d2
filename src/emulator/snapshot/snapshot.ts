import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { VERSION } from '../../version.js';
import { SCHEMA_VERSION } from '../db/index.js';
import type { Store } from '../store.js';
import { DATABASE_ENTRY, readSnapshot, writeSnapshot, type SnapshotHeader } from './format.js';

/** What a snapshot is taken of and loaded into. */
export interface SnapshotTarget {
  store: Store;
  /** The uploads folder: the deployed code an upload row names lives here. */
  uploadsDir: string;
  clockOffsetMs: number;
}

/** Writes the whole state (database, uploaded code, the clock's offset) to `out` as one snapshot file; its size. */
export async function saveSnapshot(t: SnapshotTarget, out: Writable, now: Date): Promise<number> {
  const work = await mkdtemp(join(tmpdir(), 'rosi-snapshot-'));
  try {
    const database = join(work, 'database');
    t.store.copyTo(database);
    // An upload row whose file is gone has nothing to carry: it stays as broken as it was.
    const uploads = t.store.uploads.list().filter((u) => existsSync(join(t.uploadsDir, u.path)));
    return await writeSnapshot(
      {
        header: { created_at: now.toISOString(), rosi_version: VERSION, schema_version: SCHEMA_VERSION, clock_offset_ms: t.clockOffsetMs },
        entries: [{ name: DATABASE_ENTRY, path: database }, ...uploads.map((u) => ({ name: `uploads/${u.path}`, path: join(t.uploadsDir, u.path) }))],
      },
      out,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A snapshot checked and unpacked, not yet applied: a refused file has changed nothing. */
export interface OpenedSnapshot {
  header: SnapshotHeader;
  /** Replaces the whole state with the snapshot's; the uploaded code is copied in first. */
  apply(t: Omit<SnapshotTarget, 'clockOffsetMs'>): Promise<void>;
  dispose(): Promise<void>;
}

export async function openSnapshot(file: string): Promise<OpenedSnapshot> {
  const work = await mkdtemp(join(tmpdir(), 'rosi-snapshot-'));
  const dispose = () => rm(work, { recursive: true, force: true });
  try {
    const header = await readSnapshot(file, work);
    return {
      header,
      dispose,
      async apply(t) {
        for (const e of header.entries.slice(1)) {
          const target = join(t.uploadsDir, ...e.name.split('/').slice(1));
          if (existsSync(target)) continue;
          await mkdir(dirname(target), { recursive: true });
          // Into place by rename, so a file that exists is whole: the runtime trusts what it finds.
          const partial = `${target}.${randomUUID()}.partial`;
          await copyFile(join(work, ...e.name.split('/')), partial);
          await rename(partial, target);
        }
        t.store.replaceWith(join(work, DATABASE_ENTRY));
      },
    };
  } catch (e) {
    await dispose();
    throw e;
  }
}
