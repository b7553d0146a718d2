import { UsageError } from '../errors/cli-error.js';
import { rm } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';
import { appsFilePath, ensureProjectDir, readAppsFile, type AppsFile, type PendingCreate, type ProjectAppEntry } from './project.js';

/** What rosi records for a deployed app in `.slack/apps.json` (the official CLI's fields). */
export interface DeployedAppEntry {
  app_id: string;
  team_id: string;
  team_domain: string;
  enterprise_id?: string | undefined;
  user_id?: string | undefined;
}

/** Where an app lives: the API host (an origin, as sessions carry it) and the team. */
export interface AppPlace {
  host: string;
  team: string;
}

/**
 * The app the project deployed to `team` on `host`: rosi's own record for that host, else
 * the official `apps` entry for the team, unless rosi knows that entry belongs to another host.
 */
export function recordedApp(file: AppsFile, at: AppPlace): string | undefined {
  const own = file.rosi?.apps?.[at.host]?.[at.team]?.app_id;
  if (own) return own;
  const official = file.apps?.[at.team]?.app_id;
  return official && !claimedElsewhere(file, at, official) ? official : undefined;
}

/** Every app rosi recorded with the API host it was deployed to. */
export function appsByHost(file: AppsFile): { app: string; host: string }[] {
  return Object.entries(file.rosi?.apps ?? {}).flatMap(([host, teams]) => Object.values(teams).map((e) => ({ app: e.app_id, host })));
}

function claimedElsewhere(file: AppsFile, at: AppPlace, appId: string): boolean {
  return Object.entries(file.rosi?.apps ?? {}).some(([host, teams]) => host !== at.host && teams[at.team]?.app_id === appId);
}

/**
 * The recorded app for `team` on `host`, reconciled with an explicit `--app`: an --app that
 * contradicts the record is a usage error; otherwise --app wins, then the record.
 */
export async function projectAppFor(root: string, at: AppPlace, explicitApp: string | undefined): Promise<string | undefined> {
  const recorded = recordedApp(await readAppsFile(root), at);
  if (explicitApp !== undefined && recorded && recorded !== explicitApp) {
    throw new UsageError(`--app ${explicitApp} is not the app this project deployed to ${at.team} on ${at.host} (${recorded})`, {
      code: 'invalid_app_flag',
      hint: `Use --app ${recorded}, or leave --app out.`,
    });
  }
  return explicitApp ?? recorded;
}

/** The create rosi asked `host` for in `team` and never heard back about, if any. */
export async function pendingCreate(root: string, at: AppPlace): Promise<PendingCreate | undefined> {
  return (await readAppsFile(root)).rosi?.pending?.[at.host]?.[at.team];
}

/** Notes, before `apps.manifest.create` is sent, that an app may come into being. */
export async function markCreatePending(root: string, at: AppPlace, pending: PendingCreate): Promise<void> {
  await rewrite(root, (file) => setPending(file, at, pending));
}

/** Forgets a pending create that is known not to have made an app (Slack said no). */
export async function clearCreatePending(root: string, at: AppPlace): Promise<void> {
  await rewrite(root, (file) => setPending(file, at, undefined));
}

// The official CLI writes these keys in this order (Go struct order); others follow.
const ENTRY_KEYS = ['app_id', 'enterprise_id', 'team_domain', 'team_id', 'user_id'] as const;

/**
 * Records a deployed app in `.slack/apps.json` and clears any pending create for its place.
 * rosi's section gets it under host and team. The official `apps` entry for the team (what
 * the official CLI reads) gets it too, as the official CLI writes it, unless that entry is
 * another host's app, which stays. Atomic write, mode 0600, 2-space indent, every field rosi
 * does not know kept; `default` (legacy) becomes the team domain when there is one app.
 * Creates `.slack/.gitignore` on the way.
 *
 * @returns the file as written.
 */
export async function recordDeployedApp(root: string, host: string, entry: DeployedAppEntry): Promise<AppsFile> {
  return rewrite(root, (current) => {
    const at = { host, team: entry.team_id };
    const next = setPending(current, at, undefined);
    const rosiApps = { ...next.rosi?.apps };
    rosiApps[host] = { ...rosiApps[host], [entry.team_id]: officialEntry(entry, rosiApps[host]?.[entry.team_id]) };
    next.rosi = { ...next.rosi, apps: rosiApps };
    const official = current.apps?.[entry.team_id];
    if (!official || !claimedElsewhere(next, at, official.app_id)) {
      next.apps = { ...current.apps, [entry.team_id]: officialEntry(entry, official) };
      if (Object.keys(next.apps).length === 1) next.default = entry.team_domain;
    }
    return next;
  });
}

