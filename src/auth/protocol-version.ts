/** The official CLI protocol rosi speaks; Slack validates `slack_cli_version`. */
export const SLACK_CLI_PROTOCOL = 'v4.5.0';

export function cliVersion(env: Readonly<Record<string, string | undefined>>): { full: string; majorMinor: string } {
  const raw = env.ROSI_SLACK_CLI_VERSION?.trim() || SLACK_CLI_PROTOCOL;
  const full = raw.startsWith('v') ? raw : `v${raw}`;
  const [major = '0', minor = '0'] = full.slice(1).split('.');
  return { full, majorMinor: `v${major}.${minor}` };
}
