import type { Credential } from '../../auth/credential.js';
import { CredentialStore } from '../../auth/credential-store.js';
import type { Context } from '../../context/context.js';
import { byCodeUnit } from '../../lib/compare.js';
import { projectAppCandidates } from './app-candidates.js';
import type { Candidate, SourceOptions } from './candidate.js';
import { attributeCandidates, datastoreCandidates } from './manifest-candidates.js';
import { triggerCandidates, triggerFileCandidates } from './trigger-candidates.js';

/** The dynamic sources `rosi __complete <source>` serves. Each reads local files only. */
export const dynamicSources: Readonly<Record<string, (ctx: Context, o: SourceOptions) => Promise<Candidate[]>>> = {
  teams: teamCandidates,
  apps: appCandidates,
  datastores: datastoreCandidates,
  attributes: attributeCandidates,
  triggers: triggerCandidates,
  'trigger-files': triggerFileCandidates,
};

/** Team IDs and team domains of the stored logins, so `--team` accepts either. */
export async function teamCandidates(ctx: Context): Promise<Candidate[]> {
  // A store without permission checks: a warning printed on Tab would land in the user's prompt.
  const creds = Object.values(await new CredentialStore(ctx.paths.credentialsFile).read()).sort(
    (a, b) => byCodeUnit(a.team_domain, b.team_domain) || byCodeUnit(a.team_id, b.team_id),
  );
  return [
    ...creds.map((c) => ({ value: c.team_id, description: withHost(c.team_domain, c) })),
    ...creds.map((c) => ({ value: c.team_domain, description: withHost(c.team_id, c) })),
  ];
}

/** App IDs from `.slack/apps.json` and `.slack/apps.dev.json`; a damaged file adds none. */
export function appCandidates(ctx: Context): Promise<Candidate[]> {
  return projectAppCandidates(ctx.paths.cwd);
}

/** `value<TAB>description` lines for values starting with `partial` (any case), once each. */
export function formatCandidates(candidates: readonly Candidate[], partial: string): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  const prefix = partial.toLowerCase();
  for (const c of candidates) {
    // A value with white space could not be typed back as one word; it is not a real ID.
    if (!c.value || /\s/.test(c.value) || seen.has(c.value) || !c.value.toLowerCase().startsWith(prefix)) continue;
    seen.add(c.value);
    const description = c.description?.replace(/\s+/g, ' ').trim();
    lines.push(description ? `${c.value}\t${description}` : c.value);
  }
  return lines;
}

/** Logins on an emulator or a dev host are told apart from production ones. */
function withHost(label: string, c: Credential): string {
  return c.api_host ? `${label} on ${c.api_host}` : label;
}
