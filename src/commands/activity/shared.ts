/** Shared by the definitions' descriptions. */
export const APP_NOTE =
  'The app is --app, or the one .slack/apps.json records for your login’s team; with --token (or ROSI_TOKEN/SLACK_SERVICE_TOKEN) and --app no project is needed.';
