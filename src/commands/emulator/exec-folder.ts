import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialStore } from '../../auth/credential-store.js';
import { saveCredential } from '../../auth/login.js';
import { normalizeApiHost } from '../../config/api-host.js';
import { resolvePaths } from '../../config/paths.js';
import type { Context } from '../../context/context.js';

/**
 * The private folder of one `rosi emulator exec`: the emulator's data folder (unless the flags chose one)
 * and the credentials folder the command gets as SLACK_CONFIG_DIR. One folder under the system's temporary
 * folder, 0700, removed as a whole at the end.
 */
export interface ExecFolder {
  /** The folder itself, holding the two below. */
  root: string;
  /** The emulator's state. */
  dataDir: string;
  /** SLACK_CONFIG_DIR for the command: credentials.json, as `rosi login` writes it. */
  configDir: string;
  remove(): Promise<void>;
}

export async function makeExecFolder(): Promise<ExecFolder> {
  // mkdtemp makes it 0700: what is inside (a token, the emulator's database) is this user's only.
  const root = await mkdtemp(join(tmpdir(), 'rosi-exec-'));
  const folder: ExecFolder = {
    root,
    dataDir: join(root, 'emulator'),
    configDir: join(root, 'config'),
    remove: () => rm(root, { recursive: true, force: true, maxRetries: 3 }),
  };
  try {
    await mkdir(folder.configDir, { mode: 0o700 });
  } catch (e) {
    await folder.remove();
    throw e;
  }
  return folder;
}

/** The seeded user's sign-in, as the emulator gave it. */
export interface SignedIn {
  token: string;
  teamId: string;
  teamDomain: string;
  userId: string;
  /** The emulator's URL. */
  url: string;
}

/**
 * Writes the sign-in to `configDir`'s credentials.json exactly as `rosi login` against that emulator would
 * (the same store: atomic, 0600, under its lock), so rosi commands find a login there with no flags.
 */
export async function writeLogin(ctx: Context, configDir: string, s: SignedIn): Promise<void> {
  const paths = resolvePaths({ env: {}, home: ctx.paths.home, cwd: ctx.paths.cwd, platform: ctx.platform, configDirFlag: configDir });
  const store = new CredentialStore(paths.credentialsFile, ctx.platform === 'win32' ? undefined : { warn: (line) => ctx.io.warn(line) });
  await saveCredential(store, {
    token: s.token,
    team_domain: s.teamDomain,
    team_id: s.teamId,
    user_id: s.userId,
    last_updated: ctx.clock.now().toISOString(),
    api_host: normalizeApiHost(s.url),
  });
}

/**
 * What the command's environment adds to the caller's. The emulator's token is under both names rosi reads
 * (ROSI_TOKEN, and SLACK_SERVICE_TOKEN, which it would fall back to): a real token in the caller's
 * environment never reaches a command meant for the emulator. SLACK_APP_ID is not set: neither rosi nor
 * Slack's SDKs read it, and ROSI_APP_ID says the same without claiming a name of Slack's.
 */
export function execEnv(s: SignedIn, configDir: string, appId: string | undefined): Record<string, string> {
  return {
    ROSI_APIHOST: s.url,
    ROSI_TOKEN: s.token,
    SLACK_SERVICE_TOKEN: s.token,
    // @slack/web-api's slackApiUrl and deno-slack-api's base URL: the API's root, with its slash.
    SLACK_API_URL: `${s.url}/api/`,
    SLACK_CONFIG_DIR: configDir,
    ROSI_TEAM_ID: s.teamId,
    ...(appId === undefined ? {} : { ROSI_APP_ID: appId }),
  };
}
