import type { ProjectAppEntry } from '../../config/project.js';
import type { Candidate } from './candidate.js';

/** The app IDs the project in `dir` records, deployed and local. */
export async function projectAppCandidates(dir: string): Promise<Candidate[]> {
  // The project reader validates with zod; completing teams should not pay for loading it.
  const { readAppsFile, readDevAppsFile } = await import('../../config/project.js');
  const [deployed, local] = await Promise.allSettled([readAppsFile(dir), readDevAppsFile(dir)]);
  const apps = deployed.status === 'fulfilled' ? Object.values(deployed.value.apps ?? {}) : [];
  // Apps on other API hosts are only in rosi's section; those also in `apps` are listed once.
  const byHost = deployed.status === 'fulfilled' ? Object.entries(deployed.value.rosi?.apps ?? {}) : [];
  const onHosts = byHost.flatMap(([host, teams]) => Object.values(teams).map((a) => appCandidate(a, `deployed on ${host}`)));
  const devApps = local.status === 'fulfilled' ? Object.values(local.value) : [];
  return [...apps.map((a) => appCandidate(a, 'deployed')), ...onHosts, ...devApps.map((a) => appCandidate(a, 'local'))];
}

function appCandidate(a: ProjectAppEntry, environment: string): Candidate {
  const team = a.team_domain && a.team_id ? `${a.team_domain} (${a.team_id})` : (a.team_domain ?? a.team_id);
  return { value: a.app_id, description: team ? `${team}, ${environment}` : environment };
}
