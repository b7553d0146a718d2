import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../config/atomic-write.js';
import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import type { Credential} from './credential.js';
import { CredentialsFile, normalizeKeys, serialize } from './credential.js';
import { withFileLock } from './file-lock.js';

export type Credentials = Record<string, Credential>;

/**
 * `credentials.json`, shared with the official Slack CLI. Reads never create the file
 * (a fresh CI runner has no config dir); writes are atomic and happen under a
 * cross-process lock, re-reading the file inside it so no concurrent change is lost.
 */
export class CredentialStore {
  constructor(readonly file: string) {}

  async read(): Promise<Credentials> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new CliError('credentials_unreadable', `Cannot read ${this.file}: ${(e as Error).message}`, ExitCode.failed, {
        hint: 'Check the file’s permissions, or point --config-dir elsewhere.',
        cause: e,
      });
    }
    if (text.trim() === '') return {};
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw corrupt(this.file, `it is not valid JSON (${(e as Error).message})`, e);
    }
    const parsed = CredentialsFile.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw corrupt(this.file, `${issue?.path.join('.') || 'the top level'}: ${issue?.message ?? 'unexpected shape'}`);
    }
    return normalizeKeys(parsed.data);
  }

  async list(): Promise<Credential[]> {
    return Object.values(await this.read()).sort((a, b) => a.team_domain.localeCompare(b.team_domain) || a.team_id.localeCompare(b.team_id));
  }

  /** Read-modify-write under the lock. `change` may mutate the map and returns a result. */
  async update<T>(change: (creds: Credentials) => Promise<T> | T): Promise<T> {
    return withFileLock(this.file, async () => {
      const creds = await this.read();
      const result = await change(creds);
      await writeFileAtomic(this.file, serialize(creds), 0o600);
      return result;
    });
  }

  /** Runs fn under the lock without writing (for decisions that may end in no change). */
  async locked<T>(fn: (creds: Credentials, save: (c: Credentials) => Promise<void>) => Promise<T>): Promise<T> {
    return withFileLock(this.file, async () => fn(await this.read(), (c) => writeFileAtomic(this.file, serialize(c), 0o600)));
  }
}

function corrupt(file: string, why: string, cause?: unknown): CliError {
  return new CliError('credentials_corrupt', `The credentials file ${file} is damaged: ${why}`, ExitCode.usage, {
    hint: `rosi left it untouched. Fix it by hand, or move it aside and run \`rosi login\` again.`,
    cause,
  });
}
