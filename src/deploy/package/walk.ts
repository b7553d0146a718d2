import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { byCodeUnit } from '../../lib/compare.js';

/** One entry below a walked folder; symbolic links are reported, never followed. */
export interface WalkEntry {
  /** Path relative to the walked folder, `/`-separated (zip entry names use `/`). */
  rel: string;
  abs: string;
  kind: 'file' | 'symlink' | 'other';
}

/**
 * Every non-folder entry below `dir`, depth first, in code-unit order of names so that
 * archives and listings are reproducible. Folders are descended into, links are not.
 */
export async function* walk(dir: string, signal?: AbortSignal, prefix = ''): AsyncGenerator<WalkEntry> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => byCodeUnit(a.name, b.name));
  for (const entry of entries) {
    signal?.throwIfAborted();
    const abs = join(dir, entry.name);
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* walk(abs, signal, rel);
    else yield { rel, abs, kind: entry.isFile() ? 'file' : entry.isSymbolicLink() ? 'symlink' : 'other' };
  }
}