/** The entry in the official CLI's key order; a previous entry for the same app keeps its other fields. */
function officialEntry(entry: DeployedAppEntry, previous: ProjectAppEntry | undefined): ProjectAppEntry {
  const merged: Record<string, unknown> = previous?.app_id === entry.app_id ? { ...previous } : {};
  for (const key of ENTRY_KEYS) delete merged[key];
  const ordered: Record<string, unknown> = {};
  for (const key of ENTRY_KEYS) if (entry[key] !== undefined && entry[key] !== '') ordered[key] = entry[key];
  return { ...ordered, ...merged } as ProjectAppEntry;
}

function setPending(file: AppsFile, at: AppPlace, pending: PendingCreate | undefined): AppsFile {
  const hosts = { ...file.rosi?.pending };
  const teams = { ...hosts[at.host] };
  if (pending) teams[at.team] = pending;
  else delete teams[at.team];
  if (Object.keys(teams).length) hosts[at.host] = teams;
  else delete hosts[at.host];
  const { pending: _old, ...rest } = file.rosi ?? {};
  const rosi = Object.keys(hosts).length ? { ...rest, pending: hosts } : rest;
  const { rosi: _section, ...next } = file;
  return Object.keys(rosi).length ? { ...next, rosi } : next;
}

/**
 * Forgets every record of apps deployed to `host`, an API host gone for good (the emulator
 * `rosi emulator exec` started, deployed to and stopped): rosi's entries and pending creates
 * for it, and the official `apps` entry of a team when that entry is one of those apps (the
 * legacy `default` goes with the last of them). Other hosts' records stay. A file left with
 * nothing in it is removed; with nothing to forget the file is not touched.
 */
export async function forgetDeployedApps(root: string, host: string): Promise<void> {
  const file = await readAppsFile(root);
  const gone = file.rosi?.apps?.[host] ?? {};
  if (!Object.keys(gone).length && !file.rosi?.pending?.[host]) return;
  const apps = { ...file.apps };
  let defaultGone = false;
  for (const [team, entry] of Object.entries(gone)) {
    if (apps[team]?.app_id !== entry.app_id) continue;
    defaultGone ||= file.default !== undefined && file.default === apps[team]?.team_domain;
    delete apps[team];
  }
  const { [host]: _apps, ...otherApps } = file.rosi?.apps ?? {};
  const { [host]: _pending, ...otherPending } = file.rosi?.pending ?? {};
  const { apps: _a, pending: _p, ...rosiRest } = file.rosi ?? {};
  const rosi = {
    ...rosiRest,
    ...(Object.keys(otherApps).length ? { apps: otherApps } : {}),
    ...(Object.keys(otherPending).length ? { pending: otherPending } : {}),
  };
  const { apps: _official, default: legacyDefault, rosi: _section, ...others } = file;
  const next: AppsFile = {
    ...(Object.keys(apps).length ? { apps } : {}),
    ...(legacyDefault === undefined || (defaultGone && !Object.keys(apps).length) ? {} : { default: legacyDefault }),
    ...others,
    ...(Object.keys(rosi).length ? { rosi } : {}),
  };
  if (Object.keys(next).length) await rewrite(root, () => next);
  else await rm(appsFilePath(root), { force: true });
}

async function rewrite(root: string, change: (file: AppsFile) => AppsFile): Promise<AppsFile> {
  const { apps, default: legacyDefault, rosi, ...others } = change(await readAppsFile(root));
  // The official CLI's keys first, as it writes them; rosi's own section last.
  const next: AppsFile = {
    ...(apps ? { apps } : {}),
    ...(legacyDefault === undefined ? {} : { default: legacyDefault }),
    ...others,
    ...(rosi ? { rosi } : {}),
  };
  await ensureProjectDir(root);
  await writeFileAtomic(appsFilePath(root), `${JSON.stringify(next, null, 2)}\n`, 0o600);
  return next;
}
