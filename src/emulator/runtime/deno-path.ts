import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Where the Deno that runs functions was found, or why none was. */
export type DenoLocation = { path: string; from: 'flag' | 'npm' | 'path' } | { path: null; reason: string };

export interface DenoSearch {
  /** `--deno <path>`, else `ROSI_DENO`: taken as given, never second-guessed by the other places. */
  explicit?: string | undefined;
  /** The PATH to look on last. */
  searchPath?: string | undefined;
  /** The npm package's binary; a seam for tests. */
  npmBinary?: () => Promise<string | undefined>;
}

/** Windows is the platform whose PATH is split on `;`. */
const DENO_EXE = delimiter === ';' ? 'deno.exe' : 'deno';

export const DENO_FIX =
  'run npm install (it brings Deno as an optional dependency) or put deno on PATH, or set ROSI_DENO=/path/to/deno (or start the emulator with --deno <path>)';

/**
 * Finds Deno: an explicit path first (the flag or ROSI_DENO; when it is wrong that is the
 * answer, so a typo is reported rather than silently replaced), then the binary of the `deno`
 * npm package (rosi's optional dependency, the version rosi is tested with), then `deno` on PATH.
 */
export async function findDeno(s: DenoSearch): Promise<DenoLocation> {
  if (s.explicit !== undefined && s.explicit !== '') {
    const why = notExecutable(s.explicit);
    return why ? { path: null, reason: `Deno was named as ${s.explicit}, but ${why}` } : { path: s.explicit, from: 'flag' };
  }
  const npm = await (s.npmBinary ?? npmPackageBinary)();
  if (npm && !notExecutable(npm)) return { path: npm, from: 'npm' };
  for (const dir of (s.searchPath ?? '').split(delimiter).filter((d) => isAbsolute(d))) {
    const candidate = join(dir, DENO_EXE);
    if (!notExecutable(candidate)) return { path: candidate, from: 'path' };
  }
  return { path: null, reason: 'Functions run in Deno, which is not installed' };
}

/** The npm `deno` package's own lookup: its binary, or its platform package's (undefined when the optional install failed). */
async function npmPackageBinary(): Promise<string | undefined> {
  try {
    // A dynamic import works from the ESM sources and from the CommonJS bundle alike.
    const api = await import('deno/install_api.cjs');
    return (api.default ?? api).runInstall();
  } catch {
    return undefined;
  }
}

function notExecutable(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return 'that is not a file';
    accessSync(path, constants.X_OK);
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'that file is not executable' : `it cannot be used (${code ?? String(e)})`;
  }
}
