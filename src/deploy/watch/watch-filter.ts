import ignore from 'ignore';
import type { IgnoreRules } from '../bundle/ignore.js';

/**
 * Ignored by the watch whatever `.slackignore` says: build output a project's own tooling may write
 * into the folder (rebuilding on it would loop), and the files editors write beside a file as it is
 * saved (Vim's swap and write-test files, Emacs locks and autosaves, backups).
 */
export const WATCH_IGNORED: readonly string[] = ['dist/', '.*.sw?', '*.swp', '4913', '.#*', '\\#*#', '*~', '.DS_Store', 'Thumbs.db'];

/** Which changed paths (relative to the project root, `/`-separated) lead to a redeploy. */
export interface WatchFilter {
  /** True when a change to `path` matters: the deploy's ignore rules and {@link WATCH_IGNORED} leave it in. */
  watches(path: string, isDirectory?: boolean): boolean;
}

/** The deploy's ignore rules (what is never packaged, `.slackignore`) plus {@link WATCH_IGNORED}. */
export function createWatchFilter(rules: IgnoreRules): WatchFilter {
  const watchOnly = ignore().add([...WATCH_IGNORED]);
  return {
    watches(path, isDirectory = false) {
      const rel = path.replace(/\\/g, '/').replace(/\/+$/, '');
      if (rel === '' || rel === '.') return false;
      if (rules.ignores(rel, isDirectory)) return false;
      return !watchOnly.ignores(isDirectory ? `${rel}/` : rel);
    },
  };
}
