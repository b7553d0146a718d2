import { join } from 'node:path';
import ignore from 'ignore';
import { readTextIfExists } from '../../config/read-optional.js';

/**
 * Never packaged, whatever `.slackignore` says: secrets (`.env`, `.env.local`, …),
 * version control, the CLI's own project files and installed packages.
 */
export const ALWAYS_IGNORED: readonly string[] = ['.env*', '.git/', '.slack/', 'node_modules/'];

/** Ignored unless `.slackignore` brings them back with `!pattern`: editor and OS litter. */
export const DEFAULT_IGNORED: readonly string[] = ['.DS_Store', 'Thumbs.db', '*.swp', '*~'];

/** The name of the project's ignore file (gitignore syntax). */
export const SLACKIGNORE = '.slackignore';

/** Which project paths the built-in build leaves out of the package. */
export interface IgnoreRules {
  /**
   * True when `path` (relative to the project root, `/`-separated) is left out, itself or
   * through an ignored parent folder. Pass `isDirectory` so folder-only patterns (`logs/`) apply.
   */
  ignores(path: string, isDirectory?: boolean): boolean;
}

/**
 * Rules from `.slackignore` text (gitignore syntax, via the `ignore` package) on top of
 * {@link DEFAULT_IGNORED}; {@link ALWAYS_IGNORED} is checked first and cannot be negated.
 */
export function createIgnoreRules(slackignore = ''): IgnoreRules {
  const always = ignore().add([...ALWAYS_IGNORED]);
  const rules = ignore()
    .add([...DEFAULT_IGNORED])
    .add(slackignore);
  return {
    ignores(path, isDirectory = false) {
      const rel = path
        .replace(/\\/g, '/')
        .replace(/^\.\/+/, '')
        .replace(/\/+$/, '');
      if (rel === '' || rel === '.') return false;
      const candidate = isDirectory ? `${rel}/` : rel;
      // `ignore` also answers for parent folders, so `secrets/` covers `secrets/a/b.txt`.
      return always.ignores(candidate) || rules.ignores(candidate);
    },
  };
}

/** The project's rules: `<root>/.slackignore` if there is one, plus the defaults. */
export async function loadIgnoreRules(root: string): Promise<IgnoreRules> {
  return createIgnoreRules((await readTextIfExists(join(root, SLACKIGNORE))) ?? '');
}
