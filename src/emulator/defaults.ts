import type { SeedTeam, SeedUser } from './deps.js';

export const DEFAULT_PORT = 5810;
export const DEFAULT_HOST = '127.0.0.1';
/** Slack's user tokens live 12 hours (contract §12.2). */
export const DEFAULT_TOKEN_TTL_MS = 12 * 3_600_000;
/** Slack's auth tickets expire after five minutes. */
export const DEFAULT_TICKET_TTL_MS = 5 * 60_000;
export const DEFAULT_TEAM: SeedTeam = { id: 'T0EMULATOR', domain: 'emulator', name: 'Emulator Workspace' };
export const DEFAULT_USER: SeedUser = { id: 'U0EMULATOR', name: 'developer' };
export const DATABASE_FILE = 'emulator.db';
