import { appsByHost } from '../config/deployed-apps.js';
import { findProjectRoot, readAppsFile, readProjectApps } from '../config/project.js';
import { ApiError } from '../errors/api-error.js';
import { isCliError, withHint } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { hostOf } from './credential.js';
import type { CredentialStore } from './credential-store.js';
import { rosiCommand } from './follow-up.js';
import { deployedHost, isEmulatorHost } from './host.js';
import type { Session } from './session.js';

export interface ExplainInputs {
  session: Session;
  /** --apihost or ROSI_APIHOST was given: the host is what the user asked for. */
  hostRequested: boolean;
  /** The credentials folder, when --config-dir named it. */
  configDir: string | undefined;
  store: CredentialStore;
  cwd: string;
  home: string;
}

/**
 * Rewrites a failed call's hint to fit where the token came from. A stored login is logged
 * in again on its own host and folder; a token from --token, a file or the environment
 * cannot be fixed by `rosi login`, so the hint says which input to replace. A token sent to
 * the default host from inside a project whose app lives on another host says so.
 */
export async function explainFailure(e: unknown, i: ExplainInputs): Promise<unknown> {
  if (!isCliError(e)) return e;
  const s = i.session;
  let hint = e.hint;
  if (e.exitCode === ExitCode.auth) hint = s.source === 'stored' ? scopedToLogin(hint, i) : refusedHint(s);
  if (emulatorFailed(e, s.apiHost)) hint = `The emulator at ${s.apiHost} failed; the terminal where \`rosi emulator\` runs says why.`;
  // Only a failed call says anything about the host; Ctrl-C or a usage error does not.
  const failedThere = e.exitCode === ExitCode.failed || e.exitCode === ExitCode.auth;
  if (s.source !== 'stored' && !i.hostRequested && failedThere) {
    const note = await deployedElsewhere(i).catch(() => undefined);
    if (note) hint = hint ? `${note} ${hint}` : note;
  }
  return hint === e.hint ? e : withHint(e, hint);
}

/** A loopback host is `rosi emulator`, so "contact Slack" is no help when it fails inside. */
function emulatorFailed(e: unknown, apiHost: string): boolean {
  if (!(e instanceof ApiError) || !isEmulatorHost(apiHost)) return false;
  return e.slackError === 'internal_error' || e.slackError === 'fatal_error';
}

/** `rosi login` / `rosi logout` in a catalogue hint, completed with the login's host, team and folder. */
function scopedToLogin(hint: string | undefined, i: ExplainInputs): string | undefined {
  const c = i.session.credential();
  const scope = { apiHost: i.session.apiHost, configDir: i.configDir };
  return hint
    ?.replaceAll('`rosi login`', `\`${rosiCommand('login', scope)}\``)
    .replaceAll('`rosi logout`', `\`${rosiCommand('logout', { ...scope, team: c?.team_id })}\``);
}

/**
 * For a token from --token, --token-file or the environment that the host refused.
 * `instead` replaces "use a stored login" where that is not the way out (`rosi login --token`).
 */
export function refusedHint(s: Pick<Session, 'source' | 'origin' | 'apiHost'>, instead = 'to use a stored login'): string {
  const create = `\`${rosiCommand('auth token', { apiHost: s.apiHost })}\``;
  if (s.source === 'flag') return `Check the token given with --token, or create one with ${create}; or leave --token out ${instead}.`;
  if (s.source === 'file')
    return `Replace the token in ${s.origin.replace(/^--token-file /, '')} (create one with ${create}), or leave --token-file out ${instead}.`;
  return `Replace the token in ${s.origin} (create one with ${create}), or unset ${s.origin} ${instead}.`;
}

/**
 * The project's deployed apps and the hosts they live on: rosi's record of each deploy, the
 * host an entry records, or the host of the stored login for its team. Says so when none of them is the host in use.
 */
async function deployedElsewhere(i: ExplainInputs): Promise<string | undefined> {
  const root = findProjectRoot(i.cwd, i.home);
  if (!root) return undefined;
  // rosi's own record says where each app went; the official entries only name a team, whose stored login tells the host.
  const recorded = appsByHost(await readAppsFile(root));
  const apps = (await readProjectApps(root)).filter((a) => a.environment === 'deployed');
  if (recorded.length === 0 && apps.length === 0) return undefined;
  const creds = await i.store.read();
  const placed = [
    ...recorded,
    ...apps.map((a) => {
      const entryHost = typeof a.api_host === 'string' ? deployedHost(a.api_host) : undefined;
      const login = a.team_id ? creds[a.team_id] : undefined;
      return { app: a.app_id, host: entryHost ?? (login ? hostOf(login) : undefined) };
    }),
  ];
  if (placed.some((p) => p.host === i.session.apiHost)) return undefined;
  const other = placed.find((p) => p.host !== undefined);
  if (!other) return undefined;
  return `This project's app ${other.app} was deployed to ${other.host}, not ${i.session.apiHost}: add --apihost ${other.host}.`;
}
