import { readFileSync } from 'node:fs';
import { UsageError } from '../errors/cli-error.js';
import { fsReason } from '../lib/fs-error.js';

/** A token named by flag, file or environment; such tokens are never saved or rotated. */
export interface ExplicitToken {
  token: string;
  source: 'flag' | 'file' | 'env';
  /** Where it came from, as the user named it: `--token`, `--token-file t.txt`, `ROSI_TOKEN`. */
  origin: string;
}

/** The global flags that name a token. */
export interface TokenFlags {
  token?: string | undefined;
  tokenFile?: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** --token or --token-file was given: `login` saves that token instead of running a ticket login. */
export function tokenFlagGiven(f: TokenFlags): boolean {
  return f.token !== undefined || f.tokenFile !== undefined;
}

/** A token was named by flag, file or environment: resolveExplicitToken returns it (or says what is wrong with it). */
export function hasExplicitToken(f: TokenFlags, env: Env): boolean {
  return tokenFlagGiven(f) || Boolean(env.ROSI_TOKEN || env.SLACK_SERVICE_TOKEN);
}

/** Precedence: --token > --token-file (a path, or `-` for stdin) > ROSI_TOKEN > SLACK_SERVICE_TOKEN. */
export async function resolveExplicitToken(f: TokenFlags, env: Env, readStdin: () => Promise<string>): Promise<ExplicitToken | undefined> {
  if (f.token !== undefined && f.tokenFile !== undefined) {
    throw new UsageError('--token and --token-file cannot be used together', { code: 'mismatched_flags' });
  }
  if (f.token !== undefined) return { token: nonEmpty(f.token, '--token'), source: 'flag', origin: '--token' };
  if (f.tokenFile !== undefined) {
    const text = f.tokenFile === '-' ? await readStdin() : await readTokenFile(f.tokenFile);
    const origin = `--token-file ${f.tokenFile}`;
    return { token: nonEmpty(text, origin), source: 'file', origin };
  }
  const envName = env.ROSI_TOKEN ? 'ROSI_TOKEN' : env.SLACK_SERVICE_TOKEN ? 'SLACK_SERVICE_TOKEN' : undefined;
  if (envName) return { token: nonEmpty(env[envName] as string, envName), source: 'env', origin: envName };
  return undefined;
}

async function readTokenFile(path: string): Promise<string> {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read --token-file ${path}: ${fsReason(e)}`, { code: 'invalid_token_file' });
  }
}

function nonEmpty(token: string, where: string): string {
  const t = token.trim();
  if (!t) throw new UsageError(`${where} is empty`, { code: 'missing_token' });
  if (/\s/.test(t)) throw new UsageError(`${where} does not look like a token (it contains white space)`, { code: 'invalid_token' });
  return t;
}
