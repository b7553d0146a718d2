import { projectAppFor, type AppPlace } from '../config/deployed-apps.js';
import { findProjectRoot } from '../config/project.js';
import { CliError, UsageError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';

export interface SelectAppInput {
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

const APP_ID = /^A[A-Z0-9]{2,}$/;

/**
 * Which app a command acts on (contract §4.3, deployed apps only): `--app`, checked against
 * the project's `.slack/apps.json` entry for the token's team on its API host when there is a
 * project and a stored login; otherwise that entry. A token given explicitly plus `--app` reads no files.
 *
 * @throws UsageError `invalid_app_flag` for a malformed ID or one that is not the project's
 *   app for the team; `invalid_app_directory` with no --app outside a project.
 * @throws CliError `app_not_found` when the project has no app deployed to the team.
 */
export async function selectApp(i: SelectAppInput): Promise<SelectedApp> {
  if (i.app !== undefined && !APP_ID.test(i.app)) {
    throw new UsageError(`--app must be an app ID like A0123ABCDEF, got ${JSON.stringify(i.app)}`, { code: 'invalid_app_flag' });
  }
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
    throw new CliError('app_not_found', `The project in ${root} has no app deployed to team ${place.team} on ${place.host} (.slack/apps.json)`, ExitCode.failed, {
      hint: 'Deploy it with `rosi deploy`, or name the app with --app.',
    });
  }
  return { appId: recorded, source: 'project', root };
}
