import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Credential } from '../../src/auth/credential.js';

export function credential(over: Partial<Credential> & { team_id: string }): Credential {
  return {
    token: `xoxe.xoxp-1-${over.team_id.toLowerCase()}`,
    team_domain: over.team_id.toLowerCase(),
    user_id: 'U0001',
    last_updated: '2026-11-28T11:00:00Z',
    ...over,
  };
}

/** Writes ~/.slack/credentials.json under a temp HOME. */
export function writeCredentials(home: string, creds: Record<string, Credential> | string): string {
  const dir = join(home, '.slack');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'credentials.json');
  writeFileSync(file, typeof creds === 'string' ? creds : JSON.stringify(creds, null, 2), { mode: 0o600 });
  return file;
}

export function readCredentials(home: string): Record<string, Credential> {
  return JSON.parse(readFileSync(join(home, '.slack', 'credentials.json'), 'utf8')) as Record<string, Credential>;
}
