import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A deployment whose bundle should be on disk: the app, its version and its zip. */
export interface DeployedBundle {
  appId: string;
  version: number;
  /** The zip's object key: part of the folder's name, so a data folder whose database was reset never reuses an old unpacking. */
  s3Key: string;
  zipPath: string;
}

/** Why a deployment's zip could not be unpacked (the emulator checked it at upload, so this is rare). */
export class BundleUnpackError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'BundleUnpackError';
  }
}

/** Larger than any bundle a 200 MB upload should inflate to; a zip bomb stops here. */
export const MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * How many of an app's deployments keep their unpacked folder: the newest and the one before it, so a run that
 * started on the previous deployment just before a deploy finishes on it, and redeploys do not fill the disk.
 */
export const KEPT_DEPLOYMENTS = 2;

const DEPLOYMENT_FOLDER = /^v(\d+)-[0-9a-f]{12}$/;

/** `<root>/<app_id>/v<version>-<key hash>`: one folder per deployment. */
export function bundleFolderPath(root: string, d: Pick<DeployedBundle, 'appId' | 'version' | 's3Key'>): string {
  if (!/^[A-Z0-9]+$/.test(d.appId)) throw new BundleUnpackError(`Not an app ID: ${JSON.stringify(d.appId)}`);
  const tag = createHash('sha256').update(d.s3Key).digest('hex').slice(0, 12);
  return join(root, d.appId, `v${d.version}-${tag}`);
}

/**
 * The deployment's bundle, unpacked once under `root` and reused after. It is unpacked into
 * a sibling temporary folder and renamed into place, so a folder that exists is whole; two
 * runs unpacking at once both succeed, and one copy stays.
 *
 * Entries are checked as hosting checks them at upload (yauzl refuses absolute and `..`
 * names; encrypted entries are refused), every path is checked to stay inside the folder,
 * and every entry is written as a plain file: a link stored in the zip never becomes one.
 */
export async function unpackBundle(root: string, d: DeployedBundle): Promise<string> {
  const folder = bundleFolderPath(root, d);
  if (await isDirectory(folder)) return folder;
  await mkdir(dirname(folder), { recursive: true });
  const temporary = `${folder}.unpacking-${randomUUID()}`;
  try {
    await mkdir(temporary);
    await extract(d.zipPath, temporary);
    await rename(temporary, folder);
  } catch (e) {
    await rm(temporary, { recursive: true, force: true });
    // Another run renamed its copy into place first: that one is as good.
    if (isNonEmpty(e) && (await isDirectory(folder))) return folder;
    if (e instanceof BundleUnpackError) throw e;
    throw new BundleUnpackError(`Cannot unpack ${d.zipPath}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return folder;
}

/**
 * Removes the app's unpacked deployments but the newest `keep` (by version) and those `inUse` names, asked just
 * before each removal. Half-made folders (`….unpacking-…`) are left to the unpacking that makes them. Answers
 * the folders removed; a folder that cannot be removed stays, to be tried again at the next prune.
 */
export async function pruneBundles(root: string, appId: string, keep: number, inUse: (folder: string) => boolean): Promise<string[]> {
  const appDir = join(root, appId);
  const names = await readdir(appDir).catch(() => [] as string[]);
  const old = names
    .map((name) => ({ name, version: Number(DEPLOYMENT_FOLDER.exec(name)?.[1] ?? Number.NaN) }))
    .filter((f) => !Number.isNaN(f.version))
    .sort((a, b) => b.version - a.version || a.name.localeCompare(b.name))
    .slice(keep);
  const removed: string[] = [];
  for (const { name } of old) {
    const folder = join(appDir, name);
    if (inUse(folder)) continue;
    try {
      await rm(folder, { recursive: true, force: true });
      removed.push(folder);
    } catch {
      // Busy or not ours to remove: the next prune tries again.
    }
  }
  return removed;
}

async function extract(zipPath: string, into: string): Promise<void> {
  const yauzl = await import('yauzl');
  let zip;
  try {
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  } catch (e) {
    throw new BundleUnpackError(`Not a readable zip: ${zipPath}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const target = resolve(into, entry.fileName);
      const rel = relative(into, target);
      if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
        throw new BundleUnpackError(`The bundle's entry ${JSON.stringify(entry.fileName)} would land outside its folder`);
      }
      if (entry.fileName.endsWith('/')) {
        await mkdir(target, { recursive: true });
        continue;
      }
      if (entry.isEncrypted()) throw new BundleUnpackError(`The bundle's entry ${entry.fileName} is encrypted`);
      total += entry.uncompressedSize;
      if (total > MAX_UNPACKED_BYTES) throw new BundleUnpackError(`The bundle inflates to more than ${MAX_UNPACKED_BYTES} bytes`);
      await mkdir(dirname(target), { recursive: true });
      const stream: Readable = await zip.openReadStreamPromise(entry);
      // yauzl checks the inflated size against the entry's header, so the total above holds.
      // 'wx': a name already written (a duplicate entry) is an error, never an overwrite through a link.
      await pipeline(stream, createWriteStream(target, { flags: 'wx', mode: 0o644 }));
    }
  } finally {
    zip.close();
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

const isNonEmpty = (e: unknown) => ['ENOTEMPTY', 'EEXIST', 'EPERM'].includes((e as NodeJS.ErrnoException).code ?? '');
