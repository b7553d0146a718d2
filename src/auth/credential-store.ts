import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { normalizeKeys, parseCredentialsFile, serialize, type Credential } from './credential.js';
import { byCodeUnit } from '../lib/compare.js';
import { tightenDir, warnIfOpen, type PermissionChecks } from './file-modes.js';
import { fsReason } from '../lib/fs-error.js';
import { shellWord } from '../lib/shell-word.js';

export type Credentials = Record<string, Credential>;

/**
 * `credentials.json`, shared with the official Slack CLI. Reads never create the file
 * (a fresh CI runner has no config dir); writes are atomic and happen under a
 * cross-process lock, re-reading the file inside it so no concurrent change is lost.
 */
export class CredentialStore {
  private warned = false;

  /** `permissions` turns on the POSIX mode checks: a warning on an open file, a tightened folder on write. */
  constructor(
    readonly file: string,
    private readonly permissions?: PermissionChecks,
  ) {}

  async read(): Promise<Credentials> {
    let text: string;
    try {
      // A small file read once per run: the sync call avoids loading fs/promises at start-up.
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new CliError('credentials_unreadable', `Cannot read ${this.file}: ${fsReason(e)}`, ExitCode.failed, {
        hint: 'Check the file’s permissions, or point --config-dir elsewhere.',
        cause: e,
      });
    }
    if (this.permissions && !this.warned) {
      this.warned = true;
      warnIfOpen(this.file, this.permissions);
    }
    if (text.trim() === '') return {};
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw corrupt(this.file, `it is not valid JSON (${(e as Error).message})`, e);
    }
    const parsed = parseCredentialsFile(json);
    if (!parsed.ok) throw corrupt(this.file, `${parsed.where}: ${parsed.problem}`);
    return normalizeKeys(parsed.value);
  }

  async list(): Promise<Credential[]> {
    return Object.values(await this.read()).sort((a, b) => byCodeUnit(a.team_domain, b.team_domain) || byCodeUnit(a.team_id, b.team_id));
  }

  /** Read-modify-write under the lock. `change` may mutate the map and returns a result. */
  async update<T>(change: (creds: Credentials) => Promise<T> | T): Promise<T> {
    return this.locked(async (creds, save) => {
      const result = await change(creds);
      await save(creds);
      return result;
    });
  }

  /** Runs fn under the lock; it writes only if it calls `save`. */
  async locked<T>(fn: (creds: Credentials, save: (c: Credentials) => Promise<void>) => Promise<T>): Promise<T> {
    // The write path (locking, fs/promises) loads only when something is written:
    // most runs only read, and read-only commands must start fast.
    const [{ withFileLock }, { writeFileAtomic }] = await Promise.all([import('./file-lock.js'), import('../config/atomic-write.js')]);
    if (this.permissions) tightenDir(dirname(this.file), this.permissions);
    return withFileLock(this.file, async () => fn(await this.read(), (c) => writeFileAtomic(this.file, serialize(c), 0o600)));
  }
}

function corrupt(file: string, why: string, cause?: unknown): CliError {
  return new CliError('credentials_corrupt', `The credentials file ${file} is damaged: ${why}`, ExitCode.usage, {
    // The folder is named even when it is the default: the hint then runs as printed wherever it came from.
    hint: `rosi left it untouched. Fix it by hand, or move it aside and log in again: mv ${shellWord(file)} ${shellWord(`${file}.damaged`)} && rosi login --config-dir ${shellWord(dirname(file))}`,
    cause,
  });
}
