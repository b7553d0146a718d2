import { constants } from 'node:fs';
import { copyFile, link, lstat, mkdir, readdir, realpath, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { byCodeUnit } from '../../lib/compare.js';
import type { IgnoreRules } from './ignore.js';

/** The project folder the built-in build copies into the package as it is. */
export const ASSETS_DIR = 'assets';

/**
 * Copies `<root>/assets/` to `<outDir>/assets/`, leaving out what `rules` ignore (paths as
 * seen from the project root, so `.slackignore` patterns read naturally).
 *
 * Files are hard-linked where the file system allows it (the package is read, never
 * written, and creating thousands of copies costs more than zipping them on some
 * machines), otherwise cloned or copied.
 *
 * A symbolic link is recreated as an absolute link to its resolved target rather than
 * copied, so `checkOutput` sees where it really points and refuses it if that is outside
 * the project; the archive later stores allowed links as plain files.
 *
 * @returns the copied paths, relative to `outDir`, `/`-separated; [] without `assets/`.
 */
export async function copyAssets(root: string, outDir: string, rules: IgnoreRules, signal?: AbortSignal): Promise<string[]> {
  const source = join(root, ASSETS_DIR);
  try {
    if (!(await lstat(source)).isDirectory()) return [];
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  if (rules.ignores(ASSETS_DIR, true)) return [];
  const copied: string[] = [];
  await copyTree(source, join(outDir, ASSETS_DIR), ASSETS_DIR, rules, copied, signal);
  return copied;
}

async function copyTree(from: string, to: string, rel: string, rules: IgnoreRules, copied: string[], signal?: AbortSignal): Promise<void> {
  await mkdir(to, { recursive: true });
  const entries = (await readdir(from, { withFileTypes: true })).sort((a, b) => byCodeUnit(a.name, b.name));
  for (const entry of entries) {
    signal?.throwIfAborted();
    const childRel = `${rel}/${entry.name}`;
    if (rules.ignores(childRel, entry.isDirectory())) continue;
    const src = join(from, entry.name);
    const dest = join(to, entry.name);
    if (entry.isDirectory()) {
      await copyTree(src, dest, childRel, rules, copied, signal);
    } else if (entry.isFile()) {
      await linkOrCopy(src, dest);
      copied.push(childRel);
    } else if (entry.isSymbolicLink()) {
      const target = await realpath(src).catch(() => src);
      await symlink(target, dest);
      copied.push(childRel);
    }
  }
}

async function linkOrCopy(src: string, dest: string): Promise<void> {
  try {
    await link(src, dest);
  } catch {
    // Across file systems (a tmpfs /tmp), or where links are not allowed: a copy, cloned when possible.
    await copyFile(src, dest, constants.COPYFILE_FICLONE);
  }
}
