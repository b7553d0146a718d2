import { hostOf, isRotatable, type Credential } from '../../auth/credential.js';
import type { IO } from '../../io/io.js';
import { formatDuration } from '../../lib/duration.js';

/** "in 11h 59m (refreshed automatically)", "expired 3m ago", "never (service token)". */
export function describeExpiry(expiresAt: string | null, rotatable: boolean, now: Date, ui: IO): string {
  if (!expiresAt) return 'never';
  const left = Date.parse(expiresAt) - now.getTime();
  const when = ui.isStdoutTTY ? '' : ` (${expiresAt})`;
  const auto = rotatable ? ', refreshed automatically' : '';
  if (left <= 0) return `${ui.colors.yellow(`expired ${formatDuration(left)} ago`)}${when}${auto}`;
  return `in ${formatDuration(left)}${when}${auto}`;
}

export function teamLabel(c: { team_domain: string; team_id: string; api_host?: string | undefined }): string {
  const host = c.api_host ? ` on ${c.api_host}` : '';
  return `${c.team_domain} (${c.team_id})${host}`;
}

export interface LoginSummary {
  team_id: string;
  team_domain: string;
  user_id: string;
  enterprise_id: string | null;
  api_host: string;
  /** ISO-8601 expiry, or null for tokens that do not expire. */
  expires_at: string | null;
  rotatable: boolean;
  last_updated: string | null;
}

export function summarize(c: Credential): LoginSummary {
  return {
    team_id: c.team_id,
    team_domain: c.team_domain,
    user_id: c.user_id,
    enterprise_id: c.enterprise_id ?? null,
    api_host: hostOf(c),
    expires_at: c.exp ? new Date(c.exp * 1000).toISOString() : null,
    rotatable: isRotatable(c),
    last_updated: c.last_updated ?? null,
  };
}
