/**
 * What each Slack error code means to a user and what to do about it.
 * Codes are Slack's, verbatim; the text is rosi's.
 */
export interface CatalogEntry {
  message: string;
  hint?: string;
  /** The code means the credential is unusable: exit 4 rather than 1. */
  auth?: true;
}

const login = 'Run `rosi login` to log in again.';

export const catalog: Readonly<Record<string, CatalogEntry>> = {
  not_authed: { message: 'No token was sent, or you are not logged in', hint: 'Log in with `rosi login`, or pass --token.', auth: true },
  invalid_auth: { message: 'Your authorization is not valid', hint: login, auth: true },
  token_expired: { message: 'Your access token has expired', hint: login, auth: true },
  token_revoked: { message: 'Your token has been revoked', hint: login, auth: true },
  account_inactive: { message: 'The account behind this token is deactivated', hint: login, auth: true },
  already_logged_out: { message: "You're already logged out" },
  missing_scope: { message: 'Your login does not grant this action', hint: 'Run `rosi logout`, then `rosi login`.', auth: true },
  invalid_challenge: {
    message: 'The challenge code is invalid',
    hint: 'Check the code shown in Slack. Tickets expire after five minutes: run `rosi login` again for a new one.',
  },
  invalid_ticket: { message: 'The auth ticket is unknown, already used or expired', hint: 'Run `rosi login` for a new ticket.' },
  missing_challenge: { message: 'A challenge code must be supplied', hint: 'Pass --challenge with the code shown in Slack.' },
  invalid_refresh_token: { message: 'The refresh token is invalid or was already used', hint: login, auth: true },
  token_rotation_error: { message: 'An error occurred while rotating your access token', hint: login, auth: true },
  invalid_parameters: { message: 'The request had invalid parameters (for tickets: slack_cli_version)' },
  cli_update_required: { message: 'Slack requires a newer CLI protocol version', hint: 'Upgrade rosi, or set ROSI_SLACK_CLI_VERSION.' },
  credentials_not_found: { message: 'No credentials were found for this team', hint: 'Run `rosi login`.', auth: true },
  app_not_found: { message: 'The app was not found' },
  installation_required: { message: 'A valid installation of this app is required to take this action', hint: 'Deploy the app with `rosi deploy`.' },
  app_not_hosted: { message: 'The app is not configured to run on Slack infrastructure', hint: 'Set settings.function_runtime to "slack" in the manifest.' },
  invalid_app_id: {
    message: 'The app ID may be invalid for this account and workspace',
    hint: 'Check the app ID and that you are logged in to the team that owns it (`rosi auth list`).',
  },
  invalid_app: { message: 'The app is invalid or unknown' },
  app_approval_request_eligible: { message: 'Installing this app requires an administrator’s approval' },
  app_approval_request_pending: { message: 'An approval request for this app is already pending' },
  app_approval_request_denied: {
    message: 'The approval request for this app was denied',
    hint: 'Retry on a workspace without administrator approval turned on.',
  },
  datastore_error: { message: 'An error occurred while accessing your datastore' },
  datastore_not_found: { message: 'No datastore was specified or it does not exist', hint: 'Pass --datastore, or check the datastores in your manifest.' },
  datastore_missing_primary_key: { message: 'The item is missing the datastore’s primary key' },
  invalid_datastore: { message: 'The datastore is invalid or does not exist' },
  invalid_datastore_expression: { message: 'The datastore expression is invalid' },
  failed_datastore_operation: { message: 'The datastore operation failed' },
  over_resource_limit: { message: 'A platform resource limit was reached' },
  invalid_cursor: { message: 'The pagination cursor is invalid or expired', hint: 'Start again without --cursor.' },
  partial_failure: { message: 'Some items failed' },
  no_file: { message: 'The bundled code was not received by the server', hint: 'Please try again.' },
  invalid_s3_key: { message: 'The uploaded archive key is invalid', hint: 'Deploy again for a fresh upload URL.' },
  file_rejected: { message: 'The uploaded archive was rejected' },
  unknown_file_type: { message: 'Unknown file type, must be application/zip' },
  unsupported_file_name: { message: 'The uploaded file name is not supported' },
  project_compilation_error: { message: 'The app failed to compile on the platform' },
  ratelimited: { message: 'Slack is rate limiting these requests', hint: 'Wait a little and retry.' },
  internal_error: { message: 'An internal error occurred on the Slack platform', hint: 'Retry; if it persists, contact feedback@slack.com.' },
  fatal_error: { message: 'A fatal error occurred on the Slack platform', hint: 'Retry; if it persists, contact feedback@slack.com.' },
  request_timeout: { message: 'The request timed out', hint: 'Retry, or raise ROSI_HTTP_TIMEOUT (seconds).' },
  unknown_method: { message: 'The API host does not know this method', hint: 'Check --apihost: it must point at a Slack API host.' },
  invalid_arguments: { message: 'The request had invalid arguments' },
  invalid_form_data: { message: 'The request body could not be parsed' },
  invalid_json: { message: 'The request body is not valid JSON' },
  request_too_large: { message: 'The request body is too large' },
  unknown_error: { message: 'Slack returned an error without a code' },
  connector_not_installed: { message: 'A connector this app uses is not installed in the workspace' },
  connector_approval_required: { message: 'A connector this app uses needs an administrator’s approval' },
  breaking_change: { message: 'The manifest change breaks existing data or triggers', hint: 'Re-run with --force to apply it anyway.' },
  schema_compatibility_error: { message: 'The datastore schema change is not compatible with existing data', hint: 'Re-run with --force to apply it anyway.' },
  http_request_failed: { message: 'The HTTP request to the Slack API failed', hint: 'Check your connection, --apihost, and HTTPS_PROXY/NO_PROXY.' },
  http_response_invalid: { message: 'The Slack API sent a response rosi could not read', hint: 'Re-run with --verbose to see the response.' },
  unable_to_parse_json: { message: 'The response is not valid JSON', hint: 'Check --apihost: it must point at a Slack API host.' },
  mismatched_flags: { message: 'These flags cannot be used together' },
  missing_flag: { message: 'A required flag is missing' },
  invalid_app_flag: { message: 'The --app value is not a valid app ID or environment' },
  prompt_error: { message: 'A prompt was needed but cannot be shown here', hint: 'Pass the value with the flag named in the message, or run in a terminal.' },
};

export function lookup(code: string): CatalogEntry | undefined {
  return Object.hasOwn(catalog, code) ? catalog[code] : undefined;
}
