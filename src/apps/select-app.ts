import type { SlackApi } from '../api/client.js';
import { rosiCommand } from '../auth/follow-up.js';
import type { Session } from '../auth/session.js';
import { projectAppFor, type AppPlace } from '../config/deployed-apps.js';
import { findProjectRoot } from '../config/project.js';
import { CliError, UsageError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { teamHasApp, tokenOwner } from './requests.js';

/** An app ID as Slack issues them. */
export const APP_ID = /^A[A-Z0-9]{2,}$/;

/** What picking an app needs from the invocation; a command's Context has all of it. */
export interface AppSelectionDeps {
  readonly paths: { readonly cwd: string; readonly home: string };
  session(): Promise<Pick<Session, 'apiHost' | 'source' | 'credential'>>;
  api(): Promise<Pick<SlackApi, 'call'>>;
}

export interface SelectAppRequest {
  /** `--app`, or the app named inside the command's input. */
  app: string | undefined;
  /** The command, for hints: `rosi datastore get`. */
  command: string;
  /**
   * Nothing may be sent (`--show`): the team comes from the stored login only, so an app
   * that only `auth.test` could find must be named.
   */
  offline?: boolean | undefined;
}

/**
 * Which app a command acts on, for every command that acts on a deployed app (see pickApp).
 * The token's team costs an `auth.test` call only when a project has to be read and the
 * token is not a stored login.
 *
 * @throws UsageError `missing_app` offline with neither --app nor a stored login.
 */
export async function selectApp(deps: AppSelectionDeps, r: SelectAppRequest): Promise<SelectedApp> {
  const base = { cwd: deps.paths.cwd, home: deps.paths.home, app: r.app, command: r.command };
  if (r.offline) {
    // A named app is printed as given: checking it against the project would need the team.
    return r.app !== undefined
      ? pickApp({ ...base, explicitToken: true, place: async () => ({ host: '', team: '' }) })
      : pickApp({ ...base, explicitToken: false, place: () => offlinePlace(deps) });
  }
  const session = await deps.session();
  return pickApp({
    ...base,
    explicitToken: session.source !== 'stored',
    place: async () => ({ host: session.apiHost, team: session.credential()?.team_id ?? (await tokenOwner(await deps.api())).team_id }),
  });
}

async function offlinePlace(deps: AppSelectionDeps): Promise<AppPlace> {
  const session = await deps.session();
  const team = session.credential()?.team_id;
  if (team) return { host: session.apiHost, team };
  throw new UsageError('--show sends nothing, and with a token from --token or the environment only auth.test could tell which app', {
    code: 'missing_app',
    hint: 'Name the app with --app.',
  });
}

export interface PickAppInput {
  cwd: string;
  home: string;
  /** `--app`, or the app named inside the command's input. */
  app: string | undefined;
  /** A token from --token, a file or the environment, with an app, needs no project (CI). */
  explicitToken: boolean;
  /** The API host and the token's team; the team may cost an `auth.test` call, so it is asked only when needed. */
  place: () => Promise<AppPlace>;
  /** The command, for hints: `rosi datastore get`. */
  command: string;
}

export interface SelectedApp {
  appId: string;
  /** Where the app ID came from. */
  source: 'flag' | 'project';
  /** The project folder, when one was read. */
  root: string | undefined;
}

/**
 * Which app a command acts on (contract §4.3, deployed apps only): `--app`, checked against
 * the project's `.slack/apps.json` entry for the token's team on its API host when there is a
 * project and a stored login; otherwise that entry. A token given explicitly plus `--app` reads no files.
 *
 * @throws UsageError `invalid_app_flag` for a malformed ID or one that is not the project's
 *   app for the team; `invalid_app_directory` with no --app outside a project.
 * @throws CliError `app_not_found` when the project has no app deployed to the team.
 */
export async function pickApp(i: PickAppInput): Promise<SelectedApp> {
  if (i.app !== undefined) checkAppId(i.app);
  if (i.app !== undefined && i.explicitToken) return { appId: i.app, source: 'flag', root: undefined };
  const root = findProjectRoot(i.cwd, i.home);
  if (!root) {
    if (i.app !== undefined) return { appId: i.app, source: 'flag', root: undefined };
    throw new UsageError(`${i.cwd} is not inside a Slack project, so there is no app to pick`, {
      code: 'invalid_app_directory',
      hint: `Run ${i.command} in the project folder, or name the app with --app A0123ABCDEF.`,
    });
  }
  const place = await i.place();
  const recorded = await projectAppFor(root, place, i.app);
  if (i.app !== undefined) return { appId: i.app, source: 'flag', root };
  if (!recorded) {
    throw new CliError(
      'app_not_found',
      `The project in ${root} has no app deployed to team ${place.team} on ${place.host} (.slack/apps.json)`,
      ExitCode.failed,
      {
        hint: `Deploy it with \`${rosiCommand('deploy', { apiHost: place.host, team: place.team })}\` in ${root}, or name the app with --app.`,
      },
    );
  }
  return { appId: recorded, source: 'project', root };
}

/** @throws UsageError `invalid_app_flag` for anything but an app ID. */
function checkAppId(appId: string): void {
  if (!APP_ID.test(appId)) throw new UsageError(`--app must be an app ID like A0123ABCDEF, got ${JSON.stringify(appId)}`, { code: 'invalid_app_flag' });
}

export interface DeployApp {
  /** Undefined when the project has no app on the team yet: the deploy creates one. */
  appId: string | undefined;
  /** CI: a token from a flag, a file or the environment plus --app needs no project files, and writes none. */
  skipLocal: boolean;
}

/**
 * Which app a deploy goes to, in the project at `root`: --app reconciled with the project's
 * record for the token's team (as pickApp does), or none yet. With an explicit token and
 * --app no file is read, so the app is checked against the team (`apps.status`) instead.
 *
 * @throws UsageError `invalid_app_flag` for a malformed ID or one that is not the project's app for the team.
 * @throws CliError `app_not_found` when the token's team does not know the app named with --app.
 */
export async function selectDeployApp(
  api: Pick<SlackApi, 'call'>,
  i: { root: string; place: AppPlace; app: string | undefined; explicitToken: boolean },
): Promise<DeployApp> {
  const skipLocal = i.explicitToken && i.app !== undefined;
  const appId = skipLocal ? i.app : await projectAppFor(i.root, i.place, i.app);
  if (appId) checkAppId(appId);
  if (skipLocal && appId && !(await teamHasApp(api, appId))) {
    throw new CliError('app_not_found', `App ${appId} was not found for team ${i.place.team}`, ExitCode.failed, {
      hint: 'Check --app and that the token belongs to the app’s team.',
    });
  }
  return { appId, skipLocal };
}
