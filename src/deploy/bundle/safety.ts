import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { CliError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { cancellable } from './cancel.js';
import { walk } from '../package/walk.js';
import { fsReason } from '../../lib/fs-error.js';

// Any name starting `.env`, in any case: `.envrc` (direnv), `.env-local` and `.ENV` hold
// secrets as often as `.env.local` does, and case-insensitive filesystems treat `.ENV` as `.env`.
const ENV_FILE = /^\.env/i;
// A link may point into the project, but not at what is never packaged: secrets and the
// contents of version control (`.git/config` can hold a token in a remote URL).
const PRIVATE_FOLDERS = new Set(['.git', '.slack']);

/** One file that must not be deployed, and why. */
export interface UnsafeFile {
  /** Path relative to the output folder, `/`-separated. */
  path: string;
  reason: string;
}

/**
 * Checks a build's output folder before it is zipped, whoever wrote it (the built-in build
 * or a `build` hook). Refused:
 * - any `.env`-like name (`.env`, `.env.local`, `.envrc`, `.ENV`: anything starting `.env`,
 *   in any case), file or folder, or a file below such a folder;
 * - sockets, FIFOs and devices;
 * - a symbolic link that is broken, points outside both the project root and the output
 *   folder, points at a folder, or points at an `.env` file or into `.git/` or `.slack/`.
 *
 * Other links (to a regular file inside the project or the output) are allowed, and the
 * archive stores them as the file they point to: the zip never contains a link.
 *
 * @returns the files checked.
 * @throws CliError `unsafe_bundle_file` (exit 1) naming the first problem, with every
 *   problem in `details`; CancelledError when `signal` aborts.
 */
export async function checkOutput(outDir: string, projectRoot: string, signal?: AbortSignal): Promise<{ files: number }> {
  return cancellable(signal, 'Stopped checking the package', () => check(outDir, projectRoot, signal));
}

async function check(outDir: string, projectRoot: string, signal: AbortSignal | undefined): Promise<{ files: number }> {
  const bases = [await realpath(projectRoot), await realpath(outDir)];
  const problems: UnsafeFile[] = [];
  let files = 0;
  for await (const entry of walk(outDir, signal)) {
    files += 1;
    const reason = await problemWith(entry.rel, entry.abs, entry.kind, bases);
    if (reason) problems.push({ path: entry.rel, reason });
  }
  const first = problems[0];
  if (first) {
    throw new CliError('unsafe_bundle_file', `Refusing to deploy ${first.path}: ${first.reason}`, ExitCode.failed, {
      details: problems.length > 1 ? problems.map((p) => `${p.path}: ${p.reason}`) : [],
      hint: 'Remove it from the build output (or from assets/ and .slackignore); secrets belong in app environment variables, not in the package.',
    });
  }
  return { files };
}

async function problemWith(rel: string, abs: string, kind: 'file' | 'symlink' | 'other', bases: string[]): Promise<string | undefined> {
  if (rel.split('/').some((part) => ENV_FILE.test(part))) return 'it is an environment file, which may hold secrets';
  if (kind === 'other') return 'it is not a regular file (a socket, FIFO or device)';
  if (kind === 'file') return undefined;
  let target: string;
  try {
    target = await realpath(abs);
  } catch (e) {
    return `it is a symbolic link that cannot be followed (${fsReason(e)})`;
  }
  const base = bases.find((b) => inside(b, target));
  if (!base) return `it is a symbolic link to ${target}, outside the project`;
  const parts = relative(base, target).split(sep);
  if (parts.some((part) => ENV_FILE.test(part))) return `it is a symbolic link to ${target}, an environment file`;
  if (base === bases[0] && PRIVATE_FOLDERS.has(parts[0] ?? '')) return `it is a symbolic link into the project's ${parts[0]}/ folder`;
  if ((await stat(target)).isDirectory()) return 'it is a symbolic link to a folder; only links to files are packaged';
  return undefined;
}

function inside(base: string, target: string): boolean {
  const rel = relative(base, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
