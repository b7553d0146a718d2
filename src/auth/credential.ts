import { DEFAULT_API_HOST } from '../config/api-host.js';

/**
 * One entry of credentials.json, in the official Slack CLI's format (contract §3.1).
 * Validated by hand rather than with zod: `auth list` reads this file on every run and
 * loading a schema library would cost more than the whole command (see bench/startup).
 */
export interface Credential {
  token?: string | undefined;
  team_domain: string;
  team_id: string;
  enterprise_id?: string | undefined;
  user_id: string;
  last_updated?: string | undefined;
  api_host?: string | undefined;
  refresh_token?: string | undefined;
  /** Unix seconds; absent or 0 means the token does not expire. */
  exp?: number | undefined;
  is_enterprise_install?: boolean | undefined;
  /** Fields a newer official CLI may write; kept as they are. */
  [unknown: string]: unknown;
}

const FIELD_TYPES: Record<string, 'string' | 'number' | 'boolean'> = {
  token: 'string',
  team_domain: 'string',
  team_id: 'string',
  enterprise_id: 'string',
  user_id: 'string',
  last_updated: 'string',
  api_host: 'string',
  refresh_token: 'string',
  exp: 'number',
  is_enterprise_install: 'boolean',
};
const REQUIRED = ['team_domain', 'team_id', 'user_id'];

export type ParseResult = { ok: true; value: Record<string, Credential> } | { ok: false; where: string; problem: string };

export function parseCredentialsFile(json: unknown): ParseResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, where: 'the top level', problem: 'expected an object keyed by team ID' };
  for (const [key, entry] of Object.entries(json)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return { ok: false, where: key, problem: 'expected an object' };
    for (const field of REQUIRED) {
      if (!(field in entry)) return { ok: false, where: `${key}.${field}`, problem: 'missing' };
    }
    for (const [field, type] of Object.entries(FIELD_TYPES)) {
      const value = (entry as Record<string, unknown>)[field];
      if (value !== undefined && typeof value !== type)
        return { ok: false, where: `${key}.${field}`, problem: `expected a ${type}, got ${JSON.stringify(value)}` };
    }
  }
  return { ok: true, value: json as Record<string, Credential> };
}

const FIELD_ORDER = Object.keys(FIELD_TYPES);
const OMIT_WHEN_EMPTY = new Set(['token', 'enterprise_id', 'api_host', 'refresh_token']);
const TEAM_ID_KEY = /^[TE][A-Z0-9]{8,}$/;

/** Writes entries the way the official CLI does: known fields in its order, then unknown ones. */
export function serialize(creds: Record<string, Credential>): string {
  const out: Record<string, Record<string, unknown>> = {};
  for (const key of Object.keys(creds).sort()) {
    const c = creds[key] as Credential;
    const entry: Record<string, unknown> = {};
    for (const f of FIELD_ORDER) {
      const v = c[f];
      const omit = v === undefined || (OMIT_WHEN_EMPTY.has(f) && v === '') || (f === 'exp' && v === 0) || (f === 'is_enterprise_install' && v === false);
      if (!omit) entry[f] = v;
    }
    if (entry.last_updated === undefined) entry.last_updated = '0001-01-01T00:00:00Z';
    for (const [k, v] of Object.entries(c)) if (!(k in FIELD_TYPES)) entry[k] = v;
    out[key] = entry;
  }
  return JSON.stringify(out, null, 2);
}

/** Legacy files keyed by team domain are re-keyed by team ID, as the official CLI does. */
export function normalizeKeys(creds: Record<string, Credential>): Record<string, Credential> {
  const out: Record<string, Credential> = {};
  for (const [key, c] of Object.entries(creds)) out[TEAM_ID_KEY.test(key) ? key : c.team_id || key] = c;
  return out;
}

/** The API host that issued a login: its tokens go nowhere else. */
export function hostOf(c: Credential): string {
  return c.api_host ? c.api_host.replace(/\/+$/, '') : DEFAULT_API_HOST;
}

export function isRotatable(c: Credential): boolean {
  return Boolean(c.refresh_token) && Boolean(c.exp);
}
