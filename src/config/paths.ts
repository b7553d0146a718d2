import { join, resolve } from 'node:path';

export interface Paths {
  home: string;
  cwd: string;
  /** `~/.slack` by default, shared with the official Slack CLI. */
  configDir: string;
  credentialsFile: string;
  /** rosi's own data (the emulator's database); never inside configDir. */
  dataDir: string;
}

export interface PathInputs {
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  cwd: string;
  platform: string;
  configDirFlag?: string | undefined;
}

export function resolvePaths(i: PathInputs): Paths {
  const configDir = resolve(i.cwd, i.configDirFlag ?? (i.env.SLACK_CONFIG_DIR || join(i.home, '.slack')));
  return {
    home: i.home,
    cwd: i.cwd,
    configDir,
    credentialsFile: join(configDir, 'credentials.json'),
    dataDir: userDataDir(i),
  };
}

function userDataDir({ env, home, platform }: PathInputs): string {
  if (env.ROSI_DATA_DIR) return env.ROSI_DATA_DIR;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'rosi');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'rosi');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'rosi');
}
