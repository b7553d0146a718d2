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
  // Triggers (runtime contract §1.4) and who may run them (§1.2).
  workflow_not_found: {
    message: 'The workflow the trigger names was not found in the app',
    hint: 'Check "workflow" in the trigger definition ("#/workflows/<callback_id>") against the manifest, and deploy the app if the workflow is new.',
  },
  invalid_trigger: { message: 'The trigger definition is invalid', hint: 'Check the trigger definition file against the trigger type it declares.' },
  invalid_trigger_type: { message: 'The trigger type is not recognized', hint: 'Set "type" to one of shortcut, event, scheduled or webhook.' },
  invalid_trigger_config: {
    message: "The trigger does not conform to its type's schema",
    hint: 'Check the settings of its type ("event", "schedule", "webhook" or "shortcut") in the trigger definition.',
  },
  invalid_trigger_event_type: { message: 'The event type is not allowed for event triggers', hint: 'Check "event.event_type" in the trigger definition.' },
  invalid_trigger_inputs: {
    message: 'Required inputs of the workflow are not given by the trigger',
    hint: 'Give each required workflow input a value under "inputs" in the trigger definition.',
  },
  invalid_interactive_trigger_inputs: {
    message: "One or more input types aren't supported by link triggers",
    hint: 'Use another trigger type for this workflow, or change the input types in the manifest.',
  },
  invalid_arguments_customizable_inputs: {
    message: 'A customizable input cannot be hidden, locked or given a value',
    hint: 'Remove "value", "hidden" and "locked" from inputs marked "customizable": true.',
  },
  customizable_inputs_only_allowed_on_link_triggers: {
    message: 'Customizable inputs are allowed only on link triggers',
    hint: 'Remove "customizable" from the inputs, or make it a shortcut (link) trigger.',
  },
  customizable_inputs_not_allowed_on_optional_inputs: {
    message: 'Customizable inputs must map to required workflow inputs',
    hint: 'Mark the workflow input as required in the manifest, or remove "customizable" from it.',
  },
  customizable_input_missing_matching_workflow_input: {
    message: 'A customizable input has no matching workflow input',
    hint: 'Check the input names in the trigger definition against the workflow’s input parameters.',
  },
  customizable_input_unsupported_type: {
    message: 'A customizable input has an unsupported type',
    hint: 'Only inputs of type UserID, ChannelId and String can be customizable.',
  },
  invalid_workflow_app_id: {
    message: 'The app of the trigger’s workflow is invalid or missing',
    hint: 'Check --app, and that you are logged in to the team that owns the app (`rosi auth list`).',
  },
  invalid_workflow_id: { message: 'The workflow ID is invalid', hint: 'Check "workflow" in the trigger definition ("#/workflows/<callback_id>").' },
  invalid_user_id: { message: 'A user ID is invalid', hint: 'Check the user IDs given (they start with U or W).' },
  invalid_channel_id: { message: 'A channel ID is invalid', hint: 'Check the channel IDs given (they start with C, D or G).' },
  invalid_webhook_config: {
    message: 'The webhook trigger configuration is invalid',
    hint: 'Give only one of "schema" and "schema_ref" under "webhook" in the trigger definition.',
  },
  invalid_webhook_schema_ref: {
    message: 'The webhook schema reference could not be resolved',
    hint: 'Check "webhook.schema_ref" against the types in the manifest.',
  },
  trigger_not_found: { message: 'The trigger was not found', hint: 'Check the trigger ID; `rosi trigger list` shows the app’s triggers.' },
  trigger_does_not_exist: { message: 'The trigger does not exist', hint: 'Check the trigger ID; `rosi trigger list` shows the app’s triggers.' },
  parameter_validation_failed: {
    message: "The trigger's inputs do not match the workflow's input parameters",
    hint: 'Check each value under "inputs" in the trigger definition against the type of the workflow input it fills.',
  },
  invalid_scopes: { message: 'Some of the scopes requested do not exist', hint: 'Check the scopes under oauth_config in the manifest, then deploy again.' },
  no_triggers: { message: 'There are no triggers installed for this app', hint: 'Create one with `rosi trigger create`.' },
  invalid_permission_type: {
    message: 'The trigger’s access must be set to named entities before entities can be added or removed',
    hint: 'Set the trigger’s access to named entities first, then add or remove entities.',
  },
  named_entities_cannot_be_empty: { message: 'Access for named entities needs at least one user, channel, workspace or organization' },
  no_valid_named_entities: { message: 'None of the named entities is valid', hint: 'Check the IDs given.' },
  too_many_named_entities: { message: 'Too many named entities for one trigger' },
  invalid_trigger_access: { message: 'Trigger access cannot be configured for more than 10 users' },
  user_not_found: { message: 'A user was not found', hint: 'Check the user IDs given.' },
  channel_not_found: { message: 'A channel was not found', hint: 'Check the channel IDs given.' },
  team_not_found: { message: 'A workspace was not found', hint: 'Check the workspace (team) IDs given.' },
  org_not_found: { message: 'An organization was not found', hint: 'Check the organization IDs given.' },
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
