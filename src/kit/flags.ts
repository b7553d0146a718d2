import type { FlagDef } from './define-command.js';

/** Flags every command accepts; commander registers them once, on the root. */
export const globalFlags: readonly FlagDef[] = [
  { name: 'app', short: 'a', value: '<id>', description: 'app ID to act on', complete: 'apps' },
  { name: 'team', short: 'w', value: '<id|domain>', description: 'team ID or domain to act on', complete: 'teams' },
  { name: 'token', value: '<token>', description: 'use this token instead of stored credentials (never saved)' },
  { name: 'token-file', value: '<path|->', description: 'read the token from a file, or from stdin with -', complete: 'files' },
  { name: 'apihost', value: '<url>', description: 'Slack API host (default https://slack.com)' },
  { name: 'config-dir', value: '<dir>', description: 'credentials and config folder (default ~/.slack)', complete: 'files' },
  { name: 'json', description: 'print machine-readable JSON on stdout' },
  { name: 'color', description: 'turn colours off (also NO_COLOR)', negatable: true },
  { name: 'verbose', short: 'v', description: 'log HTTP requests to stderr (tokens redacted)' },
  { name: 'prompt', description: 'never prompt; fail naming the flag that is missing (implied by CI)', negatable: true },
  { name: 'force', short: 'f', description: 'skip confirmations' },
];

/** How a command that acts on one app finds it; the descriptions of those commands quote it. */
export const APP_NOTE =
  'The app is --app, or the one .slack/apps.json records for your login’s team; with --token (or ROSI_TOKEN/SLACK_SERVICE_TOKEN) and --app no project is needed.';

/** The split login flow flags shared by `login` and `auth token`. */
export const ticketFlags: readonly FlagDef[] = [
  { name: 'ticket', value: '<ticket>', description: 'finish a login started with --no-prompt: the ticket it printed' },
  { name: 'challenge', value: '<code>', description: 'finish a login: the challenge code Slack showed after approval' },
];
