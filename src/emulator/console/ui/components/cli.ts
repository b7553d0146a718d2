/**
 * The flags that point a rosi command shown on a page at this app on this emulator, so it runs as pasted
 * whatever other logins the user has (another emulator, Slack).
 */
export function appFlags(appId: string, teamId: string): string {
  return `--app ${appId} --team ${teamId} --apihost ${location.origin}`;
}
