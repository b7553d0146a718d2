import type { ServerResponse } from 'node:http';
import { appName } from '../../apps/index.js';
import { APPROVE_PATH } from '../../auth/index.js';
import type { EmulatorDeps } from '../../deps.js';
import type { Team } from '../../store.js';
import { ConsoleError, sendConsoleJson } from '../reply.js';

/** Apps per page of the overview (keyset by ID); teams and users past this many are counted as more. */
const APPS_PER_PAGE = 50;
const PEOPLE_SHOWN = 100;
const APP_ID = /^[A-Z0-9]{1,32}$/;

interface OverviewCall {
  res: ServerResponse;
  url: URL;
  deps: EmulatorDeps;
}

/** GET overview?apps_after=: the teams, users and apps, and how to point rosi at this emulator. */
export function overview({ res, url, deps }: OverviewCall): void {
  const after = url.searchParams.get('apps_after') ?? '';
  if (after !== '' && !APP_ID.test(after)) {
    throw new ConsoleError(400, 'invalid_query', `apps_after=${JSON.stringify(after)} is not an app ID.`, {
      hint: 'Pass the apps_next of the previous answer, or leave apps_after out for the first page.',
    });
  }
  const teams = deps.store.teams(PEOPLE_SHOWN + 1);
  const users = deps.store.users(PEOPLE_SHOWN + 1);
  const rows = deps.store.apps.list({ after, limit: APPS_PER_PAGE + 1 });
  const page = rows.slice(0, APPS_PER_PAGE);
  const teamsById = new Map<string, Team | undefined>(teams.map((t) => [t.id, t]));
  const team = (id: string) => {
    if (!teamsById.has(id)) teamsById.set(id, deps.store.team(id));
    return teamsById.get(id);
  };
  const origin = deps.origin();
  sendConsoleJson(res, 200, {
    emulator: { origin, team_id: deps.team.id, login_command: `rosi login --apihost ${origin}`, approve_url: `${origin}${APPROVE_PATH}` },
    teams: teams.slice(0, PEOPLE_SHOWN),
    teams_more: teams.length > PEOPLE_SHOWN,
    users: users.slice(0, PEOPLE_SHOWN),
    users_more: users.length > PEOPLE_SHOWN,
    apps: page.map((a) => {
      const last = deps.store.uploads.lastDeployment(a.id);
      return {
        id: a.id,
        name: appName(a.manifest) ?? null,
        team_id: a.team_id,
        team_name: team(a.team_id)?.name ?? null,
        owner_id: a.owner_id,
        owner_name: deps.store.user(a.owner_id)?.name ?? null,
        created_at: a.created_at,
        last_deploy: last ? { version: last.version, at: last.deployed_at, by: last.deployed_by } : null,
      };
    }),
    apps_next: rows.length > APPS_PER_PAGE ? (page.at(-1)?.id ?? null) : null,
  });
}
