import * as z from 'zod/mini';

/** One entry of credentials.json, in the official Slack CLI's format (contract §3.1). */
export const Credential = z.looseObject({
  token: z.optional(z.string()),
  team_domain: z.string(),
  team_id: z.string(),
  enterprise_id: z.optional(z.string()),
  user_id: z.string(),
  last_updated: z.optional(z.string()),
  api_host: z.optional(z.string()),
  refresh_token: z.optional(z.string()),
  /** Unix seconds; absent or 0 means the token does not expire. */
  exp: z.optional(z.number()),
  is_enterprise_install: z.optional(z.boolean()),
});
export type Credential = z.infer<typeof Credential>;

export const CredentialsFile = z.record(z.string(), Credential);

const FIELD_ORDER = [
  'token', 'team_domain', 'team_id', 'enterprise_id', 'user_id', 'last_updated',
  'api_host', 'refresh_token', 'exp', 'is_enterprise_install',
] as const;

const TEAM_ID_KEY = /^[TE][A-Z0-9]{8,}$/;

/** Writes entries the way the official CLI does: known fields in its order, then unknown ones. */
export function serialize(creds: Record<string, Credential>): string {
  const out: Record<string, Record<string, unknown>> = {};
  for (const key of Object.keys(creds).sort()) {
    const c = creds[key] as Record<string, unknown>;
    const entry: Record<string, unknown> = {};
    for (const f of FIELD_ORDER) {
      const v = c[f];
      const omit = v === undefined || ((f === 'token' || f === 'enterprise_id' || f === 'api_host' || f === 'refresh_token') && v === '')
        || (f === 'exp' && v === 0) || (f === 'is_enterprise_install' && v === false);
      if (!omit) entry[f] = v;
    }
    if (entry.last_updated === undefined) entry.last_updated = '0001-01-01T00:00:00Z';
    for (const [k, v] of Object.entries(c)) if (!(FIELD_ORDER as readonly string[]).includes(k)) entry[k] = v;
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

export function isRotatable(c: Credential): boolean {
  return Boolean(c.refresh_token) && Boolean(c.exp);
}
