import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { WatchFilter } from './watch-filter.js';

export interface TreeWatcherOptions {
  /** Asked at each event, so new `.slackignore` rules apply from the moment they are loaded. */
  filter: () => WatchFilter;
  /** A watched path changed: created, written, renamed or removed (relative to the root, `/`-separated). */
  onChange: (path: string) => void;
  /** A folder could not be watched (the system's watch limit, say); the rest goes on being watched. */
  onError: (e: unknown, folder: string) => void;
}

export interface TreeWatcher {
  /** Resolves once every folder present at the start is watched. */
  readonly ready: Promise<void>;
  /** Stops every watch; no change is reported after it returns. */
  close(): void;
}

/**
 * Watches `root` folder by folder with `fs.watch`, never descending into a folder the filter leaves
 * out. Node's `recursive: true` would also work on Linux since Node 20, but it watches every folder
 * below the root, `node_modules` and `.git` included: tens of thousands of watches (the system's
 * limit is often 8,192) for changes rosi ignores anyway. Folders made later are watched as they appear.
 */
export function watchTree(root: string, o: TreeWatcherOptions): TreeWatcher {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;

  async function add(dir: string): Promise<void> {
    if (closed || watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(join(root, dir), { persistent: true }, (_event, name) => void changed(dir, name === null ? undefined : String(name)));
    } catch (e) {
      // Gone before it could be watched: its removal is reported by its parent.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') o.onError(e, dir || '.');
      return;
    }
    watcher.on('error', () => forget(dir));
    watchers.set(dir, watcher);
    let entries;
    try {
      entries = await readdir(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    const folders = entries.filter((e) => e.isDirectory()).map((e) => (dir ? `${dir}/${e.name}` : e.name));
    await Promise.all(folders.filter((f) => o.filter().watches(f, true)).map(add));
  }

  /** Stops watching `dir` and the folders below it (it was removed or renamed away). */
  function forget(dir: string): void {
    for (const [path, watcher] of watchers) {
      if (path === dir || path.startsWith(`${dir}/`)) {
        watcher.close();
        watchers.delete(path);
      }
    }
  }

  async function changed(dir: string, name: string | undefined): Promise<void> {
    if (closed) return;
    const path = name === undefined ? dir : dir ? `${dir}/${name}` : name;
    if (path === '') return;
    const isDirectory = await stat(join(root, path)).then(
      (s) => s.isDirectory(),
      () => undefined,
    );
    if (closed) return;
    if (isDirectory === undefined) {
      const wasFolder = watchers.has(path);
      forget(path);
      if (o.filter().watches(path, wasFolder)) o.onChange(path);
      return;
    }
    if (!o.filter().watches(path, isDirectory)) return;
    if (isDirectory) {
      // A watched folder's own files report their changes; only a new folder is news here.
      if (watchers.has(path)) return;
      await add(path);
    }
    // A folder moved in brings its files along: that is a change too.
    if (!closed) o.onChange(path);
  }

  return {
    ready: add(''),
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
